import type { TestEmulator } from '@wechat-qr-login/test-utils/emulator'
import { request } from 'node:http'
import { login, startTestEmulator } from '@wechat-qr-login/test-utils/emulator'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { DEMO_APP } from './index'

const { appid, secret } = DEMO_APP
const HOUR = 3600_000
const DAY = 24 * HOUR

let test: TestEmulator
beforeAll(async () => {
  test = await startTestEmulator()
})
beforeEach(() => {
  test.emulator.reset()
  // Only Date is faked: the HTTP client and server keep their real timers.
  vi.useFakeTimers({ toFake: ['Date'] })
})
afterEach(() => {
  vi.useRealTimers()
})
afterAll(() => test.close())

function exchange(code: string, overrides: Record<string, string> = {}): Promise<Record<string, unknown>> {
  return test.api('/sns/oauth2/access_token', { appid, secret, code, grant_type: 'authorization_code', ...overrides })
}

function expectError(body: Record<string, unknown>, errcode: number): void {
  expect(body).toEqual({ errcode, errmsg: expect.stringMatching(/, rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/) })
}

describe('/sns/oauth2/access_token', () => {
  it('exchanges a code for tokens shaped like WeChat\'s, as text/plain JSON on HTTP 200', async () => {
    const code = test.emulator.issueCode(appid, 'zhang-wei')
    expect(code).toMatch(/^[0-9A-Z]{32}$/i)
    const response = await test.get(`/sns/oauth2/access_token?appid=${appid}&secret=${secret}&code=${code}&grant_type=authorization_code`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/plain')
    const body = JSON.parse(await response.text())
    expect(body).toEqual({
      access_token: expect.stringMatching(/^\d+_[\w-]{80,}$/),
      expires_in: 7200,
      refresh_token: expect.stringMatching(/^\d+_[\w-]{80,}$/),
      openid: expect.stringMatching(/^o[\w-]{27}$/),
      scope: 'snsapi_login',
      unionid: expect.stringMatching(/^o[\w-]{27}$/),
    })
    expect(Object.keys(body)).toEqual(['access_token', 'expires_in', 'refresh_token', 'openid', 'scope', 'unionid'])
  })

  it('gives the same user the same openid and unionid on every run', async () => {
    const first = await login(test, 'alice')
    const restarted = await startTestEmulator()
    try {
      const second = await login(restarted, 'alice')
      expect(second.openid).toBe(first.openid)
      expect(second.unionid).toBe(first.unionid)
      expect(second.access_token).not.toBe(first.access_token)
    }
    finally {
      await restarted.close()
    }
    expect((await login(test, 'bob')).openid).not.toBe(first.openid)
  })

  it('derives openids per app and unionids per Open Platform account', async () => {
    const other = { appid: 'wx0000000000000002', secret: 's2', callbackDomain: 'localhost', openPlatformId: DEMO_APP.openPlatformId }
    const unbound = { appid: 'wx0000000000000003', secret: 's3', callbackDomain: 'localhost' }
    const multi = await startTestEmulator({ apps: [DEMO_APP, other, unbound] })
    try {
      const tokens = await Promise.all([DEMO_APP, other, unbound].map(app => multi.api('/sns/oauth2/access_token', {
        appid: app.appid,
        secret: app.secret,
        code: multi.emulator.issueCode(app.appid, 'alice'),
        grant_type: 'authorization_code',
      })))
      expect(new Set(tokens.map(token => token.openid)).size).toBe(3)
      expect(tokens[1]!.unionid).toBe(tokens[0]!.unionid)
      expect(tokens[2]).not.toHaveProperty('unionid')
    }
    finally {
      await multi.close()
    }
  })

  it('gives no unionid to a user who opted out', async () => {
    expect(await login(test, 'li-na')).not.toHaveProperty('unionid')
  })

  it('answers 41002, 41004, 41008 for a missing appid, secret or code', async () => {
    const code = test.emulator.issueCode(appid)
    expectError(await exchange(code, { appid: '' }), 41002)
    expectError(await exchange(code, { secret: '' }), 41004)
    expectError(await exchange(''), 41008)
    expectError(await exchange(code, { grant_type: 'client_credentials' }), 40002)
    expect(await exchange(code)).toHaveProperty('access_token')
  })

  it('answers 40013 for an unknown appid and 40125 for a wrong secret', async () => {
    const code = test.emulator.issueCode(appid)
    expectError(await exchange(code, { appid: 'wx0123456789abcdef' }), 40013)
    expectError(await exchange(code, { secret: 'wrong' }), 40125)
    expect(await exchange(code)).toHaveProperty('access_token')
  })

  it('answers 40029 for an unknown code and for another app\'s code', async () => {
    const other = { appid: 'wx0000000000000002', secret: 's2', callbackDomain: 'localhost' }
    const multi = await startTestEmulator({ apps: [DEMO_APP, other] })
    try {
      const code = multi.emulator.issueCode(other.appid)
      expectError(await multi.api('/sns/oauth2/access_token', { appid, secret, code, grant_type: 'authorization_code' }), 40029)
      expectError(await multi.api('/sns/oauth2/access_token', { appid, secret, code: 'A'.repeat(32), grant_type: 'authorization_code' }), 40029)
    }
    finally {
      await multi.close()
    }
  })

  it('accepts a code once: the second exchange gets 40163', async () => {
    const code = test.emulator.issueCode(appid)
    expect(await exchange(code)).toHaveProperty('access_token')
    expectError(await exchange(code), 40163)
    expect(test.emulator.codes()).toEqual([expect.objectContaining({ code, used: true })])
  })

  it('expires a code after 10 minutes with 42003', async () => {
    const fresh = test.emulator.issueCode(appid)
    const old = test.emulator.issueCode(appid)
    vi.setSystemTime(Date.now() + 10 * 60_000 - 1)
    expect(await exchange(fresh)).toHaveProperty('access_token')
    vi.setSystemTime(Date.now() + 1)
    expectError(await exchange(old), 42003)
  })

  it('accepts a POST with the parameters in a form body', async () => {
    const code = test.emulator.issueCode(appid)
    const response = await test.get('/sns/oauth2/access_token', { method: 'POST', body: new URLSearchParams({ appid, secret, code, grant_type: 'authorization_code' }) })
    expect(response.headers.get('content-type')).toBe('text/plain')
    expect(JSON.parse(await response.text())).toHaveProperty('access_token')
  })

  it('accepts a POST as Auth.js sends it: appid and secret in the query, code and grant_type in the body', async () => {
    const code = test.emulator.issueCode(appid)
    const response = await test.get(`/sns/oauth2/access_token?appid=${appid}&secret=${secret}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8', 'authorization': 'Basic eDp5', 'accept': 'application/json' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: 'http://localhost:3000/api/auth/callback/wechat' }),
    })
    expect(JSON.parse(await response.text())).toMatchObject({ openid: expect.any(String), scope: 'snsapi_login' })
  })

  it('takes the query\'s value of a parameter that a POST also has in its body', async () => {
    const code = test.emulator.issueCode(appid)
    const post = (query: string, body: Record<string, string>): Promise<Response> => test.get(`/sns/oauth2/access_token?${query}`, { method: 'POST', body: new URLSearchParams(body) })
    expectError(JSON.parse(await (await post(`secret=wrong`, { appid, secret, code, grant_type: 'authorization_code' })).text()), 40125)
    expect(JSON.parse(await (await post(`secret=${secret}`, { appid, secret: 'wrong', code, grant_type: 'authorization_code' })).text())).toHaveProperty('access_token')
  })

  it('reads no body of another type, and refuses an oversized form without using the code', async () => {
    const code = test.emulator.issueCode(appid)
    const json = await test.get(`/sns/oauth2/access_token?appid=${appid}&secret=${secret}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, grant_type: 'authorization_code' }) })
    expectError(JSON.parse(await json.text()), 41008)
    const huge = await test.get(`/sns/oauth2/access_token?appid=${appid}&secret=${secret}`, { method: 'POST', body: new URLSearchParams({ code, grant_type: 'authorization_code', padding: 'x'.repeat(20_000) }) })
    expect(huge.status).toBe(413)
    expect(await exchange(code)).toHaveProperty('access_token')
  })

  it('answers 43001 to a method other than GET and POST', async () => {
    const code = test.emulator.issueCode(appid)
    const response = await test.get(`/sns/oauth2/access_token?appid=${appid}&secret=${secret}&code=${code}&grant_type=authorization_code`, { method: 'PUT' })
    expectError(JSON.parse(await response.text()), 43001)
    expect(await exchange(code)).toHaveProperty('access_token')
  })

  it('sends X-Content-Type-Options: nosniff with its JSON', async () => {
    const response = await test.get('/sns/oauth2/access_token')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
  })
})

describe('/sns/oauth2/refresh_token', () => {
  function refresh(refreshToken: string, overrides: Record<string, string> = {}): Promise<Record<string, unknown>> {
    return test.api('/sns/oauth2/refresh_token', { appid, grant_type: 'refresh_token', refresh_token: refreshToken, ...overrides })
  }

  it('keeps a live access token and extends its life', async () => {
    const tokens = await login(test)
    vi.setSystemTime(Date.now() + HOUR)
    const refreshed = await refresh(tokens.refresh_token)
    expect(refreshed).toEqual({ access_token: tokens.access_token, expires_in: 7200, refresh_token: tokens.refresh_token, openid: tokens.openid, scope: 'snsapi_login' })
    vi.setSystemTime(Date.now() + 1.5 * HOUR)
    expect(await test.api('/sns/auth', { access_token: tokens.access_token, openid: tokens.openid })).toEqual({ errcode: 0, errmsg: 'ok' })
  })

  it('issues a new access token once the old one expired; the old one is then invalid', async () => {
    const tokens = await login(test)
    vi.setSystemTime(Date.now() + 2 * HOUR)
    expectError(await test.api('/sns/auth', { access_token: tokens.access_token, openid: tokens.openid }), 42001)
    const refreshed = await refresh(tokens.refresh_token)
    expect(refreshed.access_token).not.toBe(tokens.access_token)
    expect(refreshed.refresh_token).toBe(tokens.refresh_token)
    expect(await test.api('/sns/auth', { access_token: refreshed.access_token as string, openid: tokens.openid })).toEqual({ errcode: 0, errmsg: 'ok' })
    expectError(await test.api('/sns/auth', { access_token: tokens.access_token, openid: tokens.openid }), 40001)
    expect(test.emulator.tokens()).toEqual([expect.objectContaining({ accessToken: refreshed.access_token, refreshToken: tokens.refresh_token })])
  })

  it('never renews the refresh token: after 30 days it gets 42002', async () => {
    const tokens = await login(test)
    vi.setSystemTime(Date.now() + 29 * DAY)
    expect(await refresh(tokens.refresh_token)).toHaveProperty('access_token')
    vi.setSystemTime(Date.now() + DAY)
    expectError(await refresh(tokens.refresh_token), 42002)
  })

  it('answers 41002, 41003, 40002, 40013 and 40030 for bad calls', async () => {
    const tokens = await login(test)
    expectError(await refresh(tokens.refresh_token, { appid: '' }), 41002)
    expectError(await refresh(''), 41003)
    expectError(await refresh(tokens.refresh_token, { grant_type: 'authorization_code' }), 40002)
    expectError(await refresh(tokens.refresh_token, { appid: 'wx0123456789abcdef' }), 40013)
    expectError(await refresh(`${tokens.refresh_token}x`), 40030)
    expectError(await refresh(tokens.access_token), 40030)
  })
})

describe('/sns/auth', () => {
  it('answers ok for a valid token, 40003 for another openid', async () => {
    const tokens = await login(test)
    expect(await test.api('/sns/auth', { access_token: tokens.access_token, openid: tokens.openid })).toEqual({ errcode: 0, errmsg: 'ok' })
    const other = await login(test, 'bob')
    expectError(await test.api('/sns/auth', { access_token: tokens.access_token, openid: other.openid }), 40003)
  })

  it('answers 41001, 41009, 40001, 40014 for missing or unknown tokens', async () => {
    const tokens = await login(test)
    expectError(await test.api('/sns/auth', { openid: tokens.openid }), 41001)
    expectError(await test.api('/sns/auth', { access_token: tokens.access_token }), 41009)
    expectError(await test.api('/sns/auth', { access_token: `86_${'x'.repeat(86)}`, openid: tokens.openid }), 40001)
    expectError(await test.api('/sns/auth', { access_token: 'garbage', openid: tokens.openid }), 40014)
  })

  it('expires access tokens after 7200 seconds with 42001', async () => {
    const tokens = await login(test)
    vi.setSystemTime(Date.now() + 7200_000 - 1)
    expect(await test.api('/sns/auth', { access_token: tokens.access_token, openid: tokens.openid })).toEqual({ errcode: 0, errmsg: 'ok' })
    vi.setSystemTime(Date.now() + 1)
    expectError(await test.api('/sns/auth', { access_token: tokens.access_token, openid: tokens.openid }), 42001)
  })
})

describe('/sns/userinfo', () => {
  it('returns the profile with blanked sex and region, empty privilege and the unionid', async () => {
    const tokens = await login(test, 'zhang-wei')
    const response = await test.get(`/sns/userinfo?access_token=${tokens.access_token}&openid=${tokens.openid}&lang=zh_CN`)
    const text = await response.text()
    expect(text).toContain('http:\\/\\/127.0.0.1')
    const body = JSON.parse(text)
    expect(body).toEqual({
      openid: tokens.openid,
      nickname: '张伟',
      sex: 0,
      province: '',
      city: '',
      country: '',
      headimgurl: `${test.url}/__emulator/avatar/zhang-wei/132`,
      privilege: [],
      unionid: tokens.unionid,
    })
    const avatar = await fetch(body.headimgurl)
    expect(avatar.headers.get('content-type')).toMatch(/^image\/svg\+xml/)
    expect(await avatar.text()).toContain('>张</text>')
  })

  it('links the avatar on the emulator\'s own URL, not on the Host header a proxy kept', async () => {
    const tokens = await login(test, 'zhang-wei')
    const { port } = new URL(test.url)
    const text = await new Promise<string>((resolve, reject) => {
      const path = `/sns/userinfo?access_token=${tokens.access_token}&openid=${tokens.openid}`
      request({ host: '127.0.0.1', port, path, headers: { host: 'api.weixin.qq.com' } }, (response) => {
        response.setEncoding('utf8')
        let body = ''
        response.on('data', (chunk: string) => (body += chunk))
        response.on('end', () => resolve(body))
      }).on('error', reject).end()
    })
    expect(JSON.parse(text)).toMatchObject({ headimgurl: `${test.url}/__emulator/avatar/zhang-wei/132` })
  })

  it('links the avatar on publicUrl when it is set', async () => {
    const tunnelled = await startTestEmulator({ publicUrl: 'https://abc.natapp4.cc/__wechat-emulator' })
    try {
      const tokens = await login(tunnelled, 'alice')
      expect(await tunnelled.api('/sns/userinfo', { access_token: tokens.access_token, openid: tokens.openid })).toMatchObject({ headimgurl: 'https://abc.natapp4.cc/__wechat-emulator/__emulator/avatar/alice/132' })
    }
    finally {
      await tunnelled.close()
    }
  })

  it('links the avatar on the base a publicUrl function gives for the login\'s redirect_uri', async () => {
    const asked: string[] = []
    const tunnelled = await startTestEmulator({
      apps: [{ ...DEMO_APP, callbackDomain: ['localhost', 'xyz789.natappfree.cc'] }],
      publicUrl: ({ redirectUri, request }) => {
        asked.push(`${redirectUri.host} ${new URL(request.url).pathname}`)
        return redirectUri.hostname.endsWith('.natappfree.cc') ? `${redirectUri.origin}/__wechat-emulator/` : undefined
      },
    })
    try {
      const userinfo = async (redirectUri: string | undefined): Promise<Record<string, unknown>> => {
        const uuid = redirectUri === undefined ? undefined : await tunnelled.openQr({ redirect_uri: redirectUri })
        const code = uuid === undefined ? tunnelled.emulator.issueCode(appid, 'alice') : tunnelled.emulator.confirm(uuid, 'alice').code
        const tokens = await tunnelled.api('/sns/oauth2/access_token', { appid, secret, code, grant_type: 'authorization_code' })
        return tunnelled.api('/sns/userinfo', { access_token: tokens.access_token as string, openid: tokens.openid as string })
      }
      expect(await userinfo('http://xyz789.natappfree.cc/auth/wechat/callback')).toMatchObject({ headimgurl: 'http://xyz789.natappfree.cc/__wechat-emulator/__emulator/avatar/alice/132' })
      expect(await userinfo('http://localhost:5173/auth/wechat/callback')).toMatchObject({ headimgurl: `${tunnelled.url}/__emulator/avatar/alice/132` })
      // A code without a login page (issueCode) has no redirect_uri to ask about.
      expect(await userinfo(undefined)).toMatchObject({ headimgurl: `${tunnelled.url}/__emulator/avatar/alice/132` })
      expect(asked).toContain('xyz789.natappfree.cc /sns/userinfo')
    }
    finally {
      await tunnelled.close()
    }
  })

  it('returns an empty headimgurl and no unionid when the user has none', async () => {
    const bob = await login(test, 'bob')
    expect(await test.api('/sns/userinfo', { access_token: bob.access_token, openid: bob.openid })).toMatchObject({ nickname: 'Bob', headimgurl: '' })
    const liNa = await login(test, 'li-na')
    expect(await test.api('/sns/userinfo', { access_token: liNa.access_token, openid: liNa.openid })).not.toHaveProperty('unionid')
  })

  it('honours lang for the region when the profile is not blanked', async () => {
    const legacy = await startTestEmulator({ blankProfile: false })
    try {
      const tokens = await login(legacy, 'zhang-wei')
      const info = (lang?: string): Promise<Record<string, unknown>> => legacy.api('/sns/userinfo', { access_token: tokens.access_token, openid: tokens.openid, ...(lang ? { lang } : {}) })
      expect(await info('zh_CN')).toMatchObject({ sex: 1, country: '中国', province: '广东', city: '深圳' })
      expect(await info('zh_TW')).toMatchObject({ country: '中國', province: '廣東' })
      expect(await info('en')).toMatchObject({ country: 'China', province: 'Guangdong', city: 'Shenzhen' })
      expect(await info()).toMatchObject({ country: 'China' })
      expect(await info('fr')).toMatchObject({ country: 'China' })
    }
    finally {
      await legacy.close()
    }
  })

  it('checks the token like /sns/auth', async () => {
    const tokens = await login(test)
    expectError(await test.api('/sns/userinfo', { openid: tokens.openid }), 41001)
    expectError(await test.api('/sns/userinfo', { access_token: tokens.access_token, openid: 'o'.repeat(28) }), 40003)
    vi.setSystemTime(Date.now() + 2 * HOUR)
    expectError(await test.api('/sns/userinfo', { access_token: tokens.access_token, openid: tokens.openid }), 42001)
  })

  it('serves application/json when asked to', async () => {
    const json = await startTestEmulator({ apiContentType: 'application/json' })
    try {
      const response = await json.get('/sns/auth')
      expect(response.headers.get('content-type')).toBe('application/json')
    }
    finally {
      await json.close()
    }
  })
})
