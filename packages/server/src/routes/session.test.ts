import { APP, base64urlJson, postJson, SESSION_SECRET, setCookies, setupAuth, tamper } from '@wechat-qr-login/test-utils/auth-harness'
import { afterEach, describe, expect, it, vi } from 'vitest'

afterEach(() => {
  vi.useRealTimers()
})

describe('GET /session and POST /logout', () => {
  it('answers no session without a cookie, and logs out', async () => {
    const harness = setupAuth()
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
    const harness = setupAuth()
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
    const harness = setupAuth()
    await harness.start()
    harness.jar.set('wechat_session', harness.jar.list()[0]!.value)
    expect(await harness.session()).toEqual({ authenticated: false })
  })

  it('ends a session after cookie.maxAge', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const harness = setupAuth({ cookie: { maxAge: 3600 } })
    const state = await harness.start()
    await harness.callback({ code: harness.wechat.issueCode(), state })
    const session = harness.jar.list().find(cookie => cookie.name === 'wechat_session')!
    vi.setSystemTime(Date.now() + 3_601_000)
    harness.jar.set('wechat_session', session.value)
    expect(await harness.session()).toEqual({ authenticated: false })
  })

  it('accepts sessions sealed with a previous secret after a rotation', async () => {
    const before = setupAuth()
    const state = await before.start()
    await before.callback({ code: before.wechat.issueCode('frank'), state })
    const sealed = before.jar.list().find(cookie => cookie.name === 'wechat_session')!.value
    const after = setupAuth({ sessionSecret: ['a-brand-new-session-secret-of-32-chars!!', SESSION_SECRET] })
    after.jar.set('wechat_session', sealed)
    expect(await after.session()).toMatchObject({ authenticated: true, user: { nickname: 'frank' } })
    const other = setupAuth({ sessionSecret: 'a-brand-new-session-secret-of-32-chars!!' })
    other.jar.set('wechat_session', sealed)
    expect(await other.session()).toEqual({ authenticated: false })
  })

  it('seals new sessions and states with the first secret, and honours states issued before a rotation', async () => {
    const before = setupAuth()
    const pending = await before.start()
    const after = setupAuth({ sessionSecret: ['a-brand-new-session-secret-of-32-chars!!', SESSION_SECRET] })
    for (const cookie of before.jar.list())
      after.jar.set(cookie.name, cookie.value)
    expect((await after.callback({ code: after.wechat.issueCode('judy'), state: pending })).status).toBe(302)
    const fresh = await after.start()
    const newOnly = setupAuth({ sessionSecret: 'a-brand-new-session-secret-of-32-chars!!' })
    for (const cookie of after.jar.list())
      newOnly.jar.set(cookie.name, cookie.value)
    expect(await newOnly.session()).toMatchObject({ authenticated: true, user: { nickname: 'judy' } })
    expect((await newOnly.callback({ code: newOnly.wechat.issueCode('judy'), state: fresh })).status).toBe(302)
  })

  it('offers getSession() to the app\'s own routes', async () => {
    const harness = setupAuth()
    const state = await harness.start()
    await harness.callback({ code: harness.wechat.issueCode('gina'), state })
    const request = new Request(`${APP}/api/me`, { headers: { cookie: harness.jar.header(`${APP}/api/me`) } })
    expect(await harness.auth.getSession(request)).toMatchObject({ authenticated: true, user: { nickname: 'gina' } })
    expect(await harness.auth.getSession(new Request(`${APP}/api/me`))).toEqual({ authenticated: false })
  })
})
