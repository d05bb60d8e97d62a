import type { WechatSessionResponse, WechatStateResponse } from '@wechat-qr-login/core'
import type { QuickStartApp } from './dev-server'
import { buildAuthorizeUrl } from '@wechat-qr-login/core'
import { createCookieJar } from '@wechat-qr-login/test-utils/cookie-jar'
import { captureLogger, flattenPlugins } from '@wechat-qr-login/test-utils/vite-app'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { readPage } from '../site/site'
import { startQuickStart } from './dev-server'
import config from './vite.config'

/**
 * guide/quick-start: `vite dev` with the page's config logs in against the emulator it starts,
 * over HTTP, as the browser, the QR page and the phone would.
 */
describe('the quick start', () => {
  let app: QuickStartApp
  const log = captureLogger()

  it('uses the Vue plugin and wechatQrLogin()', () => {
    expect(flattenPlugins(config.plugins).map(plugin => plugin.name)).toEqual(['vite:vue', 'wechat-qr-login'])
  })

  beforeAll(async () => {
    // No browser loads the app here: nothing to pre-bundle.
    app = await startQuickStart({ optimizeDeps: { noDiscovery: true }, customLogger: log.logger })
  }, 30_000)
  afterAll(async () => {
    await app?.close()
  })

  it('logs in with the emulator\'s phone page, no WeChat account needed', async () => {
    const jar = createCookieJar()
    // <WechatQrLogin> asks the dev server for a state…
    const ticket = await (await jar.fetch(`${app.url}/auth/wechat/state?mode=embedded&self_redirect=false&return_to=%2F`)).json() as WechatStateResponse
    expect(ticket).toMatchObject({ appid: 'wxdeadbeefcafef00d', redirectUri: `${app.url}/auth/wechat/callback`, openBase: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) })
    // …shows the emulator's QR page…
    const qrPage = await fetch(buildAuthorizeUrl({ ...ticket }))
    const uuid = qrPage.headers.get('x-wechat-emulator-uuid')!
    // …and the phone page confirms as 张伟 (here through the emulator's control API).
    const confirm = await fetch(`${ticket.openBase}/__emulator/sessions/${uuid}/confirm`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'zhang-wei' }) })
    const { redirectUrl } = await confirm.json() as { redirectUrl: string }
    const callback = await jar.fetch(redirectUrl)
    expect(callback.headers.get('location')).toBe(`${app.url}/`)
    // restore() on the next page load:
    const session = await (await jar.fetch(`${app.url}/auth/wechat/session`)).json() as WechatSessionResponse
    expect(session).toMatchObject({ authenticated: true, user: { nickname: '张伟' } })
  })

  it.each(['guide/quick-start.md', 'zh/guide/quick-start.md'])('prints the banner that %s quotes', async (page) => {
    const banner = /^ {2}➜ {2}WeChat login \(wechat-qr-login\)(?:\n {5}.*)+/m
    app.server.printUrls()
    await vi.waitFor(() => expect(log.output()).toMatch(banner), { timeout: 15_000 })
    // The page shows the default port, where the test's emulator takes a free one.
    const printed = banner.exec(log.output())![0].replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:4399')
    expect(readPage(page)).toContain(printed)
  })
})
