import { LOGIN_ERROR_PARAM } from '@wechat-qr-login/core'
import { APP, base64urlJson, postJson, readSigned, SESSION_SECRET, setCookies, setupAuth, tamper } from '@wechat-qr-login/test-utils/auth-harness'
import { createCookieJar } from '@wechat-qr-login/test-utils/cookie-jar'
import { FAKE_APPID, FAKE_SECRET } from '@wechat-qr-login/test-utils/fake-wechat'
import { readRelayPage } from '@wechat-qr-login/test-utils/relay'
import { afterEach, describe, expect, it, vi } from 'vitest'

afterEach(() => {
  vi.useRealTimers()
})

describe('GET /callback', () => {
  it('opens a session and redirects the top window to the return path', async () => {
    const harness = setupAuth()
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
      user: { id: 'unionid:union-alice', openid: 'openid-alice', unionid: 'union-alice', nickname: 'alice', avatar: 'https://thirdwx.qlogo.cn/mmopen/alice/132', flow: 'qr', appid: FAKE_APPID },
    })
  })

  it('keys users without a unionid by appid and openid', async () => {
    const harness = setupAuth()
    const state = await harness.start()
    await harness.callback({ code: harness.wechat.issueCode('bob', { unionid: false }), state })
    const session = await harness.session()
    expect(session.authenticated && session.user).toMatchObject({ id: `openid:${FAKE_APPID}:openid-bob`, openid: 'openid-bob' })
    expect(session.authenticated && 'unionid' in session.user).toBe(false)
  })

  it('redirects an embedded QR without self_redirect like the redirect mode (the top window navigated)', async () => {
    const harness = setupAuth()
    const state = await harness.start('?mode=embedded&self_redirect=false')
    const response = await harness.callback({ code: harness.wechat.issueCode(), state })
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe(`${APP}/`)
  })

  it.each([
    ['new-window', 'opener'],
    ['embedded&self_redirect=true', 'parent'],
  ])('answers mode %s with a relay page to the %s', async (mode, target) => {
    const harness = setupAuth()
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
    const harness = setupAuth({}, origin)
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
    const harness = setupAuth({}, 'http://localhost:5173')
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
    const harness = setupAuth({}, 'http://localhost:5173')
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
    const harness = setupAuth({}, 'http://localhost:5173')
    const state = await harness.start('?mode=embedded&self_redirect=true')
    await harness.callback({ code: harness.wechat.issueCode(), state })
    await harness.jar.fetch('http://localhost:5173/auth/wechat/logout', postJson({}))
    expect(harness.jar.list()).toEqual([])
    expect(await harness.session()).toEqual({ authenticated: false })
  })

  it('posts to the configured app origin and builds return URLs on it', async () => {
    const harness = setupAuth({ redirectUri: 'https://api.example.com/auth/wechat/callback', appOrigin: 'https://www.example.com' })
    const state = await harness.start('?mode=new-window')
    const data = readRelayPage(await (await harness.callback({ code: harness.wechat.issueCode(), state })).text())
    expect(data.origin).toBe('https://www.example.com')
    expect(data.back).toBe('https://www.example.com/')
  })

  it('reports a denial (no code) without a session', async () => {
    const harness = setupAuth()
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
    const harness = setupAuth()
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
    const harness = setupAuth()
    const state = await harness.start('?mode=new-window')
    const response = await harness.callback(query(state))
    expect(response.status).toBe(400)
    expect(readRelayPage(await response.text()).message.result).toEqual({ type: 'error', code: 'STATE_MISMATCH' })
    expect(await harness.session()).toEqual({ authenticated: false })
    expect(harness.wechat.calls).toEqual([])
  })

  it('refuses a tampered or swapped state cookie', async () => {
    const harness = setupAuth()
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
    const harness = setupAuth()
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
    const harness = setupAuth()
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
    const harness = setupAuth()
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
    const harness = setupAuth()
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

  it('says WeChat was unreachable from the server, not the user\'s connection, in the return URL and the relay message', async () => {
    const harness = setupAuth()
    harness.wechat.fail('network')
    const top = await harness.callback({ code: harness.wechat.issueCode(), state: await harness.start('?return_to=/login') })
    expect(top.headers.get('location')).toBe(`${APP}/login?${LOGIN_ERROR_PARAM}=WECHAT_UNREACHABLE`)
    harness.wechat.fail('network')
    const popup = await harness.callback({ code: harness.wechat.issueCode(), state: await harness.start('?mode=new-window') })
    expect(popup.status).toBe(502)
    expect(readRelayPage(await popup.text()).message.result).toEqual({ type: 'error', code: 'WECHAT_UNREACHABLE' })
    expect(harness.logs).toEqual(Array.from({ length: 2 }, () => expect.stringMatching(/^error .*WECHAT_UNREACHABLE: WeChat API \/sns\/oauth2\/access_token could not be reached/)))
  })

  it('reports a busy-then-failing WeChat, and a timeout, as errors', async () => {
    const harness = setupAuth({ timeout: 50 })
    harness.wechat.fail('busy', 'busy')
    const busy = await harness.start('?mode=new-window')
    const busyAnswer = await harness.callback({ code: harness.wechat.issueCode(), state: busy })
    expect(busyAnswer.status).toBe(502)
    expect(readRelayPage(await busyAnswer.text()).message.result).toEqual({ type: 'error', code: 'WECHAT_API_ERROR' })
    harness.wechat.fail('hang')
    const slow = await harness.start('?mode=new-window')
    const timeout = await harness.callback({ code: harness.wechat.issueCode(), state: slow })
    expect(timeout.status).toBe(504)
    expect(readRelayPage(await timeout.text()).message.result).toEqual({ type: 'error', code: 'WECHAT_UNREACHABLE' })
    expect(await harness.session()).toEqual({ authenticated: false })
  })
})
