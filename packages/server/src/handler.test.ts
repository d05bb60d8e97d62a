import type { WechatSessionResponse, WechatStateResponse } from '@wechat-qr-login/core'
import type { CookieJar } from '@wechat-qr-login/test-utils/cookie-jar'
import type { FakeWechat } from '@wechat-qr-login/test-utils/fake-wechat'
import type { WechatAuth } from './handler'
import type { WechatAuthOptions } from './options'
import { Buffer } from 'node:buffer'
import { LOGIN_ERROR_PARAM, MAX_RETURN_PATH_BYTES } from '@wechat-qr-login/core'
import { createCookieJar } from '@wechat-qr-login/test-utils/cookie-jar'
import { createFakeWechat, FAKE_APPID, FAKE_SECRET } from '@wechat-qr-login/test-utils/fake-wechat'
import { readRelayPage } from '@wechat-qr-login/test-utils/relay'
import { parseSetCookie } from 'cookie-es'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createWechatAuth } from './handler'
import { MAX_CODE_LENGTH } from './internal/login-code'

const SESSION_SECRET = 'a-session-secret-of-at-least-32-characters'
const APP = 'http://app.test'

interface Harness {
  auth: WechatAuth
  wechat: FakeWechat
  jar: CookieJar
  logs: string[]
  /** Starts a login in `mode` and returns the state. */
  start: (query?: string) => Promise<string>
  callback: (query: Record<string, string>) => Promise<Response>
  session: () => Promise<WechatSessionResponse>
}

function setup(options: Partial<WechatAuthOptions> = {}, origin = APP): Harness {
  const wechat = createFakeWechat()
  const logs: string[] = []
  const auth = createWechatAuth({
    appid: FAKE_APPID,
    secret: FAKE_SECRET,
    sessionSecret: SESSION_SECRET,
    apiBase: 'https://api.test',
    fetch: wechat.fetch,
    logger: { warn: message => logs.push(`warn ${message}`), error: message => logs.push(`error ${message}`) },
    ...options,
  })
  const jar = createCookieJar(async request => await auth(request) ?? new Response('not ours', { status: 404 }))
  return {
    auth,
    wechat,
    jar,
    logs,
    async start(query = '') {
      const response = await jar.fetch(`${origin}/auth/wechat/state${query}`)
      expect(response.status).toBe(200)
      return (await response.json() as WechatStateResponse).state
    },
    callback: query => jar.fetch(`${origin}/auth/wechat/callback?${new URLSearchParams(query)}`),
    async session() {
      return await (await jar.fetch(`${origin}/auth/wechat/session`)).json() as WechatSessionResponse
    },
  }
}

function setCookies(response: Response): ReturnType<typeof parseSetCookie>[] {
  return response.headers.getSetCookie().map(line => parseSetCookie(line))
}

function base64urlJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url')
}

/** The payload of a signed (JWS compact) cookie value, read without checking the signature. */
function readSigned(value: string): unknown {
  return JSON.parse(Buffer.from(value.split('.')[1]!, 'base64url').toString())
}

/** The value with its last four characters (authentication tag or signature) changed. */
function tamper(value: string): string {
  return value.slice(0, -4) + (value.endsWith('AAAA') ? 'BBBB' : 'AAAA')
}

function postJson(body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }): RequestInit {
  return { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) }
}

describe('createWechatAuth', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  describe('GET /state', () => {
    it('mints a state bound to the browser by a signed HttpOnly cookie named after it', async () => {
      const { jar } = setup()
      const response = await jar.fetch(`${APP}/auth/wechat/state`)
      const body = await response.json() as WechatStateResponse
      expect(body).toEqual({
        state: expect.stringMatching(/^[\w-]{32}$/),
        expiresAt: expect.any(Number),
        expiresIn: expect.any(Number),
        appid: FAKE_APPID,
        redirectUri: `${APP}/auth/wechat/callback`,
        openBase: 'https://open.weixin.qq.com',
      })
      expect(body.expiresAt - Date.now()).toBeGreaterThan(599_000)
      expect(body.expiresIn).toBeGreaterThan(599_000)
      expect(body.expiresIn).toBeLessThanOrEqual(600_000)
      expect(response.headers.get('cache-control')).toBe('no-store')
      const [cookie] = setCookies(response)
      expect(cookie).toMatchObject({ name: `wechat_state_${body.state}`, path: '/', httpOnly: true, sameSite: 'lax', maxAge: 600 })
      expect(cookie!.secure).toBeFalsy()
      expect(readSigned(cookie!.value)).toEqual({ t: 'state', state: body.state, mode: 'redirect', selfRedirect: false, returnTo: '/', exp: body.expiresAt })
    })

    it('uses SameSite=None; Secure for an embedded QR with self_redirect, whose callback is a cross-site frame navigation', async () => {
      for (const origin of ['https://app.test', 'http://localhost:5173', 'http://127.0.0.1:5173']) {
        const { jar } = setup({}, origin)
        const response = await jar.fetch(`${origin}/auth/wechat/state?mode=embedded&self_redirect=true`)
        expect(setCookies(response)[0]).toMatchObject({ sameSite: 'none', secure: true })
      }
    })

    it('falls back to Lax and warns once when self_redirect runs over plain http on a LAN host', async () => {
      const { jar, logs } = setup({}, 'http://192.168.1.5:5173')
      for (let i = 0; i < 2; i++) {
        const response = await jar.fetch('http://192.168.1.5:5173/auth/wechat/state?self_redirect=true')
        expect(setCookies(response)[0]).toMatchObject({ sameSite: 'lax' })
      }
      expect(logs).toEqual([expect.stringMatching(/^warn .*self_redirect.*https/)])
    })

    it('allows a return path matched by a global or sticky RegExp on every request', async () => {
      const global = /^\/account/g
      const harness = setup({ returnPaths: [global, /^\/home/y], defaultReturnPath: '/account' })
      for (let i = 0; i < 3; i++) {
        await harness.start('?return_to=/account')
        await harness.start('?return_to=/home')
      }
      expect(global.lastIndex).toBe(0)
    })

    it('marks cookies Secure and __Host- on https, where no subdomain can plant one', async () => {
      const { jar } = setup({}, 'https://app.test')
      const response = await jar.fetch('https://app.test/auth/wechat/state?mode=new-window')
      expect(setCookies(response)[0]).toMatchObject({ name: expect.stringMatching(/^__Host-wechat_state_/), path: '/', sameSite: 'lax', secure: true })
    })

    it.each([
      ['mode=popup', 'INVALID_REQUEST'],
      ['self_redirect=yes', 'INVALID_REQUEST'],
      ['mode=redirect&self_redirect=true', 'INVALID_REQUEST'],
      ['return_to=//evil.example/x', 'INVALID_RETURN_PATH'],
      ['return_to=https://evil.example/', 'INVALID_RETURN_PATH'],
      ['return_to=/\\evil.example', 'INVALID_RETURN_PATH'],
      ['return_to=%2F%2Fevil.example', 'INVALID_RETURN_PATH'],
      ['return_to=/%09/evil.example', 'INVALID_RETURN_PATH'],
      ['return_to=/.//evil.example', 'INVALID_RETURN_PATH'],
      ['return_to=/app/..//evil.example', 'INVALID_RETURN_PATH'],
      ['return_to=javascript:alert(1)', 'INVALID_RETURN_PATH'],
      ['return_to=relative/path', 'INVALID_RETURN_PATH'],
      ['return_to=/admin', 'INVALID_RETURN_PATH'],
    ])('refuses %s with %s and sets no cookie', async (query, code) => {
      const { jar } = setup({ returnPaths: [/^\/(?!admin)/] })
      const response = await jar.fetch(`${APP}/auth/wechat/state?${query}`)
      expect(response.status).toBe(400)
      expect(await response.json()).toEqual({ error: { code, message: expect.any(String) } })
      expect(jar.list()).toEqual([])
    })

    it.each([
      '/app/..%252fadmin',
      '/app/%2e%2e%2fadmin',
      '/app/..%5Cadmin',
      '/app/%252e%252e/admin',
    ])('refuses %s, which a proxy that decodes encoded slashes would resolve outside returnPaths', async (returnTo) => {
      const { jar } = setup({ returnPaths: ['/app'], defaultReturnPath: '/app' })
      // As the value of `return_to`, and as a browser might send it unencoded.
      for (const query of [encodeURIComponent(returnTo), returnTo]) {
        const response = await jar.fetch(`${APP}/auth/wechat/state?return_to=${query}`)
        expect(response.status, query).toBe(400)
        expect(await response.json()).toEqual({ error: { code: 'INVALID_RETURN_PATH', message: expect.any(String) } })
      }
      expect(jar.list()).toEqual([])
    })

    it.each([
      ['945 × "{"', `/${'{'.repeat(945)}`],
      ['a 331-character CJK path', `/${'登'.repeat(330)}`],
    ])('refuses %s, too long once percent-encoded for a state cookie, with a clear 400', async (_, returnTo) => {
      const { jar } = setup()
      const response = await jar.fetch(`${APP}/auth/wechat/state?return_to=${encodeURIComponent(returnTo)}`)
      expect(response.status).toBe(400)
      expect(await response.json()).toEqual({ error: { code: 'INVALID_RETURN_PATH', message: expect.stringContaining('over 512 bytes') } })
      expect(jar.list()).toEqual([])
    })

    it('keeps five pending states with the longest return path within nginx\'s 8 KB header line, with room to spare', async () => {
      const { jar, start } = setup({}, 'https://app.test')
      const returnTo = `/${'a'.repeat(MAX_RETURN_PATH_BYTES - 1)}`
      for (let i = 0; i < 5; i++)
        await start(`?mode=new-window&return_to=${returnTo}`)
      expect(jar.list()).toHaveLength(5)
      const header = `Cookie: ${jar.header('https://app.test/')}`
      // Over 3 KB of the line are left for the session cookie and the app's own cookies.
      expect(header.length).toBeLessThan(5 * 1024)
      for (const cookie of jar.list())
        expect(cookie.name.length + cookie.value.length).toBeLessThan(1024)
    })

    it('keeps several pending states, dropping the oldest beyond five', async () => {
      const harness = setup()
      const states: string[] = []
      for (let i = 0; i < 7; i++)
        states.push(await harness.start('?mode=redirect'))
      expect(harness.jar.list()).toHaveLength(5)
      expect(await harness.callback({ code: harness.wechat.issueCode(), state: states[0]! })).toHaveProperty('status', 400)
      const latest = await harness.callback({ code: harness.wechat.issueCode(), state: states[6]! })
      expect(latest.status).toBe(302)
      expect((await harness.session()).authenticated).toBe(true)
    })
  })

  describe('GET /callback', () => {
    it('opens a session and redirects the top window to the return path', async () => {
      const harness = setup()
      const state = await harness.start('?mode=redirect&return_to=%2Faccount%3Ftab%3D1%23top')
      const response = await harness.callback({ code: harness.wechat.issueCode('alice'), state })
      expect(response.status).toBe(302)
      expect(response.headers.get('location')).toBe(`${APP}/account?tab=1#top`)
      expect(response.headers.get('referrer-policy')).toBe('no-referrer')
      const cookies = setCookies(response)
      expect(cookies).toContainEqual(expect.objectContaining({ name: 'wechat_session', path: '/', httpOnly: true, sameSite: 'lax', maxAge: 604_800 }))
      expect(cookies).toContainEqual(expect.objectContaining({ name: expect.stringMatching(/^wechat_state_/), value: '', maxAge: 0 }))
      expect(await harness.session()).toEqual({
        authenticated: true,
        expiresAt: expect.any(Number),
        user: { id: 'unionid:union-alice', openid: 'openid-alice', unionid: 'union-alice', nickname: 'alice', avatar: 'https://thirdwx.qlogo.cn/mmopen/alice/132' },
      })
    })

    it('keys users without a unionid by appid and openid', async () => {
      const harness = setup()
      const state = await harness.start()
      await harness.callback({ code: harness.wechat.issueCode('bob', { unionid: false }), state })
      const session = await harness.session()
      expect(session.authenticated && session.user).toMatchObject({ id: `openid:${FAKE_APPID}:openid-bob`, openid: 'openid-bob' })
      expect(session.authenticated && 'unionid' in session.user).toBe(false)
    })

    it('redirects an embedded QR without self_redirect like the redirect mode (the top window navigated)', async () => {
      const harness = setup()
      const state = await harness.start('?mode=embedded&self_redirect=false')
      const response = await harness.callback({ code: harness.wechat.issueCode(), state })
      expect(response.status).toBe(302)
      expect(response.headers.get('location')).toBe(`${APP}/`)
    })

    it.each([
      ['new-window', 'opener'],
      ['embedded&self_redirect=true', 'parent'],
    ])('answers mode %s with a relay page to the %s', async (mode, target) => {
      const harness = setup()
      const state = await harness.start(`?mode=${mode}`)
      const code = harness.wechat.issueCode('carol')
      const response = await harness.callback({ code, state })
      expect(response.status).toBe(200)
      const html = await response.text()
      const data = readRelayPage(html)
      expect(data).toMatchObject({ origin: APP, target, channel: 'wechat-qr-login', back: `${APP}/` })
      expect(data.message).toEqual({ source: 'wechat-qr-login', version: 1, state, result: { type: 'authenticated', user: expect.objectContaining({ nickname: 'carol' }) } })
      const nonce = /<script nonce="([^"]+)">/.exec(html)![1]
      expect(response.headers.get('content-security-policy')).toBe(`default-src 'none'; script-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'`)
      expect(response.headers.get('cache-control')).toBe('no-store')
      expect(response.headers.get('referrer-policy')).toBe('no-referrer')
      expect(html).toContain('You can close this window')
      expect(html).not.toContain(code)
      expect(html).not.toMatch(/token-|refresh-|secret/)
      expect((await harness.session()).authenticated).toBe(true)
    })

    it.each(['http://localhost:5173', 'https://app.test'])('hands a self_redirect login over through a pending SameSite=None cookie on %s', async (origin) => {
      const harness = setup({}, origin)
      const prefix = origin.startsWith('https') ? '__Host-' : ''
      const state = await harness.start('?mode=embedded&self_redirect=true')
      const response = await harness.callback({ code: harness.wechat.issueCode('iris'), state })
      // WeChat's iframe navigated itself here: Chromium would drop a Lax cookie from this answer.
      expect(setCookies(response)).toEqual(expect.arrayContaining([
        expect.objectContaining({ name: `${prefix}wechat_session_pending`, sameSite: 'none', secure: true, httpOnly: true, path: '/', maxAge: 120 }),
        expect.objectContaining({ name: expect.stringMatching(/wechat_state_/), sameSite: 'none', secure: true, maxAge: 0 }),
      ]))
      expect(setCookies(response).map(cookie => cookie!.name)).not.toContain(`${prefix}wechat_session`)
      const html = await response.text()
      expect(readRelayPage(html).session).toBe(`${origin}/auth/wechat/session`)
      expect(response.headers.get('content-security-policy')).toContain('connect-src \'self\'')
      expect(await harness.auth.getSession(new Request(`${origin}/api`, { headers: { cookie: harness.jar.header(`${origin}/api`) } }))).toEqual({ authenticated: false })
      // The relay page's own fetch (same-origin, so it may set Lax cookies) completes the hand-over.
      const handOver = await harness.jar.fetch(`${origin}/auth/wechat/session`)
      expect(await handOver.json()).toMatchObject({ authenticated: true, user: { nickname: 'iris' } })
      expect(setCookies(handOver)).toEqual([
        expect.objectContaining({ name: `${prefix}wechat_session_pending`, maxAge: 0 }),
        expect.objectContaining({ name: `${prefix}wechat_session`, sameSite: 'lax', httpOnly: true, maxAge: 604_800 }),
      ])
      expect(harness.jar.list().map(cookie => cookie.name)).toEqual([`${prefix}wechat_session`])
      expect(await harness.session()).toMatchObject({ authenticated: true })
    })

    it('lets a pending session lapse after two minutes, and refuses a tampered one', async () => {
      vi.useFakeTimers({ toFake: ['Date'] })
      const harness = setup({}, 'http://localhost:5173')
      const state = await harness.start('?mode=embedded&self_redirect=true')
      await harness.callback({ code: harness.wechat.issueCode(), state })
      const pending = harness.jar.list().find(cookie => cookie.name === 'wechat_session_pending')!
      vi.setSystemTime(Date.now() + 121_000)
      harness.jar.set(pending.name, pending.value)
      expect(await harness.session()).toEqual({ authenticated: false })
      expect(harness.jar.list()).toEqual([])
      harness.jar.set(pending.name, tamper(pending.value))
      vi.setSystemTime(Date.now() - 121_000)
      expect(await harness.session()).toEqual({ authenticated: false })
    })

    it('hands a self_redirect login over even when another session is open (switching accounts)', async () => {
      const harness = setup({}, 'http://localhost:5173')
      await harness.callback({ code: harness.wechat.issueCode('kate'), state: await harness.start() })
      expect(await harness.session()).toMatchObject({ user: { nickname: 'kate' } })
      const state = await harness.start('?mode=embedded&self_redirect=true')
      const relay = readRelayPage(await (await harness.callback({ code: harness.wechat.issueCode('liam'), state })).text())
      expect(relay.message.result).toMatchObject({ type: 'authenticated', user: { nickname: 'liam' } })
      expect(await harness.session()).toMatchObject({ authenticated: true, user: { nickname: 'liam' } })
      expect(harness.jar.list().map(cookie => cookie.name)).toEqual(['wechat_session'])
      expect(await harness.session()).toMatchObject({ authenticated: true, user: { nickname: 'liam' } })
    })

    it('clears a pending session on logout', async () => {
      const harness = setup({}, 'http://localhost:5173')
      const state = await harness.start('?mode=embedded&self_redirect=true')
      await harness.callback({ code: harness.wechat.issueCode(), state })
      await harness.jar.fetch('http://localhost:5173/auth/wechat/logout', postJson({}))
      expect(harness.jar.list()).toEqual([])
      expect(await harness.session()).toEqual({ authenticated: false })
    })

    it('posts to the configured app origin and builds return URLs on it', async () => {
      const harness = setup({ redirectUri: 'https://api.example.com/auth/wechat/callback', appOrigin: 'https://www.example.com' })
      const state = await harness.start('?mode=new-window')
      const data = readRelayPage(await (await harness.callback({ code: harness.wechat.issueCode(), state })).text())
      expect(data.origin).toBe('https://www.example.com')
      expect(data.back).toBe('https://www.example.com/')
    })

    it('reports a denial (no code) without a session', async () => {
      const harness = setup()
      const top = await harness.start('?return_to=/login')
      const response = await harness.callback({ state: top })
      expect(response.headers.get('location')).toBe(`${APP}/login?${LOGIN_ERROR_PARAM}=LOGIN_DENIED`)
      const popup = await harness.start('?mode=new-window')
      expect(readRelayPage(await (await harness.callback({ state: popup })).text()).message.result).toEqual({ type: 'denied' })
      expect(await harness.session()).toEqual({ authenticated: false })
      expect(harness.wechat.calls).toEqual([])
      expect(harness.logs).toEqual([])
    })

    it('refuses a callback whose state cookie is missing, with a relay page that finds its window', async () => {
      const harness = setup()
      const state = await harness.start('?mode=new-window')
      const stranger = createCookieJar(async request => (await harness.auth(request))!)
      const response = await stranger.fetch(`${APP}/auth/wechat/callback?code=${harness.wechat.issueCode()}&state=${state}`)
      expect(response.status).toBe(400)
      const data = readRelayPage(await response.text())
      expect(data).toMatchObject({ target: 'auto', back: `${APP}/?${LOGIN_ERROR_PARAM}=STATE_MISMATCH` })
      expect(data.message).toMatchObject({ state, result: { type: 'error', code: 'STATE_MISMATCH' } })
      expect(harness.wechat.calls).toEqual([])
      expect(harness.logs).toEqual([expect.stringMatching(/^warn .*STATE_MISMATCH/)])
    })

    it.each([
      ['no state', () => ({ code: 'c'.repeat(32) })],
      ['a forged state', () => ({ code: 'c'.repeat(32), state: 'forged-state-forged-state-forged1' })],
      ['a malformed state', () => ({ code: 'c'.repeat(32), state: '<script>' })],
      ['a state that differs in case', (state: string) => ({ code: 'c'.repeat(32), state: state.toUpperCase() === state ? state.toLowerCase() : state.toUpperCase() })],
    ])('refuses %s', async (_, query: (state: string) => Record<string, string>) => {
      const harness = setup()
      const state = await harness.start('?mode=new-window')
      const response = await harness.callback(query(state))
      expect(response.status).toBe(400)
      expect(readRelayPage(await response.text()).message.result).toEqual({ type: 'error', code: 'STATE_MISMATCH' })
      expect(await harness.session()).toEqual({ authenticated: false })
      expect(harness.wechat.calls).toEqual([])
    })

    it('refuses a tampered or swapped state cookie', async () => {
      const harness = setup()
      const first = await harness.start('?mode=new-window')
      const second = await harness.start('?mode=new-window')
      const [a, b] = harness.jar.list()
      harness.jar.set(a!.name, b!.value)
      const swapped = await harness.callback({ code: harness.wechat.issueCode(), state: first })
      expect(readRelayPage(await swapped.text()).message.result).toMatchObject({ code: 'STATE_MISMATCH' })
      harness.jar.set(b!.name, `${b!.value.slice(0, -4)}AAAA`)
      const tampered = await harness.callback({ code: harness.wechat.issueCode(), state: second })
      expect(readRelayPage(await tampered.text()).message.result).toMatchObject({ code: 'STATE_MISMATCH' })
      expect(await harness.session()).toEqual({ authenticated: false })
    })

    it('refuses a state cookie whose record was edited (signed, so readable but not changeable)', async () => {
      const harness = setup()
      const state = await harness.start('?mode=new-window')
      const [cookie] = harness.jar.list()
      const [header, , signature] = cookie!.value.split('.')
      const edited = { ...readSigned(cookie!.value) as object, mode: 'redirect', returnTo: '/admin' }
      harness.jar.set(cookie!.name, [header, base64urlJson(edited), signature].join('.'))
      const response = await harness.callback({ code: harness.wechat.issueCode(), state })
      expect(response.status).toBe(400)
      expect(readRelayPage(await response.text()).message.result).toMatchObject({ code: 'STATE_MISMATCH' })
      expect(harness.wechat.calls).toEqual([])
    })

    it('refuses an expired state', async () => {
      vi.useFakeTimers({ toFake: ['Date'] })
      const harness = setup()
      const state = await harness.start('?mode=new-window')
      const [cookie] = harness.jar.list()
      vi.setSystemTime(Date.now() + 601_000)
      // A browser would have dropped it; a client that keeps it is refused all the same.
      harness.jar.set(cookie!.name, cookie!.value)
      const response = await harness.callback({ code: harness.wechat.issueCode(), state })
      expect(readRelayPage(await response.text()).message.result).toMatchObject({ code: 'STATE_MISMATCH' })
      expect(harness.wechat.calls).toEqual([])
    })

    it('accepts a state once, even from a client that kept the cookie', async () => {
      const harness = setup()
      const state = await harness.start('?mode=new-window')
      const [cookie] = harness.jar.list()
      expect((await harness.callback({ code: harness.wechat.issueCode(), state })).status).toBe(200)
      expect(harness.jar.list().filter(c => c.name.startsWith('wechat_state_'))).toEqual([])
      await harness.jar.fetch(`${APP}/auth/wechat/logout`, postJson({}))
      const withoutCookie = await harness.callback({ code: harness.wechat.issueCode(), state })
      expect(readRelayPage(await withoutCookie.text()).message.result).toMatchObject({ code: 'STATE_MISMATCH' })
      harness.jar.set(cookie!.name, cookie!.value)
      const withKeptCookie = await harness.callback({ code: harness.wechat.issueCode(), state })
      expect(readRelayPage(await withKeptCookie.text()).message.result).toMatchObject({ code: 'STATE_MISMATCH' })
      expect(await harness.session()).toEqual({ authenticated: false })
    })

    it('ends WeChat errors with a code, no session and secret-free logs', async () => {
      const harness = setup()
      const code = harness.wechat.issueCode()
      const first = await harness.start('?mode=new-window')
      await harness.callback({ code, state: first })
      await harness.jar.fetch(`${APP}/auth/wechat/logout`, postJson({}))
      const second = await harness.start('?return_to=/home')
      const replay = await harness.callback({ code, state: second })
      expect(replay.headers.get('location')).toBe(`${APP}/home?${LOGIN_ERROR_PARAM}=WECHAT_API_ERROR`)
      expect(replay.headers.getSetCookie().some(line => line.startsWith('wechat_session=') && !line.startsWith('wechat_session=;'))).toBe(false)
      expect(await harness.session()).toEqual({ authenticated: false })
      expect(harness.logs).toEqual([expect.stringMatching(/^error .*errcode 40163 \(invalid-code\) from \/sns\/oauth2\/access_token \[rid 1234-abcd\]/)])
      const logs = harness.logs.join('\n')
      for (const secret of [code, FAKE_SECRET, SESSION_SECRET, 'token-', 'refresh-'])
        expect(logs).not.toContain(secret)
    })

    it('reports a busy-then-failing WeChat, and a timeout, as errors', async () => {
      const harness = setup({ timeout: 50 })
      harness.wechat.fail('busy', 'busy')
      const busy = await harness.start('?mode=new-window')
      const busyAnswer = await harness.callback({ code: harness.wechat.issueCode(), state: busy })
      expect(busyAnswer.status).toBe(502)
      expect(readRelayPage(await busyAnswer.text()).message.result).toEqual({ type: 'error', code: 'WECHAT_API_ERROR' })
      harness.wechat.fail('hang')
      const slow = await harness.start('?mode=new-window')
      const timeout = await harness.callback({ code: harness.wechat.issueCode(), state: slow })
      expect(timeout.status).toBe(504)
      expect(readRelayPage(await timeout.text()).message.result).toEqual({ type: 'error', code: 'TIMEOUT' })
      expect(await harness.session()).toEqual({ authenticated: false })
    })
  })

  describe('code length', () => {
    async function send(harness: Harness, route: 'callback' | 'exchange', code: string): Promise<{ status: number, code: string }> {
      const state = await harness.start('?mode=new-window')
      if (route === 'callback') {
        const response = await harness.callback({ code, state })
        const result = readRelayPage(await response.text()).message.result as { code: string }
        return { status: response.status, code: result.code }
      }
      const response = await harness.jar.fetch(`${APP}/auth/wechat/exchange`, postJson({ code, state }))
      return { status: response.status, code: (await response.json() as { error: { code: string } }).error.code }
    }

    it.each(['callback', 'exchange'] as const)('lets %s send codes up to the shared limit to WeChat, and refuses longer ones', async (route) => {
      const harness = setup()
      expect(await send(harness, route, 'c'.repeat(MAX_CODE_LENGTH + 1))).toEqual({ status: 400, code: 'INVALID_REQUEST' })
      expect(harness.wechat.calls).toEqual([])
      // Unknown to the fake WeChat, so refused there: what matters is that it got there.
      expect(await send(harness, route, 'c'.repeat(MAX_CODE_LENGTH))).toEqual({ status: 502, code: 'WECHAT_API_ERROR' })
      expect(harness.wechat.calls).toHaveLength(1)
    })
  })

  describe('POST /exchange', () => {
    it('exchanges a code posted by a front-end callback route', async () => {
      const harness = setup()
      const state = await harness.start()
      const response = await harness.jar.fetch(`${APP}/auth/wechat/exchange`, postJson({ code: harness.wechat.issueCode('erin'), state }))
      expect(response.status).toBe(200)
      expect(await response.json()).toEqual({ authenticated: true, expiresAt: expect.any(Number), user: expect.objectContaining({ nickname: 'erin' }) })
      expect((await harness.session()).authenticated).toBe(true)
      const again = await harness.jar.fetch(`${APP}/auth/wechat/exchange`, postJson({ code: harness.wechat.issueCode('erin'), state }))
      expect(again.status).toBe(400)
      expect(await again.json()).toMatchObject({ error: { code: 'STATE_MISMATCH' } })
    })

    it.each([
      ['text/plain', postJson({ code: 'c', state: 's' }, { 'content-type': 'text/plain' }), 415, 'INVALID_REQUEST'],
      ['a form', postJson('code=c&state=s', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'INVALID_REQUEST'],
      ['broken JSON', postJson('{"code":'), 400, 'INVALID_REQUEST'],
      ['no body', postJson(''), 400, 'INVALID_REQUEST'],
      ['a missing code', postJson({ state: 's' }), 400, 'INVALID_REQUEST'],
      ['a huge body', postJson({ code: 'c', state: 's', pad: 'x'.repeat(10_000) }), 413, 'INVALID_REQUEST'],
      ['an unknown state', postJson({ code: 'c', state: 'unknown' }), 400, 'STATE_MISMATCH'],
    ])('refuses %s', async (_, init, status, code) => {
      const harness = setup()
      await harness.start()
      const response = await harness.jar.fetch(`${APP}/auth/wechat/exchange`, init)
      expect(response.status).toBe(status)
      expect(await response.json()).toEqual({ error: { code, message: expect.any(String) } })
      expect(harness.wechat.calls).toEqual([])
    })

    it('answers WeChat failures with a WechatErrorBody carrying no upstream detail', async () => {
      const harness = setup({ secret: 'a-wrong-secret' })
      const state = await harness.start()
      const response = await harness.jar.fetch(`${APP}/auth/wechat/exchange`, postJson({ code: harness.wechat.issueCode(), state }))
      expect(response.status).toBe(502)
      const body = await response.json()
      expect(body).toEqual({ error: { code: 'WECHAT_API_ERROR', message: '[wechat-qr-login] WeChat refused the login. Start the login again.' } })
      expect(harness.logs[0]).toMatch(/errcode 40125 \(configuration\)/)
      expect(harness.logs[0]).not.toContain('a-wrong-secret')
    })
  })

  describe('GET /session and POST /logout', () => {
    it('answers no session without a cookie, and logs out', async () => {
      const harness = setup()
      expect(await harness.session()).toEqual({ authenticated: false })
      const state = await harness.start()
      await harness.callback({ code: harness.wechat.issueCode(), state })
      expect((await harness.session()).authenticated).toBe(true)
      const refused = await harness.jar.fetch(`${APP}/auth/wechat/logout`, { method: 'POST' })
      expect(refused.status).toBe(415)
      expect((await harness.session()).authenticated).toBe(true)
      const response = await harness.jar.fetch(`${APP}/auth/wechat/logout`, postJson({}))
      expect(await response.json()).toEqual({ authenticated: false })
      expect(setCookies(response)[0]).toMatchObject({ name: 'wechat_session', value: '', maxAge: 0, path: '/' })
      expect(await harness.session()).toEqual({ authenticated: false })
    })

    it('treats a tampered session cookie as none and clears it', async () => {
      const harness = setup()
      const state = await harness.start()
      await harness.callback({ code: harness.wechat.issueCode(), state })
      const session = harness.jar.list().find(cookie => cookie.name === 'wechat_session')!
      const [, ...rest] = session.value.split('.')
      const weakerHeader = [base64urlJson({ alg: 'dir', enc: 'A128GCM' }), ...rest].join('.')
      for (const value of [tamper(session.value), 'garbage', weakerHeader, `${session.value}.extra`, session.value.split('.').slice(0, 4).join('.')]) {
        harness.jar.set('wechat_session', value)
        const response = await harness.jar.fetch(`${APP}/auth/wechat/session`)
        expect(await response.json()).toEqual({ authenticated: false })
        expect(harness.jar.list().find(cookie => cookie.name === 'wechat_session')).toBeUndefined()
      }
    })

    it('refuses a state cookie passed off as a session', async () => {
      const harness = setup()
      await harness.start()
      harness.jar.set('wechat_session', harness.jar.list()[0]!.value)
      expect(await harness.session()).toEqual({ authenticated: false })
    })

    it('ends a session after cookie.maxAge', async () => {
      vi.useFakeTimers({ toFake: ['Date'] })
      const harness = setup({ cookie: { maxAge: 3600 } })
      const state = await harness.start()
      await harness.callback({ code: harness.wechat.issueCode(), state })
      const session = harness.jar.list().find(cookie => cookie.name === 'wechat_session')!
      vi.setSystemTime(Date.now() + 3_601_000)
      harness.jar.set('wechat_session', session.value)
      expect(await harness.session()).toEqual({ authenticated: false })
    })

    it('accepts sessions sealed with a previous secret after a rotation', async () => {
      const before = setup()
      const state = await before.start()
      await before.callback({ code: before.wechat.issueCode('frank'), state })
      const sealed = before.jar.list().find(cookie => cookie.name === 'wechat_session')!.value
      const after = setup({ sessionSecret: ['a-brand-new-session-secret-of-32-chars!!', SESSION_SECRET] })
      after.jar.set('wechat_session', sealed)
      expect(await after.session()).toMatchObject({ authenticated: true, user: { nickname: 'frank' } })
      const other = setup({ sessionSecret: 'a-brand-new-session-secret-of-32-chars!!' })
      other.jar.set('wechat_session', sealed)
      expect(await other.session()).toEqual({ authenticated: false })
    })

    it('seals new sessions and states with the first secret, and honours states issued before a rotation', async () => {
      const before = setup()
      const pending = await before.start()
      const after = setup({ sessionSecret: ['a-brand-new-session-secret-of-32-chars!!', SESSION_SECRET] })
      for (const cookie of before.jar.list())
        after.jar.set(cookie.name, cookie.value)
      expect((await after.callback({ code: after.wechat.issueCode('judy'), state: pending })).status).toBe(302)
      const fresh = await after.start()
      const newOnly = setup({ sessionSecret: 'a-brand-new-session-secret-of-32-chars!!' })
      for (const cookie of after.jar.list())
        newOnly.jar.set(cookie.name, cookie.value)
      expect(await newOnly.session()).toMatchObject({ authenticated: true, user: { nickname: 'judy' } })
      expect((await newOnly.callback({ code: newOnly.wechat.issueCode('judy'), state: fresh })).status).toBe(302)
    })

    it('offers getSession() to the app\'s own routes', async () => {
      const harness = setup()
      const state = await harness.start()
      await harness.callback({ code: harness.wechat.issueCode('gina'), state })
      const request = new Request(`${APP}/api/me`, { headers: { cookie: harness.jar.header(`${APP}/api/me`) } })
      expect(await harness.auth.getSession(request)).toMatchObject({ authenticated: true, user: { nickname: 'gina' } })
      expect(await harness.auth.getSession(new Request(`${APP}/api/me`))).toEqual({ authenticated: false })
    })
  })

  describe('routing', () => {
    it('declines paths it does not own', async () => {
      const { auth } = setup()
      for (const path of ['/', '/auth/wechat', '/auth/wechat/', '/auth/wechat/other', '/auth/wechatx/state', '/auth/wechat/state/x', '/auth/wechat/toString'])
        expect(await auth(new Request(`${APP}${path}`))).toBeUndefined()
    })

    it('answers 405 with Allow for the wrong method', async () => {
      const { auth } = setup()
      const response = (await auth(new Request(`${APP}/auth/wechat/callback`, { method: 'POST' })))!
      expect(response.status).toBe(405)
      expect(response.headers.get('allow')).toBe('GET')
      expect(await response.json()).toMatchObject({ error: { code: 'INVALID_REQUEST' } })
    })

    it('serves another basePath', async () => {
      const { auth } = setup({ basePath: '/api/login' })
      expect((await auth(new Request(`${APP}/api/login/session`)))!.status).toBe(200)
      expect(await auth(new Request(`${APP}/auth/wechat/session`))).toBeUndefined()
    })
  })

  describe('proxies', () => {
    const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'public.example.com' }

    it('derives the redirect URI and Secure cookies from X-Forwarded-* with trustProxy', async () => {
      const { auth } = setup({ trustProxy: true })
      const response = (await auth(new Request('http://127.0.0.1:3000/auth/wechat/state', { headers: forwarded })))!
      expect((await response.json() as WechatStateResponse).redirectUri).toBe('https://public.example.com/auth/wechat/callback')
      expect(setCookies(response)[0]).toMatchObject({ secure: true })
    })

    it('ignores X-Forwarded-* without trustProxy', async () => {
      const { auth } = setup()
      const response = (await auth(new Request('http://127.0.0.1:3000/auth/wechat/state', { headers: forwarded })))!
      expect((await response.json() as WechatStateResponse).redirectUri).toBe('http://127.0.0.1:3000/auth/wechat/callback')
      expect(setCookies(response)[0]!.secure).toBeFalsy()
    })

    it('uses a __Host- session cookie on https', async () => {
      const harness = setup({}, 'https://app.test')
      const state = await harness.start()
      const response = await harness.callback({ code: harness.wechat.issueCode(), state })
      expect(setCookies(response)).toContainEqual(expect.objectContaining({ name: '__Host-wechat_session', secure: true, path: '/' }))
      expect((await harness.session()).authenticated).toBe(true)
      const sealed = harness.jar.list().find(cookie => cookie.name === '__Host-wechat_session')!.value
      // Without the prefix it could have been planted by a sibling subdomain: not read on https.
      expect(await harness.auth.getSession(new Request('https://app.test/', { headers: { cookie: `wechat_session=${sealed}` } }))).toEqual({ authenticated: false })
    })
  })

  describe('onLogin', () => {
    it('receives the user, tokens and userinfo, and may replace the user', async () => {
      const onLogin = vi.fn(() => ({ id: 'user-42', openid: 'o', nickname: 'Forty-two', avatar: '' }))
      const harness = setup({ onLogin })
      const state = await harness.start()
      await harness.callback({ code: harness.wechat.issueCode('hank'), state })
      expect(onLogin).toHaveBeenCalledWith({
        user: expect.objectContaining({ id: 'unionid:union-hank' }),
        token: expect.objectContaining({ access_token: expect.stringMatching(/^token-/), refresh_token: expect.any(String) }),
        userInfo: expect.objectContaining({ nickname: 'hank', language: 'zh_CN' }),
        request: expect.any(Request),
      })
      expect(await harness.session()).toMatchObject({ authenticated: true, user: { id: 'user-42' } })
    })

    it('may answer itself with a Response: no session cookie, the state cookie still cleared', async () => {
      const harness = setup({ onLogin: () => Response.redirect(`${APP}/welcome`, 303) })
      const state = await harness.start()
      const response = await harness.callback({ code: harness.wechat.issueCode(), state })
      expect(response.status).toBe(303)
      expect(response.headers.get('location')).toBe(`${APP}/welcome`)
      expect(setCookies(response)).toEqual([expect.objectContaining({ name: expect.stringMatching(/^wechat_state_/), maxAge: 0 })])
      expect(await harness.session()).toEqual({ authenticated: false })
    })

    it('fails the login when it throws or returns something else', async () => {
      const throwing = setup({
        onLogin: () => {
          throw new Error('database down')
        },
      })
      const state = await throwing.start()
      const response = await throwing.jar.fetch(`${APP}/auth/wechat/exchange`, postJson({ code: throwing.wechat.issueCode(), state }))
      expect(response.status).toBe(500)
      expect(await response.json()).toMatchObject({ error: { code: 'EXCHANGE_FAILED' } })
      expect(throwing.logs).toEqual([expect.stringMatching(/^error .*EXCHANGE_FAILED.*database down/)])
      const odd = setup({ onLogin: () => ({ name: 'not a user' }) as never })
      const oddState = await odd.start('?mode=new-window')
      const page = await odd.callback({ code: odd.wechat.issueCode(), state: oddState })
      expect(readRelayPage(await page.text()).message.result).toEqual({ type: 'error', code: 'INVALID_OPTION' })
      expect(await odd.session()).toEqual({ authenticated: false })
    })

    it('replaces the built-in session with session: false', async () => {
      const onLogin = vi.fn()
      const harness = setup({ session: false, onLogin })
      const state = await harness.start()
      const response = await harness.callback({ code: harness.wechat.issueCode(), state })
      expect(response.status).toBe(302)
      expect(onLogin).toHaveBeenCalledOnce()
      expect(setCookies(response).map(cookie => cookie!.name)).toEqual([expect.stringMatching(/^wechat_state_/)])
      expect(await harness.auth(new Request(`${APP}/auth/wechat/session`))).toBeUndefined()
      expect(await harness.auth(new Request(`${APP}/auth/wechat/logout`, { method: 'POST' }))).toBeUndefined()
    })
  })
})
