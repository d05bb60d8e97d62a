import type { WechatStateResponse } from '@wechat-qr-login/core'
import { MAX_RETURN_PATH_BYTES } from '@wechat-qr-login/core'
import { APP, readSigned, setCookies, setupAuth } from '@wechat-qr-login/test-utils/auth-harness'
import { FAKE_APPID } from '@wechat-qr-login/test-utils/fake-wechat'
import { describe, expect, it, vi } from 'vitest'

describe('GET /state', () => {
  it('mints a state bound to the browser by a signed HttpOnly cookie named after it', async () => {
    const { jar } = setupAuth()
    const response = await jar.fetch(`${APP}/auth/wechat/state`)
    const body = await response.json() as WechatStateResponse
    expect(body).toEqual({
      state: expect.stringMatching(/^[A-Z0-9]{32}$/i),
      expiresAt: expect.any(Number),
      expiresIn: expect.any(Number),
      appid: FAKE_APPID,
      redirectUri: `${APP}/auth/wechat/callback`,
      openBase: 'https://open.weixin.qq.com',
      flow: 'qr',
    })
    expect(body.expiresAt - Date.now()).toBeGreaterThan(599_000)
    expect(body.expiresIn).toBeGreaterThan(599_000)
    expect(body.expiresIn).toBeLessThanOrEqual(600_000)
    expect(response.headers.get('cache-control')).toBe('no-store')
    const [cookie] = setCookies(response)
    expect(cookie).toMatchObject({ name: `wechat_state_${body.state}`, path: '/', httpOnly: true, sameSite: 'lax', maxAge: 600 })
    expect(cookie!.secure).toBeFalsy()
    expect(readSigned(cookie!.value)).toEqual({ t: 'state', state: body.state, mode: 'redirect', selfRedirect: false, returnTo: '/', flow: 'qr', exp: body.expiresAt })
  })

  it('uses SameSite=None; Secure for an embedded QR with self_redirect, whose callback is a cross-site frame navigation', async () => {
    for (const origin of ['https://app.test', 'http://localhost:5173', 'http://127.0.0.1:5173']) {
      const { jar } = setupAuth({}, origin)
      const response = await jar.fetch(`${origin}/auth/wechat/state?mode=embedded&self_redirect=true`)
      expect(setCookies(response)[0]).toMatchObject({ sameSite: 'none', secure: true })
    }
  })

  it('falls back to Lax and warns once when self_redirect runs over plain http on a LAN host', async () => {
    const { jar, logs } = setupAuth({}, 'http://192.168.1.5:5173')
    for (let i = 0; i < 2; i++) {
      const response = await jar.fetch('http://192.168.1.5:5173/auth/wechat/state?self_redirect=true')
      expect(setCookies(response)[0]).toMatchObject({ sameSite: 'lax' })
    }
    expect(logs).toEqual([expect.stringMatching(/^warn .*self_redirect.*https/)])
  })

  it('allows a return path matched by a global or sticky RegExp on every request', async () => {
    const global = /^\/account/g
    const harness = setupAuth({ returnPaths: [global, /^\/home/y], defaultReturnPath: '/account' })
    for (let i = 0; i < 3; i++) {
      await harness.start('?return_to=/account')
      await harness.start('?return_to=/home')
    }
    expect(global.lastIndex).toBe(0)
  })

  it('marks cookies Secure and __Host- on https, where no subdomain can plant one', async () => {
    const { jar } = setupAuth({}, 'https://app.test')
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
    const { jar } = setupAuth({ returnPaths: [/^\/(?!admin)/] })
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
    const { jar } = setupAuth({ returnPaths: ['/app'], defaultReturnPath: '/app' })
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
    const { jar } = setupAuth()
    const response = await jar.fetch(`${APP}/auth/wechat/state?return_to=${encodeURIComponent(returnTo)}`)
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({ error: { code: 'INVALID_RETURN_PATH', message: expect.stringContaining('over 512 bytes') } })
    expect(jar.list()).toEqual([])
  })

  it('keeps five pending states with the longest return path within nginx\'s 8 KB header line, with room to spare', async () => {
    const { jar, start } = setupAuth({}, 'https://app.test')
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

  describe('from another site', () => {
    const refused = { error: { code: 'INVALID_REQUEST', message: expect.stringContaining('another site') } }

    it.each([
      ['Sec-Fetch-Site: cross-site (a navigation, a frame or a fetch from another site)', { 'sec-fetch-site': 'cross-site' }],
      ['Sec-Fetch-Site: cross-site with the Origin of another site', { 'sec-fetch-site': 'cross-site', 'origin': 'https://evil.example' }],
      ['an Origin of another site from a browser without Sec-Fetch-Site', { origin: 'https://evil.example' }],
      ['an opaque Origin (a sandboxed frame)', { origin: 'null' }],
    ])('refuses %s with 403, sets no cookie and evicts no pending login', async (_, headers) => {
      const harness = setupAuth()
      const pending = await harness.start('?mode=new-window')
      for (let i = 0; i < 5; i++) {
        const response = await harness.jar.fetch(`${APP}/auth/wechat/state?mode=redirect`, { headers })
        expect(response.status).toBe(403)
        expect(await response.json()).toEqual(refused)
        expect(response.headers.getSetCookie()).toEqual([])
      }
      expect(harness.jar.list().map(cookie => cookie.name)).toEqual([`wechat_state_${pending}`])
      expect(harness.logs).toEqual(Array.from({ length: 5 }, () => expect.stringMatching(/^warn .*GET \/auth\/wechat\/state failed with INVALID_REQUEST/)))
    })

    it.each([
      ['the app\'s own fetch', { 'sec-fetch-site': 'same-origin', 'origin': APP }],
      ['an API on a sibling subdomain', { 'sec-fetch-site': 'same-site', 'origin': 'http://www.app.test' }],
      ['an address typed by the user', { 'sec-fetch-site': 'none' }],
      ['a server calling on the browser\'s behalf (no such header)', {}],
      ['a browser without Sec-Fetch-Site, from the same origin', { origin: APP }],
    ])('serves %s', async (_, headers) => {
      const { jar } = setupAuth()
      expect((await jar.fetch(`${APP}/auth/wechat/state`, { headers })).status).toBe(200)
    })

    it('serves the pages of "appOrigin" on another site, which call it with CORS', async () => {
      const { jar } = setupAuth({ appOrigin: 'https://www.example.com' })
      const response = await jar.fetch(`${APP}/auth/wechat/state`, { headers: { 'sec-fetch-site': 'cross-site', 'origin': 'https://www.example.com' } })
      expect(response.status).toBe(200)
      expect((await jar.fetch(`${APP}/auth/wechat/state`, { headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(403)
    })
  })

  describe('flow=oa: an Official Account\'s login, inside WeChat', () => {
    const officialAccount = { appid: 'wx00112233445566bb', secret: 'official-account-secret' }

    it('issues a state of letters and digits for the Official Account\'s AppID, returning through the top window', async () => {
      const { jar } = setupAuth({ officialAccount })
      const response = await jar.fetch(`${APP}/auth/wechat/state?flow=oa&scope=snsapi_base&return_to=/account`)
      const body = await response.json() as WechatStateResponse
      expect(body).toEqual({
        state: expect.stringMatching(/^[A-Z0-9]{32}$/i),
        expiresAt: expect.any(Number),
        expiresIn: expect.any(Number),
        appid: officialAccount.appid,
        redirectUri: `${APP}/auth/wechat/callback`,
        openBase: 'https://open.weixin.qq.com',
        flow: 'oa',
        scope: 'snsapi_base',
      })
      const [cookie] = setCookies(response)
      expect(cookie).toMatchObject({ name: `wechat_state_${body.state}`, sameSite: 'lax', httpOnly: true, maxAge: 600 })
      expect(readSigned(cookie!.value)).toEqual({ t: 'state', state: body.state, flow: 'oa', scope: 'snsapi_base', mode: 'redirect', selfRedirect: false, returnTo: '/account', exp: body.expiresAt })
    })

    it('asks for snsapi_userinfo when no scope is given, and takes mode=redirect, which it is', async () => {
      const { jar } = setupAuth({ officialAccount })
      const body = await (await jar.fetch(`${APP}/auth/wechat/state?flow=oa&mode=redirect&self_redirect=false`)).json() as WechatStateResponse
      expect(body).toMatchObject({ flow: 'oa', scope: 'snsapi_userinfo' })
    })

    it('gives openBase, when it is a function, the flow and the page\'s URL', async () => {
      const openBase = vi.fn(({ flow, url }: { flow: string, url: URL }) => flow === 'oa' ? `${url.origin}/proxy/` : 'https://qr.example')
      const { jar } = setupAuth({ officialAccount, openBase }, 'https://abc.natapp4.cc')
      const oa = await (await jar.fetch('https://abc.natapp4.cc/auth/wechat/state?flow=oa')).json() as WechatStateResponse
      const qr = await (await jar.fetch('https://abc.natapp4.cc/auth/wechat/state')).json() as WechatStateResponse
      expect([oa.openBase, qr.openBase]).toEqual(['https://abc.natapp4.cc/proxy', 'https://qr.example'])
      expect(openBase.mock.calls.map(([context]) => [context.flow, context.url.href])).toEqual([
        ['oa', 'https://abc.natapp4.cc/auth/wechat/state?flow=oa'],
        ['qr', 'https://abc.natapp4.cc/auth/wechat/state'],
      ])
    })

    it('answers a bad openBase from a function with INVALID_BASE_URL and no state', async () => {
      const { jar, logs } = setupAuth({ officialAccount, openBase: () => 'open.weixin.qq.com' })
      const response = await jar.fetch(`${APP}/auth/wechat/state?flow=oa`)
      expect(response.status).toBe(500)
      expect(await response.json()).toEqual({ error: { code: 'INVALID_BASE_URL', message: expect.any(String) } })
      expect(jar.list()).toEqual([])
      expect(logs).toEqual([expect.stringMatching(/^error .*INVALID_BASE_URL/)])
    })

    it.each([
      'flow=oa&scope=snsapi_login',
      'flow=oa&scope=',
      'flow=oa&mode=embedded',
      'flow=oa&mode=new-window',
      'flow=oa&self_redirect=true',
      'flow=mp',
      'flow=',
      'scope=snsapi_userinfo',
      'flow=qr&scope=snsapi_base',
    ])('refuses %s with INVALID_REQUEST and sets no cookie', async (query) => {
      const { jar } = setupAuth({ officialAccount })
      const response = await jar.fetch(`${APP}/auth/wechat/state?${query}`)
      expect(response.status).toBe(400)
      expect(await response.json()).toEqual({ error: { code: 'INVALID_REQUEST', message: expect.any(String) } })
      expect(jar.list()).toEqual([])
    })

    it('answers OFFICIAL_ACCOUNT_NOT_CONFIGURED without an Official Account, sets no cookie and warns once', async () => {
      const { jar, logs } = setupAuth()
      for (let i = 0; i < 3; i++) {
        const response = await jar.fetch(`${APP}/auth/wechat/state?flow=oa&scope=snsapi_userinfo`)
        expect(response.status).toBe(400)
        expect(await response.json()).toEqual({ error: { code: 'OFFICIAL_ACCOUNT_NOT_CONFIGURED', message: expect.stringContaining('cannot log in inside WeChat') } })
        expect(response.headers.getSetCookie()).toEqual([])
      }
      expect(logs).toEqual([expect.stringMatching(/^warn .*officialAccount.*not configured/)])
    })
  })

  it('keeps several pending states, dropping the oldest beyond five', async () => {
    const harness = setupAuth()
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
