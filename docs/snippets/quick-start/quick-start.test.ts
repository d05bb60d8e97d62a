import type { WechatSessionResponse, WechatStateResponse } from '@wechat-qr-login/core'
import type { AddressInfo } from 'node:net'
import type { Plugin, PluginOption, ViteDevServer } from 'vite'
import { fileURLToPath } from 'node:url'
import { buildAuthorizeUrl } from '@wechat-qr-login/core'
import { createCookieJar } from '@wechat-qr-login/test-utils/cookie-jar'
import wechatQrLogin from '@wechat-qr-login/vite-plugin'
import { createServer } from 'vite'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import config from './vite.config'

/** The plugins of a config, nested arrays flattened. */
function flatten(plugins: PluginOption[] | undefined): Plugin[] {
  return (plugins ?? []).flat(Infinity as 1).filter((plugin): plugin is Plugin => typeof plugin === 'object' && plugin !== null && 'name' in plugin)
}

/**
 * guide/quick-start: `vite dev` with the page's config logs in against the emulator it starts,
 * over HTTP, as the browser, the QR page and the phone would.
 */
describe('the quick start', () => {
  let server: ViteDevServer
  let app: string

  it('uses the Vue plugin and every part of wechatQrLogin()', () => {
    expect(flatten(config.plugins).map(plugin => plugin.name)).toEqual(['vite:vue', 'wechat-qr-login:tunnel', 'wechat-qr-login:secret-guard', 'wechat-qr-login:dev'])
  })

  beforeAll(async () => {
    // A developer's own credentials or tunnel in the shell must not switch the test to WeChat.
    for (const name of ['WECHAT_APPID', 'WECHAT_APPSECRET', 'WECHAT_TUNNEL_URL', 'WECHAT_TUNNEL_HOST'])
      vi.stubEnv(name, '')
    // The page's plugins, except that the emulator takes a free port instead of 4399 (tests run
    // side by side).
    const plugins = [...flatten(config.plugins).filter(plugin => !plugin.name.startsWith('wechat-qr-login')), ...wechatQrLogin({ dev: { emulator: { port: 0 } } })]
    server = await createServer({
      plugins,
      root: fileURLToPath(new URL('.', import.meta.url)),
      configFile: false,
      envDir: false,
      logLevel: 'silent',
      optimizeDeps: { noDiscovery: true },
      server: { port: 0, host: '127.0.0.1' },
    })
    await server.listen()
    app = `http://localhost:${(server.httpServer!.address() as AddressInfo).port}`
  }, 30_000)
  afterAll(async () => {
    await server?.close()
    vi.unstubAllEnvs()
  })

  it('logs in with the emulator\'s phone page, no WeChat account needed', async () => {
    const jar = createCookieJar()
    // <WechatQrLogin> asks the dev server for a state…
    const ticket = await (await jar.fetch(`${app}/auth/wechat/state?mode=embedded&self_redirect=false&return_to=%2F`)).json() as WechatStateResponse
    expect(ticket).toMatchObject({ appid: 'wxdeadbeefcafef00d', redirectUri: `${app}/auth/wechat/callback`, openBase: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) })
    // …shows the emulator's QR page…
    const qrPage = await fetch(buildAuthorizeUrl({ ...ticket }))
    const uuid = qrPage.headers.get('x-wechat-emulator-uuid')!
    // …and the phone page confirms as 张伟 (here through the emulator's control API).
    const confirm = await fetch(`${ticket.openBase}/__emulator/sessions/${uuid}/confirm`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'zhang-wei' }) })
    const { redirectUrl } = await confirm.json() as { redirectUrl: string }
    const callback = await jar.fetch(redirectUrl)
    expect(callback.headers.get('location')).toBe(`${app}/`)
    // restore() on the next page load:
    const session = await (await jar.fetch(`${app}/auth/wechat/session`)).json() as WechatSessionResponse
    expect(session).toMatchObject({ authenticated: true, user: { nickname: '张伟' } })
  })
})
