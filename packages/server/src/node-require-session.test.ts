import type { Listening } from '@wechat-qr-login/test-utils/listen'
import { setupAuth } from '@wechat-qr-login/test-utils/auth-harness'
import { listen } from '@wechat-qr-login/test-utils/listen'
import express from 'express'
import { afterEach, describe, expect, it } from 'vitest'
import { toNodeMiddleware } from './node-middleware'
import { requireSession } from './node-require-session'

describe('requireSession (Node)', () => {
  let server: Listening | undefined
  afterEach(async () => {
    await server?.close()
    server = undefined
  })

  it('lets a signed-in request through to Express with its session, and answers 401 JSON to others', async () => {
    const harness = setupAuth()
    const app = express()
    app.use(toNodeMiddleware(harness.auth))
    app.get('/api/me', requireSession(harness.auth), (req, res) => {
      res.json({ nickname: req.wechatSession!.user.nickname })
    })
    server = await listen(app, 'localhost')
    const anonymous = await fetch(`${server.url}/api/me`, { headers: { cookie: 'wechat_session=garbage' } })
    expect(anonymous.status).toBe(401)
    expect(await anonymous.json()).toEqual({ error: { code: 'NOT_AUTHENTICATED', message: '[wechat-qr-login] Not signed in.' } })
    // Express set X-Powered-By first: the cookie that clears the bad session still arrives.
    expect(anonymous.headers.getSetCookie()).toEqual([expect.stringMatching(/^wechat_session=; Max-Age=0/)])

    const origin = 'http://app.test'
    await harness.callback({ code: harness.wechat.issueCode('hana'), state: await harness.start() })
    const me = await fetch(`${server.url}/api/me`, { headers: { cookie: harness.jar.header(origin) } })
    expect(await me.json()).toEqual({ nickname: 'hana' })
  })

  it('passes a throwing guard\'s error to next()', async () => {
    const app = express()
    app.get('/api/me', requireSession({ requireSession: async () => {
      throw new Error('broken')
    } }), (_req, res) => {
      res.json({ reached: true })
    })
    app.use((error: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      res.status(500).json({ caught: error.message })
    })
    server = await listen(app)
    expect(await (await fetch(`${server.url}/api/me`)).json()).toEqual({ caught: 'broken' })
  })
})
