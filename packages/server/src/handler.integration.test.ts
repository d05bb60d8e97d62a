import type { WechatSessionResponse, WechatStateResponse } from '@wechat-qr-login/core'
import type { EmulatorServer, WechatEmulator } from '@wechat-qr-login/emulator'
import type { CookieJar } from '@wechat-qr-login/test-utils/cookie-jar'
import type { OfficialAccountState } from '@wechat-qr-login/test-utils/in-wechat'
import type { Listening } from '@wechat-qr-login/test-utils/listen'
import type { WechatAuth } from './handler'
import type { WechatAuthOptions, WechatLoginContext } from './options'
import { buildAuthorizeUrl, buildEmbedUrl, LOGIN_ERROR_PARAM } from '@wechat-qr-login/core'
import { createWechatEmulator, DEMO_USERS } from '@wechat-qr-login/emulator'
import { createCookieJar } from '@wechat-qr-login/test-utils/cookie-jar'
import { authorizeInWechat, officialAccountAuthorizeUrl } from '@wechat-qr-login/test-utils/in-wechat'
import { listen } from '@wechat-qr-login/test-utils/listen'
import { logInWithRedirect } from '@wechat-qr-login/test-utils/phone'
import { readRelayPage } from '@wechat-qr-login/test-utils/relay'
import express from 'express'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createWechatAuth } from './handler'
import { toNodeMiddleware, toWebRequest } from './node-middleware'

const PLATFORM = 'test-platform'
const APP = { appid: 'wx00112233445566aa', secret: 'emulator-secret-of-the-test-app-0001', callbackDomain: 'localhost', openPlatformId: PLATFORM }
/** The Official Account, bound to the website app's Open Platform account: one unionid per user across both logins. */
const OA = { appid: 'wx00112233445566bb', secret: 'emulator-secret-of-the-official-acct' }
const SESSION_SECRET = 'integration-session-secret-0123456789'

/**
 * The app on `localhost` and the emulator on `127.0.0.1`: two sites, as the app and WeChat are.
 * Everything goes over real HTTP; the emulator is driven through its control API in place of a
 * phone, and its WeChat client plays WeChat's in-app browser.
 */
describe('createWechatAuth with the emulator', () => {
  let emulator: WechatEmulator
  let wechat: EmulatorServer
  let app: Listening
  let auth: WechatAuth
  let jar: CookieJar
  let logs: string[]
  let onLogin: ReturnType<typeof vi.fn<(context: WechatLoginContext) => void>>

  function createAuth(options: Partial<WechatAuthOptions> = {}): WechatAuth {
    return createWechatAuth({
      appid: APP.appid,
      secret: APP.secret,
      sessionSecret: SESSION_SECRET,
      officialAccount: OA,
      onLogin,
      openBase: wechat.url,
      apiBase: wechat.url,
      timeout: 1000,
      logger: { warn: message => logs.push(message), error: message => logs.push(message) },
      ...options,
    })
  }

  async function start(query = ''): Promise<WechatStateResponse> {
    const response = await jar.fetch(`${app.url}/auth/wechat/state${query}`)
    expect(response.status).toBe(200)
    return await response.json() as WechatStateResponse
  }

  /** Opens the QR page as the browser would and lets `user` confirm on the phone. */
  async function scanAndConfirm(pageUrl: string, state: string, user = 'alice'): Promise<string> {
    expect((await fetch(pageUrl)).status).toBe(200)
    const session = emulator.sessions().find(candidate => candidate.state === state)!
    emulator.scan(session.uuid)
    return emulator.confirm(session.uuid, user).redirectUrl
  }

  async function session(): Promise<WechatSessionResponse> {
    return await (await jar.fetch(`${app.url}/auth/wechat/session`)).json() as WechatSessionResponse
  }

  async function exchange(code: string, state: string): Promise<Response> {
    return jar.fetch(`${app.url}/auth/wechat/exchange`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, state }) })
  }

  /** Nothing secret in any log line: the AppSecrets, the session secret, codes and tokens. */
  function expectCleanLogs(): void {
    const text = logs.join('\n')
    const secrets = [APP.secret, OA.secret, SESSION_SECRET, ...emulator.codes().map(code => code.code), ...emulator.tokens().flatMap(token => [token.accessToken, token.refreshToken])]
    for (const secret of secrets)
      expect(text).not.toContain(secret)
  }

  beforeAll(async () => {
    app = await listen(toNodeMiddleware(request => auth(request)), 'localhost')
    // A test account (测试号), whose 网页授权域名 may carry the app's port.
    const officialAccount = { ...OA, webAuthDomain: new URL(app.url).host, openPlatformId: PLATFORM, testAccount: true, followers: DEMO_USERS.map(user => user.id) }
    emulator = createWechatEmulator({ apps: [APP], officialAccounts: [officialAccount] })
    wechat = await emulator.listen({ port: 0, hostname: '127.0.0.1' })
  })
  beforeEach(() => {
    emulator.reset()
    logs = []
    onLogin = vi.fn<(context: WechatLoginContext) => void>()
    auth = createAuth()
    jar = createCookieJar()
  })
  afterEach(() => {
    expectCleanLogs()
    vi.useRealTimers()
  })
  afterAll(async () => {
    await app.close()
    await wechat.close()
  })

  describe('happy paths', () => {
    it('redirect mode: the top window returns to the return path, signed in', async () => {
      const { state, redirectUri, openBase, appid } = await start('?mode=redirect&return_to=%2Faccount')
      expect(redirectUri).toBe(`${app.url}/auth/wechat/callback`)
      const callbackUrl = await scanAndConfirm(buildAuthorizeUrl({ appid, redirectUri, state, openBase }), state, 'zhang-wei')
      const response = await jar.fetch(callbackUrl)
      expect(response.status).toBe(302)
      expect(response.headers.get('location')).toBe(`${app.url}/account`)
      const current = await session()
      expect(current).toMatchObject({ authenticated: true, user: { nickname: '张伟', id: expect.stringMatching(/^unionid:/) } })
      expect(emulator.codes()).toEqual([expect.objectContaining({ used: true })])
      expect(logs).toEqual([])
    })

    it('new-window mode: the popup gets a relay page for its opener', async () => {
      const { state, redirectUri, openBase, appid } = await start('?mode=new-window')
      const callbackUrl = await scanAndConfirm(buildAuthorizeUrl({ appid, redirectUri, state, openBase }), state)
      const response = await jar.fetch(callbackUrl)
      expect(response.status).toBe(200)
      const html = await response.text()
      const relay = readRelayPage(html)
      expect(relay).toMatchObject({ target: 'opener', origin: app.url })
      expect(relay.message).toMatchObject({ state, result: { type: 'authenticated', user: { nickname: 'Alice Chen' } } })
      expect(html).not.toContain(new URL(callbackUrl).searchParams.get('code')!)
      expect((await session()).authenticated).toBe(true)
    })

    it('embedded mode with self_redirect: the iframe gets a relay page for its parent', async () => {
      const stateResponse = await jar.fetch(`${app.url}/auth/wechat/state?mode=embedded&self_redirect=true`)
      const { state, redirectUri, openBase, appid } = await stateResponse.json() as WechatStateResponse
      // localhost is a secure context, so the cross-site frame navigation can carry the cookie.
      expect(stateResponse.headers.getSetCookie()[0]).toMatch(/; Secure; SameSite=None$/)
      const callbackUrl = await scanAndConfirm(buildEmbedUrl({ appid, redirectUri, state, openBase, selfRedirect: true }), state, 'li-na')
      expect(emulator.sessions()[0]).toMatchObject({ embedded: true, selfRedirect: true })
      const relay = readRelayPage(await (await jar.fetch(callbackUrl)).text())
      expect(relay).toMatchObject({ target: 'parent', origin: app.url, session: `${app.url}/auth/wechat/session` })
      expect(jar.list().map(cookie => cookie.name)).toEqual(['wechat_session_pending'])
      expect(await session()).toMatchObject({ authenticated: true })
      expect(jar.list().map(cookie => cookie.name)).toEqual(['wechat_session'])
      expect(relay.message.result).toMatchObject({ type: 'authenticated', user: { nickname: '李娜 🐼', id: `openid:${APP.appid}:${relay.message.result.type === 'authenticated' && relay.message.result.user?.openid}` } })
    })

    it('embedded mode without self_redirect: the top window is redirected', async () => {
      const { state, redirectUri, openBase, appid } = await start('?mode=embedded&self_redirect=false&return_to=%2F')
      const callbackUrl = await scanAndConfirm(buildEmbedUrl({ appid, redirectUri, state, openBase }), state)
      const response = await jar.fetch(callbackUrl)
      expect(response.headers.get('location')).toBe(`${app.url}/`)
    })

    it('exchange, session and logout', async () => {
      const { state } = await start()
      const response = await exchange(emulator.issueCode(APP.appid, 'alice'), state)
      expect(await response.json()).toMatchObject({ authenticated: true, user: { nickname: 'Alice Chen' } })
      expect(await session()).toMatchObject({ authenticated: true })
      const logout = await jar.fetch(`${app.url}/auth/wechat/logout`, { method: 'POST', headers: { 'content-type': 'application/json' } })
      expect(await logout.json()).toEqual({ authenticated: false })
      expect(await session()).toEqual({ authenticated: false })
    })

    it('keeps two pending logins of two tabs apart', async () => {
      const first = await start('?mode=new-window')
      const second = await start('?mode=redirect')
      const secondUrl = await scanAndConfirm(buildAuthorizeUrl({ ...second }), second.state)
      expect((await jar.fetch(secondUrl)).status).toBe(302)
      const firstUrl = await scanAndConfirm(buildAuthorizeUrl({ ...first }), first.state)
      expect(readRelayPage(await (await jar.fetch(firstUrl)).text()).message.result.type).toBe('authenticated')
    })
  })

  describe('failures end with a code and no session', () => {
    async function expectNoSession(): Promise<void> {
      expect(await session()).toEqual({ authenticated: false })
      expect(jar.list().map(cookie => cookie.name)).not.toContain('wechat_session')
    }

    it('denied: a callback without code', async () => {
      const { state } = await start('?return_to=%2Flogin')
      const response = await jar.fetch(`${app.url}/auth/wechat/callback?state=${state}`)
      expect(response.headers.get('location')).toBe(`${app.url}/login?${LOGIN_ERROR_PARAM}=LOGIN_DENIED`)
      await expectNoSession()
    })

    it('missing state cookie (another browser)', async () => {
      const { state } = await start('?mode=new-window')
      const response = await createCookieJar().fetch(`${app.url}/auth/wechat/callback?code=${emulator.issueCode(APP.appid)}&state=${state}`)
      expect(response.status).toBe(400)
      expect(readRelayPage(await response.text()).message.result).toEqual({ type: 'error', code: 'STATE_MISMATCH' })
      expect(emulator.codes()[0]!.used).toBe(false)
      await expectNoSession()
    })

    it('forged state', async () => {
      await start()
      const response = await exchange(emulator.issueCode(APP.appid), 'forged0forged0forged0forged0forg')
      expect(response.status).toBe(400)
      expect(await response.json()).toMatchObject({ error: { code: 'STATE_MISMATCH' } })
      await expectNoSession()
    })

    it('expired state', async () => {
      vi.useFakeTimers({ toFake: ['Date'] })
      const { state } = await start()
      const kept = jar.list()[0]!
      vi.setSystemTime(Date.now() + 10 * 60_000 + 1000)
      expect(jar.list()).toEqual([])
      const withoutCookie = await exchange(emulator.issueCode(APP.appid), state)
      expect(await withoutCookie.json()).toMatchObject({ error: { code: 'STATE_MISMATCH' } })
      jar.set(kept.name, kept.value, kept.path)
      const withStaleCookie = await exchange(emulator.issueCode(APP.appid), state)
      expect(await withStaleCookie.json()).toMatchObject({ error: { code: 'STATE_MISMATCH' } })
      await expectNoSession()
    })

    it('replayed state', async () => {
      const { state } = await start('?mode=new-window')
      const kept = jar.list()[0]!
      expect((await exchange(emulator.issueCode(APP.appid), state)).status).toBe(200)
      await jar.fetch(`${app.url}/auth/wechat/logout`, { method: 'POST', headers: { 'content-type': 'application/json' } })
      jar.set(kept.name, kept.value, kept.path)
      const replay = await jar.fetch(`${app.url}/auth/wechat/callback?code=${emulator.issueCode(APP.appid)}&state=${state}`)
      expect(readRelayPage(await replay.text()).message.result).toEqual({ type: 'error', code: 'STATE_MISMATCH' })
      await expectNoSession()
    })

    it('replayed code (40163)', async () => {
      const code = emulator.issueCode(APP.appid)
      expect((await exchange(code, (await start()).state)).status).toBe(200)
      await jar.fetch(`${app.url}/auth/wechat/logout`, { method: 'POST', headers: { 'content-type': 'application/json' } })
      const { state } = await start('?return_to=%2Fhome')
      const response = await jar.fetch(`${app.url}/auth/wechat/callback?code=${code}&state=${state}`)
      expect(response.headers.get('location')).toBe(`${app.url}/home?${LOGIN_ERROR_PARAM}=WECHAT_API_ERROR`)
      expect(logs).toEqual([expect.stringContaining('errcode 40163')])
      await expectNoSession()
    })

    it('expired code (42003)', async () => {
      vi.useFakeTimers({ toFake: ['Date'] })
      const code = emulator.issueCode(APP.appid)
      vi.setSystemTime(Date.now() + 10 * 60_000 + 1000)
      const response = await exchange(code, (await start()).state)
      expect(response.status).toBe(502)
      expect(await response.json()).toEqual({ error: { code: 'WECHAT_API_ERROR', message: expect.any(String) } })
      expect(logs).toEqual([expect.stringContaining('errcode 42003')])
      await expectNoSession()
    })

    it('wrong secret (40125)', async () => {
      auth = createAuth({ secret: 'not-the-secret-of-this-app-000001' })
      const response = await exchange(emulator.issueCode(APP.appid), (await start()).state)
      expect(response.status).toBe(502)
      expect(logs).toEqual([expect.stringMatching(/errcode 40125 \(configuration\)/)])
      expect(logs.join()).not.toContain('not-the-secret-of-this-app-000001')
      await expectNoSession()
    })

    it('WeChat busy once, then the retry succeeds', async () => {
      emulator.setFaults({ next: ['busy'] })
      const response = await exchange(emulator.issueCode(APP.appid), (await start()).state)
      expect(response.status).toBe(200)
      expect(emulator.faults().next).toEqual([])
      expect(logs).toEqual([])
    })

    it('WeChat busy twice', async () => {
      emulator.setFaults({ next: ['busy', 'busy'] })
      const response = await exchange(emulator.issueCode(APP.appid), (await start()).state)
      expect(await response.json()).toMatchObject({ error: { code: 'WECHAT_API_ERROR' } })
      expect(logs).toEqual([expect.stringContaining('errcode -1 (busy)')])
      await expectNoSession()
    })

    it('HTTP 5xx on the code exchange is not retried', async () => {
      emulator.setFaults({ next: ['server-error', 'busy'] })
      const response = await exchange(emulator.issueCode(APP.appid), (await start()).state)
      expect(response.status).toBe(502)
      expect(await response.json()).toMatchObject({ error: { code: 'INVALID_RESPONSE' } })
      expect(emulator.faults().next).toEqual(['busy'])
      expect(logs).toEqual([expect.stringContaining('HTTP 500')])
      await expectNoSession()
    })

    it('HTTP 5xx on userinfo is retried once', async () => {
      emulator.setFaults({ next: [{ delay: 0 }, 'bad-gateway'] })
      const response = await exchange(emulator.issueCode(APP.appid), (await start()).state)
      expect(response.status).toBe(200)
      expect(emulator.faults().next).toEqual([])
    })

    it('empty body', async () => {
      emulator.setFaults({ next: ['empty'] })
      const response = await exchange(emulator.issueCode(APP.appid), (await start()).state)
      expect(await response.json()).toMatchObject({ error: { code: 'INVALID_RESPONSE' } })
      expect(logs).toEqual([expect.stringContaining('empty body')])
      await expectNoSession()
    })

    it('timeout', async () => {
      auth = createAuth({ timeout: 200 })
      emulator.setFaults({ next: [{ delay: 5000 }] })
      const { state } = await start('?mode=new-window')
      const response = await jar.fetch(`${app.url}/auth/wechat/callback?code=${emulator.issueCode(APP.appid)}&state=${state}`)
      expect(response.status).toBe(504)
      expect(readRelayPage(await response.text()).message.result).toEqual({ type: 'error', code: 'WECHAT_UNREACHABLE' })
      expect(logs).toEqual([expect.stringContaining('WECHAT_UNREACHABLE')])
      await expectNoSession()
    })

    it.each([
      '//evil.example/',
      'https://evil.example/',
      '/\\evil.example',
      '%2F%2Fevil.example',
      'javascript%3Aalert(1)',
    ])('open-redirect attempt %s', async (returnTo) => {
      const response = await jar.fetch(`${app.url}/auth/wechat/state?return_to=${returnTo}`)
      expect(response.status).toBe(400)
      expect(await response.json()).toMatchObject({ error: { code: 'INVALID_RETURN_PATH' } })
      expect(jar.list()).toEqual([])
    })

    it('session tamper', async () => {
      await exchange(emulator.issueCode(APP.appid), (await start()).state)
      const sealed = jar.list().find(cookie => cookie.name === 'wechat_session')!
      jar.set('wechat_session', `${sealed.value.slice(0, -4)}${sealed.value.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`)
      expect(await session()).toEqual({ authenticated: false })
      expect(jar.list().map(cookie => cookie.name)).not.toContain('wechat_session')
    })
  })

  describe('inside WeChat (an Official Account\'s web authorization)', () => {
    async function startInWechat(query = 'flow=oa&scope=snsapi_userinfo'): Promise<OfficialAccountState> {
      const response = await jar.fetch(`${app.url}/auth/wechat/state?${query}`)
      expect(response.status).toBe(200)
      return await response.json() as OfficialAccountState
    }

    async function expectNoSession(): Promise<void> {
      expect(await session()).toEqual({ authenticated: false })
      expect(onLogin).not.toHaveBeenCalled()
    }

    it('issues a state for the Official Account: its AppID, letters and digits only', async () => {
      const answer = await startInWechat()
      expect(answer).toEqual({
        state: expect.stringMatching(/^[A-Z0-9]{1,128}$/i),
        expiresAt: expect.any(Number),
        expiresIn: expect.any(Number),
        appid: OA.appid,
        redirectUri: `${app.url}/auth/wechat/callback`,
        openBase: wechat.url,
        flow: 'oa',
        scope: 'snsapi_userinfo',
      })
    })

    it('logs in inside WeChat (tap, consent, back at the return path) as the same user as the QR login', async () => {
      const start = await startInWechat('flow=oa&scope=snsapi_userinfo&return_to=%2Faccount')
      const callback = await jar.fetch(await authorizeInWechat(officialAccountAuthorizeUrl(start), { user: 'alice' }))
      expect(callback.status).toBe(302)
      expect(callback.headers.get('location')).toBe(`${app.url}/account`)
      const inWechat = await session()
      const oaOpenid = emulator.tokens()[0]!.openid
      expect(inWechat).toEqual({
        authenticated: true,
        expiresAt: expect.any(Number),
        user: { id: expect.stringMatching(/^unionid:/), openid: oaOpenid, unionid: expect.any(String), nickname: 'Alice Chen', avatar: expect.stringContaining('/alice/'), flow: 'oa', appid: OA.appid },
      })
      expect(onLogin).toHaveBeenCalledWith(expect.objectContaining({ flow: 'oa', appid: OA.appid, scope: 'snsapi_userinfo', token: expect.objectContaining({ openid: oaOpenid }), userInfo: expect.objectContaining({ nickname: 'Alice Chen' }) }))

      // The same person at a desktop browser: another openid, the same unionid, so the same id.
      const desktop = createCookieJar()
      await logInWithRedirect({ appUrl: app.url, emulator, jar: desktop, user: 'alice' })
      const byQr = await (await desktop.fetch(`${app.url}/auth/wechat/session`)).json() as WechatSessionResponse
      expect(byQr).toMatchObject({ authenticated: true, user: { flow: 'qr', appid: APP.appid } })
      const [qrUser, oaUser] = [byQr, inWechat].map(answer => answer.authenticated ? answer.user : undefined)
      expect(qrUser!.openid).not.toBe(oaUser!.openid)
      expect(qrUser!.id).toBe(oaUser!.id)
      // `onLogin` got both (appid, openid) pairs under the one unionid.
      expect(onLogin.mock.calls.map(([context]) => [context.appid, context.token.openid, context.user.unionid])).toEqual([
        [OA.appid, oaUser!.openid, oaUser!.unionid],
        [APP.appid, qrUser!.openid, oaUser!.unionid],
      ])
      expect(logs).toEqual([])
    })

    it('logs in silently with snsapi_base: the openid only, no /sns/userinfo', async () => {
      const start = await startInWechat('flow=oa&scope=snsapi_base')
      const callbackUrl = await authorizeInWechat(officialAccountAuthorizeUrl(start))
      expect(emulator.authorizations()).toEqual([expect.objectContaining({ scope: 'snsapi_base', status: 'silent' })])
      expect((await jar.fetch(callbackUrl)).headers.get('location')).toBe(`${app.url}/`)
      const { openid } = emulator.tokens()[0]!
      expect(await session()).toMatchObject({ authenticated: true, user: { id: `openid:${OA.appid}:${openid}`, openid, nickname: '', avatar: '', flow: 'oa', appid: OA.appid } })
      expect(onLogin).toHaveBeenCalledWith(expect.objectContaining({ scope: 'snsapi_base', userInfo: undefined }))
      // A /sns/userinfo call with a base token would have failed the login with 48001.
      expect(logs).toEqual([])
    })

    it('opens no session and calls no onLogin for a snapshot page\'s virtual account', async () => {
      emulator.setWechatClient({ snapshot: true })
      const start = await startInWechat('flow=oa&return_to=%2Faccount')
      const callbackUrl = await authorizeInWechat(officialAccountAuthorizeUrl(start))
      expect(emulator.authorizations()).toEqual([expect.objectContaining({ status: 'snapshot' })])
      const callback = await jar.fetch(callbackUrl)
      expect(callback.headers.get('location')).toBe(`${app.url}/account?${LOGIN_ERROR_PARAM}=SNAPSHOT_USER`)
      await expectNoSession()
      expect(logs).toEqual([expect.stringMatching(/callback failed with SNAPSHOT_USER/)])
    })

    it('refuses an Official Account\'s code under the website app\'s state, and the reverse (each app\'s code is its own)', async () => {
      const qr = await (await jar.fetch(`${app.url}/auth/wechat/state?mode=redirect`)).json() as OfficialAccountState
      const oaCode = emulator.issueCode(OA.appid, 'alice')
      const first = await jar.fetch(`${app.url}/auth/wechat/callback?code=${oaCode}&state=${qr.state}`)
      expect(first.headers.get('location')).toBe(`${app.url}/?${LOGIN_ERROR_PARAM}=WECHAT_API_ERROR`)
      const oa = await startInWechat()
      const second = await jar.fetch(`${app.url}/auth/wechat/callback?code=${emulator.issueCode(APP.appid, 'alice')}&state=${oa.state}`)
      expect(second.headers.get('location')).toBe(`${app.url}/?${LOGIN_ERROR_PARAM}=WECHAT_API_ERROR`)
      await expectNoSession()
      expect(logs).toEqual([expect.stringContaining('errcode 40029'), expect.stringContaining('errcode 40029')])
      expect(emulator.codes().map(code => code.used)).toEqual([false, false])
    })

    it('stays signed in when WeChat delivers the code twice, first from its own servers (no cookies)', async () => {
      emulator.setFaults({ duplicateCallback: true })
      const start = await startInWechat()
      const callbackUrl = await authorizeInWechat(officialAccountAuthorizeUrl(start))
      // The cookie-less delivery had no state to complete a login with.
      expect(logs).toEqual([expect.stringMatching(/callback failed with STATE_MISMATCH/)])
      const callback = await jar.fetch(callbackUrl)
      expect(callback.headers.get('location')).toBe(`${app.url}/`)
      expect(await session()).toMatchObject({ authenticated: true, user: { flow: 'oa' } })
      expect(onLogin).toHaveBeenCalledOnce()
    })

    it('signs the browser in once when it delivers the same code twice at the same time', async () => {
      const start = await startInWechat()
      const callbackUrl = await authorizeInWechat(officialAccountAuthorizeUrl(start))
      const answers = await Promise.all([jar.fetch(callbackUrl), jar.fetch(callbackUrl)])
      expect(answers.map(answer => answer.headers.get('location'))).toEqual([`${app.url}/`, `${app.url}/`])
      const sessionCookies = answers.map(answer => answer.headers.getSetCookie().find(cookie => cookie.startsWith('wechat_session=')))
      expect(sessionCookies[0]).toBeDefined()
      expect(sessionCookies[1]).toBe(sessionCookies[0])
      expect(emulator.tokens()).toHaveLength(1)
      expect(onLogin).toHaveBeenCalledOnce()
      expect(await session()).toMatchObject({ authenticated: true })
      // Both answers cleared the state's cookie: a later delivery is a replay.
      expect((await jar.fetch(callbackUrl)).status).toBe(400)
      expect(logs).toEqual([expect.stringMatching(/callback failed with STATE_MISMATCH/)])
    })

    it('answers OFFICIAL_ACCOUNT_NOT_CONFIGURED for a state of the Official Account that the server no longer has', async () => {
      const start = await startInWechat()
      const callbackUrl = await authorizeInWechat(officialAccountAuthorizeUrl(start))
      auth = createAuth({ officialAccount: undefined })
      expect((await jar.fetch(callbackUrl)).headers.get('location')).toBe(`${app.url}/?${LOGIN_ERROR_PARAM}=OFFICIAL_ACCOUNT_NOT_CONFIGURED`)
      await expectNoSession()
      expect(emulator.codes()[0]!.used).toBe(false)
      logs = []
    })
  })

  describe('mounted in Express', () => {
    let express5: Listening
    beforeAll(async () => {
      const server = express()
      server.use(toNodeMiddleware(request => auth(request)))
      server.get('/api/me', async (req, res) => {
        const me = await auth.getSession(toWebRequest(req))
        res.json({ route: 'app', me })
      })
      express5 = await listen(server, 'localhost')
    })
    afterAll(async () => {
      await express5.close()
    })

    it('logs in and leaves the app\'s own routes to Express', async () => {
      const stateResponse = await jar.fetch(`${express5.url}/auth/wechat/state?mode=redirect&return_to=%2Fapi%2Fme`)
      const { state, redirectUri, openBase, appid } = await stateResponse.json() as WechatStateResponse
      const callbackUrl = await scanAndConfirm(buildAuthorizeUrl({ appid, redirectUri, state, openBase }), state)
      const callback = await jar.fetch(callbackUrl)
      expect(callback.headers.get('location')).toBe(`${express5.url}/api/me`)
      const me = await jar.fetch(callback.headers.get('location')!)
      expect(await me.json()).toMatchObject({ route: 'app', me: { authenticated: true, user: { nickname: 'Alice Chen' } } })
      const exchangeResponse = await jar.fetch(`${express5.url}/auth/wechat/exchange`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: emulator.issueCode(APP.appid), state: 'unknown' }) })
      expect(exchangeResponse.status).toBe(400)
      expect((await jar.fetch(`${express5.url}/nowhere`)).status).toBe(404)
    })

    it('explains a body parser mounted before it instead of hanging', async () => {
      const server = express()
      server.use(express.json())
      server.use(toNodeMiddleware(request => auth(request)))
      const misordered = await listen(server, 'localhost')
      try {
        const { state } = await (await jar.fetch(`${misordered.url}/auth/wechat/state`)).json() as WechatStateResponse
        const response = await jar.fetch(`${misordered.url}/auth/wechat/exchange`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: emulator.issueCode(APP.appid), state }) })
        expect(response.status).toBe(400)
        expect(await response.json()).toMatchObject({ error: { code: 'INVALID_REQUEST' } })
        expect(logs).toEqual([expect.stringContaining('mount toNodeMiddleware() before body parsers')])
      }
      finally {
        await misordered.close()
      }
    })
  })
})
