import type { AuthConfig } from '@auth/core'
import type { TestEmulator } from '@wechat-qr-login/test-utils/emulator'
import { Auth } from '@auth/core'
import WeChat from '@auth/core/providers/wechat'
import { createCookieJar } from '@wechat-qr-login/test-utils/cookie-jar'
import { startTestEmulator } from '@wechat-qr-login/test-utils/emulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_APP } from './index'

/** The app under test: Auth.js, called with Requests, never listening (its callback host is `localhost`). */
const APP = 'http://localhost:3000'

describe('auth.js\'s WeChat provider against the emulator', () => {
  let test: TestEmulator
  beforeAll(async () => {
    test = await startTestEmulator()
  })
  afterAll(() => test.close())

  it('logs in with the stock provider, only its base URLs pointed at the emulator', async () => {
    const errors: unknown[] = []
    const config: AuthConfig = {
      basePath: '/auth',
      secret: 'an-auth-js-secret-for-this-test-only-0123456789',
      trustHost: true,
      logger: { error: error => errors.push(error), warn: () => {} },
      providers: [WeChat({
        clientId: DEMO_APP.appid,
        clientSecret: DEMO_APP.secret,
        platformType: 'WebsiteApp',
        authorization: { url: `${test.url}/connect/qrconnect` },
        token: { url: `${test.url}/sns/oauth2/access_token` },
        userinfo: { url: `${test.url}/sns/userinfo` },
      })],
    }
    const app = createCookieJar(request => Auth(request, config))

    const { csrfToken } = await (await app.fetch(`${APP}/auth/csrf`)).json() as { csrfToken: string }
    const signIn = await app.fetch(`${APP}/auth/signin/wechat`, { method: 'POST', body: new URLSearchParams({ csrfToken, callbackUrl: `${APP}/dashboard` }) })
    expect(signIn.status).toBe(302)
    const authorizeUrl = signIn.headers.get('location')!
    expect(authorizeUrl.startsWith(`${test.url}/connect/qrconnect?`)).toBe(true)

    const qrPage = await fetch(authorizeUrl)
    expect(qrPage.status).toBe(200)
    const uuid = qrPage.headers.get('x-wechat-emulator-uuid')!
    const confirmed = await fetch(`${test.url}/__emulator/sessions/${uuid}/confirm`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'zhang-wei' }) })
    const { redirectUrl } = await confirmed.json() as { redirectUrl: string }
    expect(redirectUrl.startsWith(`${APP}/auth/callback/wechat?code=`)).toBe(true)

    const callback = await app.fetch(redirectUrl)
    expect(errors).toEqual([])
    expect(callback.status).toBe(302)
    expect(callback.headers.get('location')).toBe(`${APP}/dashboard`)
    const session = await (await app.fetch(`${APP}/auth/session`)).json()
    expect(session).toMatchObject({ user: { name: '张伟', image: `${test.url}/__emulator/avatar/zhang-wei/132` } })
    expect(test.emulator.codes()).toEqual([expect.objectContaining({ used: true })])
  })
})
