import type { EmulatorServer, WechatEmulator } from '@wechat-qr-login/emulator'
import type { WechatAuth } from '@wechat-qr-login/server'
import type { Listening } from '@wechat-qr-login/test-utils/listen'
import type { RedisServer } from '@wechat-qr-login/test-utils/redis'
import type { Storage } from 'unstorage'
import { createWechatEmulator, DEMO_APP, DEMO_OFFICIAL_ACCOUNT } from '@wechat-qr-login/emulator'
import { toNodeMiddleware } from '@wechat-qr-login/server/node'
import { createCookieJar } from '@wechat-qr-login/test-utils/cookie-jar'
import { listen } from '@wechat-qr-login/test-utils/listen'
import { logInWithRedirect } from '@wechat-qr-login/test-utils/phone'
import { startRedis } from '@wechat-qr-login/test-utils/redis'
import { createApp, toNodeListener } from 'h3'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'

const SESSION_SECRET = 'docs-snippet-session-secret-0123456789'

/** The samples of guide/server, started against the emulator and logged in over real HTTP. */
describe('server samples', () => {
  let emulator: WechatEmulator
  let wechat: EmulatorServer
  const servers: Listening[] = []

  async function serve(listener: Parameters<typeof listen>[0]): Promise<string> {
    const server = await listen(listener, 'localhost')
    servers.push(server)
    return server.url
  }

  beforeAll(async () => {
    emulator = createWechatEmulator()
    wechat = await emulator.listen({ port: 0, hostname: '127.0.0.1' })
    vi.stubEnv('WECHAT_APPID', DEMO_APP.appid)
    vi.stubEnv('WECHAT_APPSECRET', DEMO_APP.secret)
    vi.stubEnv('WECHAT_SESSION_SECRET', SESSION_SECRET)
    vi.stubEnv('WECHAT_OPEN_BASE', wechat.url)
    vi.stubEnv('WECHAT_API_BASE', wechat.url)
  })
  beforeEach(() => {
    emulator.reset()
  })
  afterEach(async () => {
    await Promise.all(servers.splice(0).map(server => server.close()))
  })
  afterAll(async () => {
    vi.unstubAllEnvs()
    await wechat.close()
  })

  it('node http: logs in and answers 404 elsewhere', async () => {
    const { server } = await import('./node-http')
    const url = await serve(server)
    const jar = createCookieJar()
    const callback = await logInWithRedirect({ appUrl: url, emulator, jar, returnTo: '/account' })
    expect(callback.status).toBe(302)
    expect(callback.headers.get('location')).toBe(`${url}/account`)
    const session = await (await jar.fetch(`${url}/auth/wechat/session`)).json()
    expect(session).toMatchObject({ authenticated: true, user: { nickname: '张伟', id: expect.stringMatching(/^unionid:/) } })
    expect((await jar.fetch(`${url}/elsewhere`)).status).toBe(404)
  })

  it('express: logs in, then its own route reads the session', async () => {
    const { app } = await import('./express')
    const url = await serve(app)
    const jar = createCookieJar()
    expect((await jar.fetch(`${url}/api/me`)).status).toBe(401)
    expect((await logInWithRedirect({ appUrl: url, emulator, jar, user: 'alice' })).status).toBe(302)
    const me = await jar.fetch(`${url}/api/me`)
    expect(await me.json()).toEqual({ id: expect.stringMatching(/^unionid:/), nickname: 'Alice Chen' })
    const logout = await jar.fetch(`${url}/auth/wechat/logout`, { method: 'POST', headers: { 'content-type': 'application/json' } })
    expect(await logout.json()).toEqual({ authenticated: false })
    expect((await jar.fetch(`${url}/api/me`)).status).toBe(401)
  })

  it('express: POST /exchange refuses a body that is not JSON with 415', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { app } = await import('./express')
    const url = await serve(app)
    const response = await fetch(`${url}/auth/wechat/exchange`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'code=x&state=y' })
    expect(response.status).toBe(415)
    expect(await response.json()).toMatchObject({ error: { code: 'INVALID_REQUEST' } })
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('Content-Type: application/json'))
    warn.mockRestore()
  })

  it('h3 (Nitro / Nuxt server middleware): logs in and leaves other paths to the app', async () => {
    const { default: middleware } = await import('./nitro-middleware')
    const app = createApp()
    app.use(middleware)
    app.use('/hello', () => 'from the app')
    const url = await serve(toNodeListener(app))
    const jar = createCookieJar()
    expect((await logInWithRedirect({ appUrl: url, emulator, jar, user: 'bob', returnTo: '/hello' })).headers.get('location')).toBe(`${url}/hello`)
    expect(jar.list().map(cookie => cookie.name)).toEqual(['wechat_session'])
    expect(await (await jar.fetch(`${url}/auth/wechat/session`)).json()).toMatchObject({ authenticated: true, user: { nickname: 'Bob', avatar: '' } })
    expect(await (await jar.fetch(`${url}/hello`)).text()).toBe('from the app')
  })

  it('onLogin: the session carries the app\'s own account id', async () => {
    const { auth } = await import('./on-login')
    const url = await serve(toNodeMiddleware(auth))
    const jar = createCookieJar()
    await logInWithRedirect({ appUrl: url, emulator, jar, user: 'li-na' })
    expect(await (await jar.fetch(`${url}/auth/wechat/session`)).json()).toMatchObject({ authenticated: true, user: { id: 'account-1', nickname: '李娜 🐼' } })
  })

  it('official account: logs a user in inside WeChat onto the account of their QR login, and serves the verification file', async () => {
    vi.stubEnv('WECHAT_OA_APPID', DEMO_OFFICIAL_ACCOUNT.appid)
    vi.stubEnv('WECHAT_OA_APPSECRET', DEMO_OFFICIAL_ACCOUNT.secret)
    const { auth } = await import('./official-account')
    const { accountOfIdentity } = await import('./db')
    const url = await serve(toNodeMiddleware(auth))
    const byQr = createCookieJar()
    await logInWithRedirect({ appUrl: url, emulator, jar: byQr, user: 'alice' })
    const inWechat = createCookieJar()
    const { state } = await (await inWechat.fetch(`${url}/auth/wechat/state?flow=oa&scope=snsapi_userinfo`)).json() as { state: string }
    await inWechat.fetch(`${url}/auth/wechat/callback?code=${emulator.issueCode(DEMO_OFFICIAL_ACCOUNT.appid, 'alice')}&state=${state}`)
    const [qrSession, oaSession] = await Promise.all([byQr, inWechat].map(async jar => (await jar.fetch(`${url}/auth/wechat/session`)).json()))
    expect(oaSession).toMatchObject({ authenticated: true, user: { nickname: 'Alice Chen', flow: 'oa' } })
    expect(oaSession.user.id).toBe(qrSession.user.id)
    const [qrToken, oaToken] = emulator.tokens()
    expect(accountOfIdentity(DEMO_APP.appid, qrToken!.openid)).toBe(qrSession.user.id)
    expect(accountOfIdentity(DEMO_OFFICIAL_ACCOUNT.appid, oaToken!.openid)).toBe(qrSession.user.id)
    expect(await (await fetch(`${url}/MP_verify_JAvcbC1J7nmyASIJ.txt`)).text()).toBe('JAvcbC1J7nmyASIJ')
  })

  it('fetch style: requireSession guards the app\'s own route', async () => {
    const { app } = await import('./fetch-guard')
    const url = await serve(toNodeMiddleware(app))
    const jar = createCookieJar()
    const anonymous = await jar.fetch(`${url}/api/me`)
    expect(anonymous.status).toBe(401)
    expect(await anonymous.json()).toMatchObject({ error: { code: 'NOT_AUTHENTICATED' } })
    await logInWithRedirect({ appUrl: url, emulator, jar, user: 'alice' })
    expect(await (await jar.fetch(`${url}/api/me`)).json()).toEqual({ id: expect.stringMatching(/^unionid:/), nickname: 'Alice Chen' })
  })

  describe('the Redis session store', () => {
    let redis: RedisServer
    const stores: Storage[] = []

    beforeAll(async () => {
      redis = await startRedis()
      vi.stubEnv('REDIS_URL', redis.url)
    })
    afterAll(async () => {
      await Promise.all(stores.map(store => store.dispose()))
      await redis.stop()
    })

    it('two instances: a session logged out on one is refused by the other', async () => {
      vi.resetModules()
      const { auth: first, store: firstStore } = await import('./redis-store')
      vi.resetModules()
      const { auth: second, store: secondStore } = await import('./redis-store')
      stores.push(firstStore, secondStore)
      const [a, b] = [await serve(toNodeMiddleware(first)), await serve(toNodeMiddleware(second))]
      const jar = createCookieJar()
      await logInWithRedirect({ appUrl: a, emulator, jar })
      const copy = jar.header(a)
      expect(await (await fetch(`${b}/auth/wechat/session`, { headers: { cookie: copy } })).json()).toMatchObject({ authenticated: true })
      await jar.fetch(`${a}/auth/wechat/logout`, { method: 'POST', headers: { 'content-type': 'application/json' } })
      expect(await (await fetch(`${b}/auth/wechat/session`, { headers: { cookie: copy } })).json()).toEqual({ authenticated: false })
    })
  })

  describe('rotating the session secret', () => {
    const OLD = 'the-old-session-secret-0123456789abcdef'
    const NEW = 'the-new-session-secret-0123456789abcdef'
    let current: WechatAuth

    async function withSecrets(secrets: string): Promise<void> {
      vi.stubEnv('WECHAT_SESSION_SECRETS', secrets)
      vi.resetModules()
      current = (await import('./rotation')).auth
    }

    it('keeps sessions sealed with the old secret while it is listed', async () => {
      const url = await serve(toNodeMiddleware(request => current(request)))
      const jar = createCookieJar()
      await withSecrets(OLD)
      await logInWithRedirect({ appUrl: url, emulator, jar })
      await withSecrets(`${NEW},${OLD}`)
      expect(await (await jar.fetch(`${url}/auth/wechat/session`)).json()).toMatchObject({ authenticated: true })
      await withSecrets(NEW)
      expect(await (await jar.fetch(`${url}/auth/wechat/session`)).json()).toEqual({ authenticated: false })
    })
  })
})
