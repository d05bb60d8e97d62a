import type { WechatSessionResponse, WechatStateResponse } from '@wechat-qr-login/core'
import type { WechatAuth, WechatAuthOptions } from '@wechat-qr-login/server'
import type { CookieJar } from '@wechat-qr-login/test-utils/cookie-jar'
import type { FakeWechat } from '@wechat-qr-login/test-utils/fake-wechat'
import type { RedisServer } from '@wechat-qr-login/test-utils/redis'
import type { Storage } from 'unstorage'
import { createWechatAuth } from '@wechat-qr-login/server'
import { postJson } from '@wechat-qr-login/test-utils/auth-harness'
import { createCookieJar } from '@wechat-qr-login/test-utils/cookie-jar'
import { createFakeWechat, FAKE_APPID, FAKE_SECRET } from '@wechat-qr-login/test-utils/fake-wechat'
import { startRedis } from '@wechat-qr-login/test-utils/redis'
import { createStorage } from 'unstorage'
import redisDriver from 'unstorage/drivers/redis'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

const APP = 'http://app.test'
const SESSION_SECRET = 'redis-store-session-secret-0123456789'

/**
 * Two instances of the server behind one load balancer (one cookie jar, the instance picked per
 * request), sharing a real Redis through unstorage's driver.
 */
describe('sessions and states in a Redis store shared by two instances', () => {
  let redis: RedisServer
  let wechat: FakeWechat
  const storages: Storage[] = []
  let logs: string[]

  function instance(options: Partial<WechatAuthOptions> = {}): WechatAuth {
    // Its own connection, as another process would have; one retry, so a Redis that is down
    // fails a request at once instead of queueing it.
    const storage = createStorage({ driver: redisDriver({ url: redis.url, maxRetriesPerRequest: 1 }) })
    storages.push(storage)
    return createWechatAuth({
      appid: FAKE_APPID,
      secret: FAKE_SECRET,
      sessionSecret: SESSION_SECRET,
      fetch: wechat.fetch,
      store: storage,
      logger: { warn: message => logs.push(`warn ${message}`), error: message => logs.push(`error ${message}`) },
      ...options,
    })
  }

  /** A browser behind the balancer: `via(a)` sends its next requests to instance `a`. */
  function browser(): { jar: CookieJar, via: (auth: WechatAuth) => CookieJar } {
    let target: WechatAuth | undefined
    const jar = createCookieJar(async request => await target!(request) ?? new Response('not ours', { status: 404 }))
    return { jar, via: (auth) => {
      target = auth
      return jar
    } }
  }

  async function logIn(jar: CookieJar, user: string, query = ''): Promise<Response> {
    const { state } = await (await jar.fetch(`${APP}/auth/wechat/state${query}`)).json() as WechatStateResponse
    return jar.fetch(`${APP}/auth/wechat/callback?code=${wechat.issueCode(user)}&state=${state}`)
  }

  async function session(jar: CookieJar): Promise<WechatSessionResponse> {
    return await (await jar.fetch(`${APP}/auth/wechat/session`)).json() as WechatSessionResponse
  }

  beforeAll(async () => {
    redis = await startRedis()
  })
  beforeEach(() => {
    wechat = createFakeWechat()
    logs = []
  })
  afterAll(async () => {
    await Promise.all(storages.map(storage => storage.dispose()))
    await redis?.stop()
  })

  it('a session logged out on A is refused by B, even from a copy of its cookie', async () => {
    const [a, b] = [instance(), instance()]
    const { jar, via } = browser()
    expect((await logIn(via(a), 'alice')).status).toBe(302)
    expect(await session(via(b))).toMatchObject({ authenticated: true, user: { nickname: 'alice' } })
    const stolen = jar.list().find(cookie => cookie.name === 'wechat_session')!
    expect(await (await via(a).fetch(`${APP}/auth/wechat/logout`, postJson({}))).json()).toEqual({ authenticated: false })
    jar.set(stolen.name, stolen.value)
    expect(await session(via(b))).toEqual({ authenticated: false })
    expect(jar.list()).toEqual([])
  })

  it('"log out everywhere" on A ends every session of the user on B, and no one else\'s', async () => {
    const [a, b] = [instance(), instance()]
    const laptop = browser()
    const phone = browser()
    const other = browser()
    await logIn(laptop.via(a), 'alice')
    await logIn(phone.via(b), 'alice', '?mode=new-window')
    await logIn(other.via(b), 'bob')
    expect(await (await laptop.via(a).fetch(`${APP}/auth/wechat/logout`, postJson({ everywhere: true }))).json()).toEqual({ authenticated: false })
    expect(await session(phone.via(b))).toEqual({ authenticated: false })
    expect(await session(other.via(a))).toMatchObject({ authenticated: true, user: { nickname: 'bob' } })
    // A new login of the same user is not affected.
    await logIn(laptop.via(b), 'alice')
    expect(await session(laptop.via(a))).toMatchObject({ authenticated: true, user: { nickname: 'alice' } })
  })

  it('revokeSessions(userId) ends a user\'s sessions from the app\'s own code', async () => {
    const [a, b] = [instance(), instance()]
    const { via } = browser()
    await logIn(via(a), 'carol')
    const { user } = await session(via(b)) as { user: { id: string } }
    await b.revokeSessions(user.id)
    expect(await session(via(a))).toEqual({ authenticated: false })
  })

  it('a state used on A is refused on B, even with a kept copy of its cookie', async () => {
    const [a, b] = [instance(), instance()]
    const { jar, via } = browser()
    const { state } = await (await via(a).fetch(`${APP}/auth/wechat/state?mode=new-window`)).json() as WechatStateResponse
    const kept = jar.list()[0]!
    expect((await via(a).fetch(`${APP}/auth/wechat/exchange`, postJson({ code: wechat.issueCode('dave'), state }))).status).toBe(200)
    await via(a).fetch(`${APP}/auth/wechat/logout`, postJson({}))
    jar.set(kept.name, kept.value)
    const replay = await via(b).fetch(`${APP}/auth/wechat/exchange`, postJson({ code: wechat.issueCode('dave'), state }))
    expect(replay.status).toBe(400)
    expect(await replay.json()).toMatchObject({ error: { code: 'STATE_MISMATCH' } })
    expect(await session(via(b))).toEqual({ authenticated: false })
  })

  it('refuses a session sealed before the store was configured (it could not be revoked)', async () => {
    const stateless = createWechatAuth({ appid: FAKE_APPID, secret: FAKE_SECRET, sessionSecret: SESSION_SECRET, fetch: wechat.fetch, logger: false })
    const { via } = browser()
    await logIn(via(stateless), 'erin')
    expect(await session(via(stateless))).toMatchObject({ authenticated: true })
    expect(await session(via(instance()))).toEqual({ authenticated: false })
  })

  it('a store that is down gives STORE_UNAVAILABLE (503) and opens no session', async () => {
    const own = await startRedis()
    const driver = redisDriver({ url: own.url, maxRetriesPerRequest: 1 })
    const storage = createStorage({ driver })
    storages.push(storage)
    // ioredis reports each failed reconnection as an "error" event, printed when nobody listens.
    driver.getInstance!().on('error', () => {})
    const auth = createWechatAuth({ appid: FAKE_APPID, secret: FAKE_SECRET, sessionSecret: SESSION_SECRET, fetch: wechat.fetch, store: storage, logger: { warn: message => logs.push(`warn ${message}`), error: message => logs.push(`error ${message}`) } })
    const { jar, via } = browser()
    await logIn(via(auth), 'frank')
    expect(await session(jar)).toMatchObject({ authenticated: true })
    await own.stop()

    const sessionAnswer = await jar.fetch(`${APP}/auth/wechat/session`)
    expect(sessionAnswer.status).toBe(503)
    expect(await sessionAnswer.json()).toEqual({ error: { code: 'STORE_UNAVAILABLE', message: '[wechat-qr-login] The server\'s session store is unavailable. Try again later.' } })
    expect(await auth.getSession(new Request(`${APP}/api`, { headers: { cookie: jar.header(APP) } }))).toEqual({ authenticated: false })
    const guarded = await auth.requireSession(new Request(`${APP}/api`, { headers: { cookie: jar.header(APP) } })) as Response
    expect(guarded.status).toBe(503)

    const newcomer = browser().via(auth)
    const callback = await logIn(newcomer, 'frank', '?mode=new-window')
    expect(callback.status).toBe(503)
    expect(callback.headers.getSetCookie().filter(line => line.startsWith('wechat_session'))).toEqual([])
    const { state } = await (await newcomer.fetch(`${APP}/auth/wechat/state`)).json() as WechatStateResponse
    const exchange = await newcomer.fetch(`${APP}/auth/wechat/exchange`, postJson({ code: wechat.issueCode(), state }))
    expect(exchange.status).toBe(503)
    expect(newcomer.list().map(cookie => cookie.name)).toEqual([])
    expect(logs.filter(line => line.startsWith('error'))).toEqual(expect.arrayContaining([
      expect.stringMatching(/GET \/auth\/wechat\/session failed with STORE_UNAVAILABLE: The session store failed to read a session/),
      expect.stringMatching(/GET \/auth\/wechat\/callback failed with STORE_UNAVAILABLE: The session store failed to record a used state/),
    ]))
  })
})
