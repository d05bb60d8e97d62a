import type { WechatSessionResponse, WechatStateResponse } from '@wechat-qr-login/core'
import type { OfficialAccountState } from '@wechat-qr-login/test-utils/in-wechat'
import type { AddressInfo, Server } from 'node:net'
import type { PluginOption, ViteDevServer } from 'vite'
import type { LatestQr } from './emulator-proxy'
import type { WechatQrLoginDevConfig } from './virtual-module'
import { readdir, readFile, rm } from 'node:fs/promises'
import { createServer as createNetServer } from 'node:net'
import { networkInterfaces } from 'node:os'
import { join } from 'node:path'
import { buildAuthorizeUrl, isWechatLoginError } from '@wechat-qr-login/core'
import { findLanAddress } from '@wechat-qr-login/core/internal'
import { createWechatEmulator, DEMO_APP, DEMO_OFFICIAL_ACCOUNT, WECHAT_USER_AGENTS } from '@wechat-qr-login/emulator'
import { createCookieJar } from '@wechat-qr-login/test-utils/cookie-jar'
import { authorizeInWechat, officialAccountAuthorizeUrl } from '@wechat-qr-login/test-utils/in-wechat'
import { captureLogger, createTempApp, requestWithHost } from '@wechat-qr-login/test-utils/vite-app'
import { build, createServer } from 'vite'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { wechatQrLogin } from '../plugin'
import { createDevIntegration } from './integration'
import { planDev } from './plan'

vi.mock('@wechat-qr-login/emulator', async (importOriginal) => {
  const original = await importOriginal<typeof import('@wechat-qr-login/emulator')>()
  return { ...original, createWechatEmulator: vi.fn(original.createWechatEmulator) }
})

const REAL = {
  WECHAT_APPID: 'wx0123456789abcdef',
  WECHAT_APPSECRET: 'real-secret-9f8e7d6c5b4a39281706',
  WECHAT_SESSION_SECRET: 'real-session-secret-0123456789abcdef',
  WECHAT_OA_APPID: 'wx00112233445566bb',
  WECHAT_OA_APPSECRET: 'real-oa-secret-0a1b2c3d4e5f60718293',
}
// What the emulator mode seals sessions with: it must not reach the browser either.
const EMULATOR_SESSION_SECRET = planDev({ dev: { emulator: { options: {}, port: 0, lan: false }, authBase: '/auth/wechat', server: {} }, env: {}, tunnels: { tunnels: [], allowedHosts: [], warnings: [] }, allowAllHosts: false, redirectUri: undefined }).auth.sessionSecret as string

/** An Official Account's verification file, as the 公众平台 gives it for download. */
const VERIFICATION_FILE = { name: 'MP_verify_JAvcbC1J7nmyASIJ.txt', content: 'JAvcbC1J7nmyASIJ' }

const APP_FILES = {
  'main.js': 'import wechat from \'virtual:wechat-qr-login\'\ndocument.querySelector(\'#app\').textContent = wechat.appid\n',
}

const roots: string[] = []
const servers: ViteDevServer[] = []

async function startDev(plugins: PluginOption, options: { files?: Record<string, string>, log?: ReturnType<typeof captureLogger> } = {}): Promise<{ server: ViteDevServer, port: number, origin: string }> {
  const root = await createTempApp({ ...APP_FILES, ...options.files })
  roots.push(root)
  const server = await createServer({
    root,
    configFile: false,
    ...(options.log ? { customLogger: options.log.logger } : { logLevel: 'silent' }),
    server: { port: 0, host: '127.0.0.1' },
    plugins: [plugins],
  })
  servers.push(server)
  await server.listen()
  const { port } = server.httpServer!.address() as AddressInfo
  return { server, port, origin: `http://127.0.0.1:${port}` }
}

async function getJson<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, init)
  expect(response.headers.get('content-type')).toMatch(/^application\/json/)
  return await response.json() as T
}

/** Logs in over HTTP as the QR page, the phone and the browser would, through the dev server at `origin`. */
async function loginThroughEmulator(origin: string, user = 'zhang-wei'): Promise<{ session: WechatSessionResponse, ticket: WechatStateResponse }> {
  const jar = createCookieJar()
  const stateResponse = await jar.fetch(`${origin}/auth/wechat/state?mode=redirect&return_to=/`)
  const ticket = await stateResponse.json() as WechatStateResponse
  const qrPage = await fetch(buildAuthorizeUrl({ appid: ticket.appid, redirectUri: ticket.redirectUri, state: ticket.state, openBase: ticket.openBase }))
  expect(qrPage.status).toBe(200)
  const uuid = qrPage.headers.get('x-wechat-emulator-uuid')!
  const { redirectUrl } = await getJson<{ redirectUrl: string }>(`${ticket.openBase}/__emulator/sessions/${uuid}/confirm`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user }),
  })
  const callback = await jar.fetch(redirectUrl)
  expect(callback.status).toBe(302)
  expect(callback.headers.get('location')).toBe(`${origin}/`)
  const session = await getJson<WechatSessionResponse>(`${origin}/auth/wechat/session`, { headers: { cookie: jar.header(origin) } })
  return { session, ticket }
}

/** Vite's URLs, then the plugin's banner, which follows once the dev integration has started. */
async function printedBanner(server: ViteDevServer, log: ReturnType<typeof captureLogger>): Promise<string> {
  server.printUrls()
  await vi.waitFor(() => expect(log.output()).toContain('Auth routes:'))
  return log.output()
}

async function virtualModule(server: ViteDevServer): Promise<WechatQrLoginDevConfig> {
  return (await server.ssrLoadModule('virtual:wechat-qr-login')).default as WechatQrLoginDevConfig
}

async function isListening(url: string): Promise<boolean> {
  return fetch(url).then(() => true, () => false)
}

afterEach(() => {
  vi.unstubAllEnvs()
})

afterAll(async () => {
  await Promise.all(servers.map(server => server.close()))
  await Promise.all(roots.map(root => rm(root, { recursive: true, force: true })))
})

describe('wechatQrLogin dev integration', () => {
  describe('emulator mode (no credentials)', () => {
    let dev: Awaited<ReturnType<typeof startDev>>
    const log = captureLogger()

    beforeAll(async () => {
      vi.mocked(createWechatEmulator).mockClear()
      dev = await startDev(wechatQrLogin({ dev: { emulator: { port: 0 } } }), { log })
    })

    it('starts one emulator when a request first needs it, on the other loopback name than the page: another site', async () => {
      expect(createWechatEmulator).not.toHaveBeenCalled()
      const viaIp = await getJson<WechatStateResponse>(`${dev.origin}/auth/wechat/state`)
      const viaName = JSON.parse((await requestWithHost(dev.port, `localhost:${dev.port}`, '/auth/wechat/state')).body) as WechatStateResponse
      expect(new URL(viaName.openBase).hostname).toBe('127.0.0.1')
      expect(new URL(viaIp.openBase).hostname).toBe('localhost')
      expect(new URL(viaIp.openBase).port).toBe(new URL(viaName.openBase).port)
      expect(viaName.redirectUri).toBe(`http://localhost:${dev.port}/auth/wechat/callback`)
      expect(viaName.appid).toBe(DEMO_APP.appid)
      expect(await (await fetch(`${viaName.openBase}/`)).text()).toContain('WeChat emulator')
      expect(createWechatEmulator).toHaveBeenCalledTimes(1)
    })

    it('logs in end to end through the dev server as 张伟', async () => {
      const { session } = await loginThroughEmulator(dev.origin)
      expect(session).toMatchObject({ authenticated: true, user: { nickname: '张伟', id: expect.stringMatching(/^unionid:/) } })
    })

    it('logs in inside WeChat with the emulator\'s Official Account, whose pages it serves under /__wechat-emulator', async () => {
      const jar = createCookieJar()
      const ticket = await (await jar.fetch(`${dev.origin}/auth/wechat/state?flow=oa&scope=snsapi_userinfo`)).json() as OfficialAccountState
      expect(ticket).toMatchObject({ appid: DEMO_OFFICIAL_ACCOUNT.appid, openBase: `${dev.origin}/__wechat-emulator`, redirectUri: `${dev.origin}/auth/wechat/callback`, flow: 'oa' })
      const callbackUrl = await authorizeInWechat(officialAccountAuthorizeUrl(ticket), { user: 'alice' })
      expect(callbackUrl).toMatch(new RegExp(`^${dev.origin}/auth/wechat/callback\\?code=\\w{32}&state=${ticket.state}$`))
      expect((await jar.fetch(callbackUrl)).headers.get('location')).toBe(`${dev.origin}/`)
      const session = await getJson<WechatSessionResponse>(`${dev.origin}/auth/wechat/session`, { headers: { cookie: jar.header(dev.origin) } })
      expect(session).toMatchObject({ authenticated: true, user: { nickname: 'Alice Chen', id: expect.stringMatching(/^unionid:/), flow: 'oa', appid: DEMO_OFFICIAL_ACCOUNT.appid } })
    })

    it('treats a desktop browser as WeChat on the Official Account\'s pages only with the dev-only cookie', async () => {
      const ticket = await (await createCookieJar().fetch(`${dev.origin}/auth/wechat/state?flow=oa`)).json() as OfficialAccountState
      const link = officialAccountAuthorizeUrl(ticket)
      const desktop = { 'user-agent': WECHAT_USER_AGENTS.chromeWindows }
      await expect(authorizeInWechat(link, { headers: desktop })).rejects.toThrow('error outside-wechat')
      await expect(authorizeInWechat(link, { headers: { ...desktop, cookie: 'wechat_emulator_ua=curl' } })).rejects.toThrow('error outside-wechat')
      expect(await authorizeInWechat(link, { headers: { ...desktop, cookie: 'wechat_emulator_ua=wechatIos' } })).toContain('/auth/wechat/callback?code=')
      // The emulator itself stays as WeChat is: the cookie counts on this dev server's proxy only.
      const direct = `${(await virtualModule(dev.server)).emulator!.url}/connect/oauth2/authorize?${new URL(link).search.slice(1)}`
      await expect(authorizeInWechat(direct, { headers: { ...desktop, cookie: 'wechat_emulator_ua=wechatIos' } })).rejects.toThrow('error outside-wechat')
    })

    it('answers the auth routes before Vite\'s SPA fallback, and leaves every other path to Vite', async () => {
      expect(await getJson(`${dev.origin}/auth/wechat/session`)).toEqual({ authenticated: false })
      const logout = await fetch(`${dev.origin}/auth/wechat/logout`, { method: 'POST', headers: { 'content-type': 'application/json' } })
      expect(await logout.json()).toEqual({ authenticated: false })
      const page = await fetch(`${dev.origin}/account`, { headers: { accept: 'text/html' } })
      expect(await page.text()).toContain('<div id="app">')
    })

    it('exposes appid, openBase and the redirect URI in virtual:wechat-qr-login, never a secret', async () => {
      const module = await virtualModule(dev.server)
      expect(module).toMatchObject({ mode: 'emulator', authBase: '/auth/wechat', appid: DEMO_APP.appid, redirectUri: `${dev.origin}/auth/wechat/callback` })
      expect(module.emulator).toMatchObject({ url: module.openBase, latestQrUrl: '/__wechat-emulator/latest-qr' })
      // What the browser downloads: the module itself and the app code that imports it.
      for (const path of ['/@id/__x00__virtual:wechat-qr-login', '/main.js']) {
        const code = await (await fetch(`${dev.origin}${path}`)).text()
        expect(code).toContain(path === '/main.js' ? 'virtual:wechat-qr-login' : DEMO_APP.appid)
        expect(code).not.toContain(DEMO_APP.secret)
        expect(code).not.toContain(EMULATOR_SESSION_SECRET)
      }
    })

    it('serves the emulator\'s phone page under /__wechat-emulator/, and nothing else of it', async () => {
      const ticket = await getJson<WechatStateResponse>(`${dev.origin}/auth/wechat/state`)
      const qrPage = await fetch(buildAuthorizeUrl({ appid: ticket.appid, redirectUri: ticket.redirectUri, state: ticket.state, openBase: ticket.openBase }))
      const uuid = qrPage.headers.get('x-wechat-emulator-uuid')!
      const phone = await fetch(`${dev.origin}/__wechat-emulator/connect/confirm?uuid=${uuid}`)
      expect(phone.status).toBe(200)
      expect(await phone.text()).toContain('张伟')
      expect((await fetch(`${dev.origin}/__wechat-emulator/__emulator/avatar/alice/132`)).headers.get('content-type')).toMatch(/^image\/svg\+xml/)
      expect((await fetch(`${dev.origin}/__wechat-emulator/__emulator/sessions`)).status).toBe(404)
      expect((await fetch(`${dev.origin}/__wechat-emulator/sns/oauth2/access_token`)).status).toBe(404)
    })

    it('describes the newest live QR of a login for a "scan with a real phone" panel', async () => {
      const ticket = await getJson<WechatStateResponse>(`${dev.origin}/auth/wechat/state`)
      const uuid = (await fetch(buildAuthorizeUrl({ appid: ticket.appid, redirectUri: ticket.redirectUri, state: ticket.state, openBase: ticket.openBase }))).headers.get('x-wechat-emulator-uuid')!
      const other = await getJson<WechatStateResponse>(`${dev.origin}/auth/wechat/state`)
      await fetch(buildAuthorizeUrl({ appid: other.appid, redirectUri: other.redirectUri, state: other.state, openBase: other.openBase }))
      expect((await getJson<LatestQr>(`${dev.origin}/__wechat-emulator/latest-qr`)).uuid).not.toBe(uuid)
      const latest = await getJson<LatestQr>(`${dev.origin}/__wechat-emulator/latest-qr?state=${ticket.state}`)
      expect(await getJson(`${dev.origin}/__wechat-emulator/latest-qr?state=unknown`)).toBeNull()
      expect(latest).toEqual({ uuid, status: 'waiting', phoneUrl: `${ticket.openBase}/connect/confirm?uuid=${uuid}`, qrImageUrl: expect.stringMatching(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/connect/qrcode/${uuid}$`)), expiresAt: expect.any(Number) })
      expect((await fetch(latest.qrImageUrl)).headers.get('content-type')).toBe('image/svg+xml')
    })

    it('prints the mode, the emulator, the phone page and the demo app after Vite\'s URLs', async () => {
      const output = await printedBanner(dev.server, log)
      expect(output).toContain('Mode:             emulator: offline login with fake users')
      expect(output).toMatch(/Emulator: {9}http:\/\/127\.0\.0\.1:\d+: WeChat's login pages and APIs with fake users/)
      expect(output).toContain('Phone page:       to confirm a login on this computer, click “Open the phone page” (打开手机页) under the QR code')
      expect(output).toContain(`App:              ${DEMO_APP.appid} (the emulator's demo app; its secret is public), callback domains localhost, 127.0.0.1`)
      expect(output).toContain(`In WeChat:        Official Account ${DEMO_OFFICIAL_ACCOUNT.appid} (the emulator's demo test account; its secret is public), 网页授权域名 this dev server's host and your tunnel's`)
      expect(log.warnings()).toEqual([])
    })
  })

  it('closes the emulator when the dev server closes', async () => {
    const { server, origin } = await startDev(wechatQrLogin({ dev: { emulator: { port: 0 } } }))
    const { openBase } = await getJson<WechatStateResponse>(`${origin}/auth/wechat/state`)
    expect(await isListening(openBase)).toBe(true)
    await server.close()
    expect(await isListening(openBase)).toBe(false)
  })

  it('keeps the emulator, its port and its QR sessions across a restart of the dev server', async () => {
    vi.mocked(createWechatEmulator).mockClear()
    const { server, origin } = await startDev(wechatQrLogin({ dev: { emulator: { port: 0 } } }))
    const before = await getJson<WechatStateResponse>(`${origin}/auth/wechat/state`)
    await fetch(buildAuthorizeUrl({ appid: before.appid, redirectUri: before.redirectUri, state: before.state, openBase: before.openBase }))
    await server.restart()
    const { port } = server.httpServer!.address() as AddressInfo
    const after = await getJson<WechatStateResponse>(`http://127.0.0.1:${port}/auth/wechat/state`)
    expect(after.openBase).toBe(before.openBase)
    expect(await getJson<LatestQr>(`http://127.0.0.1:${port}/__wechat-emulator/latest-qr`)).toMatchObject({ status: 'waiting' })
    expect(createWechatEmulator).toHaveBeenCalledTimes(1)
    await server.close()
    expect(await isListening(after.openBase)).toBe(false)
  })

  it('starts nothing for a request that comes after its dev server closed', async () => {
    vi.mocked(createWechatEmulator).mockClear()
    const root = await createTempApp()
    roots.push(root)
    const server = await createServer({ root, configFile: false, logLevel: 'silent', server: { middlewareMode: true } })
    servers.push(server)
    const integration = createDevIntegration(server, planDev({ dev: { emulator: { options: {}, port: 0, lan: false }, authBase: '/auth/wechat', server: {} }, env: {}, tunnels: { tunnels: [], allowedHosts: [], warnings: [] }, allowAllHosts: false, redirectUri: undefined }))
    await integration.close()
    await expect(integration.start()).rejects.toMatchObject({ code: 'INVALID_REQUEST', message: expect.stringContaining('This dev server has closed') })
    expect(createWechatEmulator).not.toHaveBeenCalled()
  })

  it('moves the emulator to a free port when its port is taken, and says so', async () => {
    const blocker: Server = createNetServer()
    await new Promise<void>(resolve => blocker.listen(0, '127.0.0.1', resolve))
    const taken = (blocker.address() as AddressInfo).port
    try {
      const log = captureLogger()
      const { server, origin } = await startDev(wechatQrLogin({ dev: { emulator: { port: taken } } }), { log })
      const { openBase } = await getJson<WechatStateResponse>(`${origin}/auth/wechat/state`)
      expect(new URL(openBase).port).not.toBe(String(taken))
      expect(await printedBanner(server, log)).toContain(`(port ${taken} was taken)`)
      await server.close()
    }
    finally {
      await new Promise(resolve => blocker.close(resolve))
    }
  })

  describe('through a tunnel, in emulator mode', () => {
    let dev: Awaited<ReturnType<typeof startDev>>
    const tunnel = { 'host': 'abc.natapp4.cc', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'abc.natapp4.cc' }

    beforeAll(async () => {
      dev = await startDev(wechatQrLogin({ tunnel: 'https://abc.natapp4.cc', dev: { emulator: { port: 0 } } }))
    })

    it('derives the https redirect URI from the tunnel, which the emulator accepts, and puts the tunnel in the QR', async () => {
      const ticket = JSON.parse((await requestWithHost(dev.port, 'abc.natapp4.cc', '/auth/wechat/state', tunnel)).body) as WechatStateResponse
      expect(ticket.redirectUri).toBe('https://abc.natapp4.cc/auth/wechat/callback')
      const qrPage = await fetch(buildAuthorizeUrl({ appid: ticket.appid, redirectUri: ticket.redirectUri, state: ticket.state, openBase: ticket.openBase }))
      expect(qrPage.headers.get('x-wechat-emulator-error')).toBeNull()
      const latest = await getJson<LatestQr>(`${dev.origin}/__wechat-emulator/latest-qr`)
      expect(latest.phoneUrl).toBe(`https://abc.natapp4.cc/__wechat-emulator/connect/confirm?uuid=${qrPage.headers.get('x-wechat-emulator-uuid')}`)
      expect((await virtualModule(dev.server)).emulator?.publicUrl).toBe('https://abc.natapp4.cc/__wechat-emulator')
    })

    it('sends a page opened in WeChat through the tunnel to the Official Account\'s pages through the tunnel, on its 网页授权域名', async () => {
      const ticket = JSON.parse((await requestWithHost(dev.port, 'abc.natapp4.cc', '/auth/wechat/state?flow=oa', tunnel)).body) as OfficialAccountState
      expect(ticket).toMatchObject({ openBase: 'https://abc.natapp4.cc/__wechat-emulator', redirectUri: 'https://abc.natapp4.cc/auth/wechat/callback' })
      const inWechat = { ...tunnel, 'user-agent': WECHAT_USER_AGENTS.wechatAndroid }
      const link = new URL(officialAccountAuthorizeUrl(ticket))
      const moved = await requestWithHost(dev.port, 'abc.natapp4.cc', link.pathname + link.search, inWechat)
      const again = new URL(moved.headers.location!, link)
      const consent = await requestWithHost(dev.port, 'abc.natapp4.cc', again.pathname + again.search, inWechat)
      expect(consent.headers['x-wechat-emulator-error']).toBeUndefined()
      expect(consent.body).toContain('允许')
    })

    it('lets a phone confirm on the phone page through the tunnel', async () => {
      const ticket = await getJson<WechatStateResponse>(`${dev.origin}/auth/wechat/state`)
      await fetch(buildAuthorizeUrl({ appid: ticket.appid, redirectUri: ticket.redirectUri, state: ticket.state, openBase: ticket.openBase }))
      const { phoneUrl, uuid } = await getJson<LatestQr>(`${dev.origin}/__wechat-emulator/latest-qr`)
      const path = new URL(phoneUrl).pathname + new URL(phoneUrl).search
      const page = await requestWithHost(dev.port, 'abc.natapp4.cc', path, tunnel)
      expect(page.status).toBe(200)
      const action = /action="([^"]+)"/.exec(page.body)![1]!.replace(/&amp;/g, '&')
      const token = /name="token" value="([^"]+)"/.exec(page.body)![1]!
      const target = new URL(action, phoneUrl)
      const confirmed = await requestWithHost(dev.port, 'abc.natapp4.cc', target.pathname + target.search, { ...tunnel, 'content-type': 'application/x-www-form-urlencoded' }, {
        method: 'POST',
        body: new URLSearchParams({ token, user: 'alice', action: 'confirm' }).toString(),
      })
      expect(confirmed.body).toContain('data-result="confirmed"')
      const [session] = (await getJson<Array<{ uuid: string, status: string, userId: string }>>(`${ticket.openBase}/__emulator/sessions`)).filter(candidate => candidate.uuid === uuid)
      expect(session).toMatchObject({ status: 'confirmed', userId: 'alice' })
    })
  })

  describe('behind a provider preset alone (tunnelPresets: [\'natapp\'])', () => {
    const PRESET_HOST = 'xyz789.natappfree.cc'
    let dev: Awaited<ReturnType<typeof startDev>>

    beforeAll(async () => {
      dev = await startDev(wechatQrLogin({ tunnelPresets: ['natapp'], dev: { emulator: { port: 0 } } }))
    })

    it.each([
      ['a free http host', 'xyz789.natappfree.cc', {}, 'http://xyz789.natappfree.cc/auth/wechat/callback'],
      ['a paid https host, through the tunnel\'s forwarded headers', 'abc.natapp4.cc', { 'x-forwarded-proto': 'https' }, 'https://abc.natapp4.cc/auth/wechat/callback'],
    ])('derives the redirect URI from %s, which the emulator accepts as callback domain', async (_, host, headers, redirectUri) => {
      const ticket = JSON.parse((await requestWithHost(dev.port, host, '/auth/wechat/state', headers)).body) as WechatStateResponse
      expect(ticket.redirectUri).toBe(redirectUri)
      const qrPage = await fetch(buildAuthorizeUrl({ appid: ticket.appid, redirectUri: ticket.redirectUri, state: ticket.state, openBase: ticket.openBase }))
      expect(qrPage.headers.get('x-wechat-emulator-error')).toBeNull()
      expect(qrPage.headers.get('x-wechat-emulator-uuid')).toBeTruthy()
    })

    it('puts the preset host the page was opened on in the QR, and serves the phone page through it', async () => {
      const ticket = JSON.parse((await requestWithHost(dev.port, PRESET_HOST, '/auth/wechat/state')).body) as WechatStateResponse
      const uuid = (await fetch(buildAuthorizeUrl({ appid: ticket.appid, redirectUri: ticket.redirectUri, state: ticket.state, openBase: ticket.openBase }))).headers.get('x-wechat-emulator-uuid')!
      const { phoneUrl } = await getJson<LatestQr>(`${dev.origin}/__wechat-emulator/latest-qr?state=${ticket.state}`)
      expect(phoneUrl).toBe(`http://${PRESET_HOST}/__wechat-emulator/connect/confirm?uuid=${uuid}`)
      const phone = await requestWithHost(dev.port, PRESET_HOST, `/__wechat-emulator/connect/confirm?uuid=${uuid}`)
      expect(phone.status).toBe(200)
      expect(phone.body).toContain('张伟')
      // A page opened on this computer keeps this computer's emulator in its QR.
      const local = await getJson<WechatStateResponse>(`${dev.origin}/auth/wechat/state`)
      const localUuid = (await fetch(buildAuthorizeUrl({ appid: local.appid, redirectUri: local.redirectUri, state: local.state, openBase: local.openBase }))).headers.get('x-wechat-emulator-uuid')!
      expect((await getJson<LatestQr>(`${dev.origin}/__wechat-emulator/latest-qr?state=${local.state}`)).phoneUrl).toBe(`${local.openBase}/connect/confirm?uuid=${localUuid}`)
    })

    it('serves an Official Account\'s authorization pages under the proxy prefix, through the preset host', async () => {
      const inWechat = { 'user-agent': WECHAT_USER_AGENTS.wechatAndroid }
      const query = new URLSearchParams({ appid: DEMO_OFFICIAL_ACCOUNT.appid, redirect_uri: `http://${PRESET_HOST}/auth/callback`, response_type: 'code', scope: 'snsapi_userinfo', state: 'S1' })
      const link = new URL(`http://${PRESET_HOST}/__wechat-emulator/connect/oauth2/authorize?${query}`)
      const moved = await requestWithHost(dev.port, PRESET_HOST, link.pathname + link.search, inWechat)
      expect(moved.status).toBe(301)
      const consentUrl = new URL(moved.headers.location!, link)
      expect(consentUrl.pathname).toBe('/__wechat-emulator/connect/oauth2/authorize')
      const consent = await requestWithHost(dev.port, PRESET_HOST, consentUrl.pathname + consentUrl.search, inWechat)
      expect(consent.status).toBe(200)
      expect(consent.body).toContain('允许')
      const action = new URL(/action="([^"]+)"/.exec(consent.body)![1]!, consentUrl)
      expect(action.pathname).toBe('/__wechat-emulator/connect/oauth2/consent')
      const fields = Object.fromEntries(['id', 'token'].map(name => [name, new RegExp(`name="${name}" value="([^"]+)"`).exec(consent.body)![1]!]))
      const allowed = await requestWithHost(dev.port, PRESET_HOST, action.pathname, { ...inWechat, 'content-type': 'application/x-www-form-urlencoded' }, {
        method: 'POST',
        body: new URLSearchParams({ ...fields, action: 'allow' }).toString(),
      })
      expect(allowed.status).toBe(302)
      expect(allowed.headers.location).toMatch(/^http:\/\/xyz789\.natappfree\.cc\/auth\/callback\?code=\w{32}&state=S1$/)
    })
  })

  describe('real WeChat mode (WECHAT_APPID and WECHAT_APPSECRET set)', () => {
    let dev: Awaited<ReturnType<typeof startDev>>
    const log = captureLogger()

    beforeAll(async () => {
      vi.stubEnv('WECHAT_APPID', REAL.WECHAT_APPID)
      vi.stubEnv('WECHAT_APPSECRET', REAL.WECHAT_APPSECRET)
      vi.stubEnv('WECHAT_SESSION_SECRET', REAL.WECHAT_SESSION_SECRET)
      vi.stubEnv('WECHAT_OA_APPID', REAL.WECHAT_OA_APPID)
      vi.stubEnv('WECHAT_OA_APPSECRET', REAL.WECHAT_OA_APPSECRET)
      vi.stubEnv('WECHAT_OA_VERIFY_FILE', `wechat/${VERIFICATION_FILE.name}`)
      vi.mocked(createWechatEmulator).mockClear()
      dev = await startDev(wechatQrLogin({ tunnel: 'https://abc.natapp4.cc' }), { log, files: { [`wechat/${VERIFICATION_FILE.name}`]: VERIFICATION_FILE.content } })
      vi.unstubAllEnvs()
    })

    it('logs in inside WeChat with the Official Account: its AppID and WeChat\'s pages', async () => {
      const ticket = JSON.parse((await requestWithHost(dev.port, 'abc.natapp4.cc', '/auth/wechat/state?flow=oa', { 'x-forwarded-proto': 'https' })).body) as OfficialAccountState
      expect(ticket).toMatchObject({ appid: REAL.WECHAT_OA_APPID, flow: 'oa', openBase: 'https://open.weixin.qq.com', redirectUri: 'https://abc.natapp4.cc/auth/wechat/callback' })
    })

    it('serves the 网页授权域名\'s verification file at the site\'s root, through the tunnel too', async () => {
      for (const answer of [await fetch(`${dev.origin}/${VERIFICATION_FILE.name}`), await fetch(`${dev.origin}/mp/${VERIFICATION_FILE.name}`)]) {
        expect(answer.headers.get('content-type')).toBe('text/plain; charset=utf-8')
        expect(await answer.text()).toBe(VERIFICATION_FILE.content)
      }
      const throughTunnel = await requestWithHost(dev.port, 'abc.natapp4.cc', `/${VERIFICATION_FILE.name}`, { 'x-forwarded-proto': 'https' })
      expect(throughTunnel).toMatchObject({ status: 200, body: VERIFICATION_FILE.content })
    })

    it('starts no emulator and sends WeChat\'s openBase, the AppID and the tunnel\'s redirect URI', async () => {
      expect(createWechatEmulator).not.toHaveBeenCalled()
      const ticket = JSON.parse((await requestWithHost(dev.port, 'abc.natapp4.cc', '/auth/wechat/state', { 'x-forwarded-proto': 'https' })).body) as WechatStateResponse
      expect(ticket).toMatchObject({ appid: REAL.WECHAT_APPID, openBase: 'https://open.weixin.qq.com', redirectUri: 'https://abc.natapp4.cc/auth/wechat/callback' })
      expect((await fetch(`${dev.origin}/__wechat-emulator/latest-qr`, { headers: { accept: 'application/json' } })).headers.get('content-type') ?? '').not.toMatch(/json/)
    })

    it('refuses a callback whose state this browser never asked for, and sends it back to the tunnel\'s origin', async () => {
      const callback = await fetch(`${dev.origin}/auth/wechat/callback?code=forged&state=forged_state_0123456789`, { redirect: 'manual' })
      const page = await callback.text()
      expect(page).toContain('"result":{"type":"error","code":"STATE_MISMATCH"}')
      expect(page).toContain('href="https://abc.natapp4.cc/?wechat_login_error=STATE_MISMATCH"')
    })

    it('describes the real WeChat in virtual:wechat-qr-login, without any secret', async () => {
      const module = await virtualModule(dev.server)
      expect(module).toEqual({ mode: 'wechat', authBase: '/auth/wechat', appid: REAL.WECHAT_APPID, openBase: 'https://open.weixin.qq.com', redirectUri: 'https://abc.natapp4.cc/auth/wechat/callback', emulator: undefined })
      const code = await (await fetch(`${dev.origin}/@id/__x00__virtual:wechat-qr-login`)).text()
      expect(code).not.toContain(REAL.WECHAT_APPSECRET)
      expect(code).not.toContain(REAL.WECHAT_SESSION_SECRET)
    })

    it('prints the mode, where to open the app and the callback domain to register', async () => {
      const output = await printedBanner(dev.server, log)
      expect(output).toContain(`Mode:             real WeChat · AppID ${REAL.WECHAT_APPID}; the AppSecret stays on this server`)
      expect(output).toContain('Open the app at:  https://abc.natapp4.cc/')
      expect(output).toContain('Callback domain:  abc.natapp4.cc  ← 授权回调域')
      expect(output).toContain('Redirect URI:     https://abc.natapp4.cc/auth/wechat/callback')
      expect(output).toContain(`In WeChat:        Official Account ${REAL.WECHAT_OA_APPID}; its AppSecret stays on this server`)
      expect(output).toContain('Web auth domain:  abc.natapp4.cc  ← 网页授权域名')
      expect(output).toContain(`Verification:     /${VERIFICATION_FILE.name}, served by this dev server, through the tunnel too`)
      expect(output).not.toContain(REAL.WECHAT_APPSECRET)
      expect(output).not.toContain(REAL.WECHAT_OA_APPSECRET)
    })
  })

  it('warns in real-WeChat mode without a tunnel or a session secret', async () => {
    vi.stubEnv('WECHAT_APPID', REAL.WECHAT_APPID)
    vi.stubEnv('WECHAT_APPSECRET', REAL.WECHAT_APPSECRET)
    const log = captureLogger()
    const { server } = await startDev(wechatQrLogin(), { log })
    expect(log.warnings()).toEqual([
      expect.stringMatching(/^\[wechat-qr-login\] WECHAT_SESSION_SECRET is not set/),
      expect.stringMatching(/^\[wechat-qr-login\] Real WeChat \(WECHAT_APPID and WECHAT_APPSECRET are set\) but no tunnel/),
    ])
    await server.close()
  })

  it('refuses to start with emulator: false and no credentials', async () => {
    const error = await startDev(wechatQrLogin({ dev: { emulator: false } })).catch(error_ => error_)
    expect(isWechatLoginError(error, 'INVALID_OPTION')).toBe(true)
    expect(error.option).toBe('dev.emulator')
  })

  it('refuses to start with a tunnel host that cannot be a callback domain, naming the tunnel option', async () => {
    const error = await startDev(wechatQrLogin({ tunnel: 'https://my_app.frp.example.com' })).catch(error_ => error_)
    expect(isWechatLoginError(error, 'INVALID_TUNNEL_HOST')).toBe(true)
    expect(error.option).toBe('tunnel')
    expect(error.message).not.toContain('apps[0].callbackDomain')
  })

  it('mounts nothing with dev: false', async () => {
    vi.mocked(createWechatEmulator).mockClear()
    const { origin } = await startDev(wechatQrLogin({ dev: false }), { files: { 'main.js': '' } })
    const response = await fetch(`${origin}/auth/wechat/state`, { headers: { accept: 'text/html' } })
    expect(response.headers.get('content-type')).toMatch(/^text\/html/)
    expect(createWechatEmulator).not.toHaveBeenCalled()
  })

  const lanAddress = findLanAddress(networkInterfaces())
  it.skipIf(lanAddress === undefined)('puts this machine\'s LAN address in the QR with lan: true', async () => {
    const { server, origin } = await startDev(wechatQrLogin({ dev: { emulator: { port: 0, lan: true } } }))
    const { emulator } = await virtualModule(server)
    expect(emulator?.publicUrl).toMatch(new RegExp(`^http://${lanAddress!.replace(/\./g, '\\.')}:\\d+$`))
    expect(await (await fetch(`${emulator!.publicUrl}/`)).text()).toContain('WeChat emulator')
    expect(new URL(emulator!.publicUrl!).port).toBe(new URL((await getJson<WechatStateResponse>(`${origin}/auth/wechat/state`)).openBase).port)
    await server.close()
  })

  it('describes the real WeChat in a build, with the AppID and without the secret', async () => {
    vi.stubEnv('WECHAT_APPID', REAL.WECHAT_APPID)
    vi.stubEnv('WECHAT_APPSECRET', REAL.WECHAT_APPSECRET)
    vi.mocked(createWechatEmulator).mockClear()
    const root = await createTempApp({ 'main.js': 'import wechat from \'virtual:wechat-qr-login\'\nconsole.log(JSON.stringify(wechat))\n' })
    roots.push(root)
    const outDir = join(root, 'dist')
    await build({ root, configFile: false, logLevel: 'silent', build: { outDir }, plugins: [wechatQrLogin()] })
    const assets = join(outDir, 'assets')
    const code = (await Promise.all((await readdir(assets)).map(file => readFile(join(assets, file), 'utf8')))).join('\n')
    expect(code).toContain(REAL.WECHAT_APPID)
    expect(code).toContain('https://open.weixin.qq.com')
    expect(code).toMatch(/mode:\s*\w+/)
    expect(code).toMatch(/[`'"]wechat[`'"]/)
    expect(code).not.toContain(REAL.WECHAT_APPSECRET)
    expect(createWechatEmulator).not.toHaveBeenCalled()
  })

  it('describes the AppID of dev.server in a build, as the dev server would use it', async () => {
    vi.stubEnv('WECHAT_APPID', '')
    const root = await createTempApp({ 'main.js': 'import { appid } from \'virtual:wechat-qr-login\'\nconsole.log(appid)\n' })
    roots.push(root)
    const outDir = join(root, 'dist')
    await build({ root, configFile: false, logLevel: 'silent', build: { outDir }, plugins: [wechatQrLogin({ dev: { server: { appid: REAL.WECHAT_APPID } } })] })
    const assets = join(outDir, 'assets')
    const code = (await Promise.all((await readdir(assets)).map(file => readFile(join(assets, file), 'utf8')))).join('\n')
    expect(code).toContain(REAL.WECHAT_APPID)
  })
})
