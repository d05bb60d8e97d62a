import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { createWechatEmulator, DEMO_APP } from './index'

interface FakeIframe { src?: string, frameBorder?: string, allowTransparency?: string, scrolling?: string, width?: string, height?: string }

/** Runs the served wxLogin.js against a minimal DOM and returns what `new WxLogin(options)` built. */
async function runWxLogin(options: Record<string, unknown>): Promise<{ iframe: FakeIframe, container: { innerHTML: string, children: FakeIframe[] } }> {
  const emulator = createWechatEmulator()
  const script = await (await emulator.fetch(new Request('http://127.0.0.1:4399/connect/zh_CN/htmledition/js/wxLogin.js'))).text()
  const container = { innerHTML: '<p>old</p>', children: [] as FakeIframe[], appendChild(child: FakeIframe) {
    this.children.push(child)
  } }
  const document = {
    createElement: (tag: string) => {
      expect(tag).toBe('iframe')
      return {}
    },
    getElementById: (id: string) => id === 'login' ? container : null,
  }
  const window: Record<string, any> = {}
  runInNewContext(script, { window, document })
  runInNewContext('new window.WxLogin(options)', { window, options: { id: 'login', ...options } })
  return { iframe: container.children[0]!, container }
}

describe('wxLogin.js', () => {
  it('builds the iframe WeChat\'s script builds, pointing at the emulator', async () => {
    const { iframe, container } = await runWxLogin({
      appid: DEMO_APP.appid,
      scope: 'snsapi_login',
      redirect_uri: encodeURIComponent('http://localhost:5173/cb'),
      state: 'abc',
      self_redirect: true,
      style: 'white',
      href: 'https://x.test/a.css',
      lang: 'en',
      stylelite: 1,
      fast_login: 0,
    })
    expect(iframe.src).toBe(`http://127.0.0.1:4399/connect/qrconnect?appid=${DEMO_APP.appid}&scope=snsapi_login&redirect_uri=http%3A%2F%2Flocalhost%3A5173%2Fcb&state=abc&login_type=jssdk&self_redirect=true&styletype=&sizetype=&bgcolor=&rst=&style=white&href=https://x.test/a.css&lang=en&stylelite=1&fast_login=0`)
    expect(iframe).toMatchObject({ frameBorder: '0', allowTransparency: 'true', scrolling: 'no', width: '300px', height: '400px' })
    expect(container.innerHTML).toBe('')
    expect(container.children).toHaveLength(1)
  })

  it('keeps WeChat\'s quirks: raw values, "default", "undefined", strict equality', async () => {
    const { iframe } = await runWxLogin({ appid: DEMO_APP.appid, redirect_uri: 'http://localhost/cb?a=1&b=2', self_redirect: 'yes', lang: 'cn', stylelite: true, fast_login: false })
    expect(iframe.src).toBe(`http://127.0.0.1:4399/connect/qrconnect?appid=${DEMO_APP.appid}&scope=undefined&redirect_uri=http://localhost/cb?a=1&b=2&state=undefined&login_type=jssdk&self_redirect=default&styletype=&sizetype=&bgcolor=&rst=`)
  })
})
