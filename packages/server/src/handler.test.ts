import type { WechatStateResponse } from '@wechat-qr-login/core'
import { APP, setCookies, setupAuth } from '@wechat-qr-login/test-utils/auth-harness'
import { describe, expect, it } from 'vitest'

describe('routing', () => {
  it('declines paths it does not own', async () => {
    const { auth } = setupAuth()
    for (const path of ['/', '/auth/wechat', '/auth/wechat/', '/auth/wechat/other', '/auth/wechatx/state', '/auth/wechat/state/x', '/auth/wechat/toString'])
      expect(await auth(new Request(`${APP}${path}`))).toBeUndefined()
  })

  it('answers 405 with Allow for the wrong method', async () => {
    const { auth } = setupAuth()
    const response = (await auth(new Request(`${APP}/auth/wechat/callback`, { method: 'POST' })))!
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('GET')
    expect(await response.json()).toMatchObject({ error: { code: 'INVALID_REQUEST' } })
  })

  it('serves another basePath', async () => {
    const { auth } = setupAuth({ basePath: '/api/login' })
    expect((await auth(new Request(`${APP}/api/login/session`)))!.status).toBe(200)
    expect(await auth(new Request(`${APP}/auth/wechat/session`))).toBeUndefined()
  })
})

describe('proxies', () => {
  const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'public.example.com' }

  it('derives the redirect URI and Secure cookies from X-Forwarded-* with trustProxy', async () => {
    const { auth } = setupAuth({ trustProxy: true })
    const response = (await auth(new Request('http://127.0.0.1:3000/auth/wechat/state', { headers: forwarded })))!
    expect((await response.json() as WechatStateResponse).redirectUri).toBe('https://public.example.com/auth/wechat/callback')
    expect(setCookies(response)[0]).toMatchObject({ secure: true })
  })

  it('ignores X-Forwarded-* without trustProxy', async () => {
    const { auth } = setupAuth()
    const response = (await auth(new Request('http://127.0.0.1:3000/auth/wechat/state', { headers: forwarded })))!
    expect((await response.json() as WechatStateResponse).redirectUri).toBe('http://127.0.0.1:3000/auth/wechat/callback')
    expect(setCookies(response)[0]!.secure).toBeFalsy()
  })

  it('uses a __Host- session cookie on https', async () => {
    const harness = setupAuth({}, 'https://app.test')
    const state = await harness.start()
    const response = await harness.callback({ code: harness.wechat.issueCode(), state })
    expect(setCookies(response)).toContainEqual(expect.objectContaining({ name: '__Host-wechat_session', secure: true, path: '/' }))
    expect((await harness.session()).authenticated).toBe(true)
    const sealed = harness.jar.list().find(cookie => cookie.name === '__Host-wechat_session')!.value
    // Without the prefix it could have been planted by a sibling subdomain: not read on https.
    expect(await harness.auth.getSession(new Request('https://app.test/', { headers: { cookie: `wechat_session=${sealed}` } }))).toEqual({ authenticated: false })
  })
})

describe('requireSession', () => {
  it('gives the session of a signed-in request, and a 401 JSON answer to any other', async () => {
    const harness = setupAuth()
    const anonymous = await harness.auth.requireSession(new Request(`${APP}/api/me`)) as Response
    expect(anonymous.status).toBe(401)
    expect(anonymous.headers.get('cache-control')).toBe('no-store')
    expect(await anonymous.json()).toEqual({ error: { code: 'NOT_AUTHENTICATED', message: '[wechat-qr-login] Not signed in.' } })
    await harness.callback({ code: harness.wechat.issueCode('gina'), state: await harness.start() })
    const session = await harness.auth.requireSession(new Request(`${APP}/api/me`, { headers: { cookie: harness.jar.header(APP) } }))
    expect(session).toEqual({ user: expect.objectContaining({ nickname: 'gina' }), expiresAt: expect.any(Number) })
  })

  it('clears a tampered session cookie in its 401', async () => {
    const harness = setupAuth()
    const answer = await harness.auth.requireSession(new Request(`${APP}/api/me`, { headers: { cookie: 'wechat_session=garbage' } })) as Response
    expect(answer.status).toBe(401)
    expect(setCookies(answer)).toEqual([expect.objectContaining({ name: 'wechat_session', value: '', maxAge: 0 })])
  })
})

describe('revokeSessions', () => {
  it('needs a session store', async () => {
    const { auth } = setupAuth()
    await expect(auth.revokeSessions('unionid:u')).rejects.toMatchObject({ code: 'INVALID_OPTION', option: 'store' })
  })
})
