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
