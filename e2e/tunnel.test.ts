import vue from '@vitejs/plugin-vue'
import { wechatQrLogin } from '@wechat-qr-login/vite-plugin'
import { describe, expect, it } from 'vitest'
import { alias } from '../vite.config'
import { saveScreenshot } from './browser'
import { confirmOnPhone, expectLoggedIn, qrFrame, qrUuid, readSession, usePlayground } from './fixtures'

const TUNNEL_HOST = 'abc.natappfree.cc'
const OTHER_HOST = 'evil.example'

describe('the dev server behind a tunnel, in Chromium', () => {
  const playground = usePlayground({
    // How a developer configures a tunnel without touching the config: the environment (or .env.local).
    env: { WECHAT_TUNNEL_HOST: TUNNEL_HOST },
    // The plugin binds 127.0.0.1 while a tunnel is configured, where tunnel clients connect.
    host: null,
    // Both names lead to this machine, as DNS leads a tunnel's host to its server.
    launch: { args: [`--host-resolver-rules=MAP ${TUNNEL_HOST} 127.0.0.1, MAP ${OTHER_HOST} 127.0.0.1`] },
  })

  function through(host: string): string {
    return `http://${host}:${new URL(playground.url).port}`
  }

  it('answers the tunnel\'s host, and a login through it completes', async ({ task }) => {
    const { page } = await playground.openApp(task.name, 'redirect', { origin: through(TUNNEL_HOST) })
    expect(await page.getByTestId('mode-badge').getAttribute('data-mode')).toBe('emulator')

    // Redirect mode: the callback is a top-level navigation, whose Lax cookies plain http allows.
    const button = page.locator('.wechat-qr-login__button--open')
    await button.waitFor()
    await Promise.all([page.waitForURL('**/connect/qrconnect?**'), button.click()])
    expect(new URL(page.url()).searchParams.get('redirect_uri')).toBe(`${through(TUNNEL_HOST)}/auth/wechat/callback`)
    await confirmOnPhone(await playground.phonePage(page), 'alice')

    await page.waitForURL(`${through(TUNNEL_HOST)}/#/mode/redirect`)
    await expectLoggedIn(page, 'Alice Chen')
  })

  it('refuses any other host with 403, the auth routes included', async ({ task }) => {
    const { page } = await playground.openApp(task.name, 'embedded')

    const response = await page.goto(`${through(OTHER_HOST)}/`)

    expect(response?.status()).toBe(403)
    expect(await page.locator('body').textContent()).toContain(`Blocked request. This host ("${OTHER_HOST}") is not allowed.`)
    await saveScreenshot(page, 'blocked-host')
    const auth = await page.goto(`${through(OTHER_HOST)}/auth/wechat/session`)
    expect(auth?.status()).toBe(403)
    // The host the app was opened on still works.
    await page.goto(`${playground.url}/#/mode/embedded`)
    expect(await readSession(page)).toEqual({ authenticated: false })
  })
})

describe('the dev server behind natapp\'s free tier, with tunnelPresets: [\'natapp\'] alone', () => {
  // A random host on every start of natapp: only the preset allows it, and the login must work through it.
  const NATAPP_HOST = 'xyz789.natappfree.cc'
  const playground = usePlayground({
    // The playground's config with the preset instead of an exact tunnel.
    config: { configFile: false, resolve: { alias }, plugins: [vue(), wechatQrLogin({ tunnelPresets: ['natapp'] })] },
    host: null,
    launch: { args: [`--host-resolver-rules=MAP ${NATAPP_HOST} 127.0.0.1`] },
  })

  it('logs in with the embedded QR through the preset\'s host, which the emulator accepts as callback domain', async ({ task }) => {
    const origin = `http://${NATAPP_HOST}:${new URL(playground.url).port}`
    // Without self_redirect: natapp's free tunnels are plain http, where the iframe's callback gets no cookies.
    const { context, page } = await playground.openApp(task.name, 'embedded-top', { origin })

    const frame = await qrFrame(page)
    expect(new URL(frame.url()).searchParams.get('redirect_uri')).toBe(`${origin}/auth/wechat/callback`)
    // The QR leads a phone through the host the page was opened on, to the dev server's way to the emulator.
    const uuid = await qrUuid(frame)
    const session = (await playground.sessions()).find(candidate => candidate.uuid === uuid)
    expect(session?.qrUrl).toBe(`${origin}/__wechat-emulator/connect/confirm?uuid=${uuid}`)
    await confirmOnPhone(await playground.phonePageOf(context, uuid), 'alice')

    await page.waitForURL(`${origin}/#/mode/embedded-top`)
    await expectLoggedIn(page, 'Alice Chen')
  })
})
