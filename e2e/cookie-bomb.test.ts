import type { WechatSessionResponse, WechatStateResponse } from '@wechat-qr-login/core'
import type { FakeWechat } from '@wechat-qr-login/test-utils/fake-wechat'
import type { Listening } from '@wechat-qr-login/test-utils/listen'
import type { Browser, Response } from 'playwright-core'
import { createWechatAuth } from '@wechat-qr-login/server'
import { toNodeMiddleware } from '@wechat-qr-login/server/node'
import { createFakeWechat, FAKE_APPID, FAKE_SECRET } from '@wechat-qr-login/test-utils/fake-wechat'
import { listen } from '@wechat-qr-login/test-utils/listen'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, openTracedContext } from './browser'

/** What the attack of issue #13 sends: the largest state cookie a `{` path would make, percent-encoded. */
const BOMB_PATH = `/${'{'.repeat(945)}`

/**
 * The default server behind `toNodeMiddleware` on `http://localhost`, and a page of another site
 * (`127.0.0.1`) whose one button opens a window and navigates it to the app's `/state`: five times
 * with the path that once planted ~4 KB cookies until every request of the app got HTTP 431, then
 * five times with a short path, which would each evict one of the user's pending logins.
 */
describe('a cross-site page cannot plant state cookies (cookie bomb)', () => {
  let browser: Browser
  let wechat: FakeWechat
  let app: Listening
  let attacker: Listening

  beforeAll(async () => {
    wechat = createFakeWechat()
    const auth = createWechatAuth({ appid: FAKE_APPID, secret: FAKE_SECRET, sessionSecret: 'cookie-bomb-session-secret-0123456789', fetch: wechat.fetch, logger: false })
    app = await listen(toNodeMiddleware(async request => await auth(request) ?? new Response('<!doctype html><title>App</title><h1>The app</h1>', { headers: { 'content-type': 'text/html' } })), 'localhost')
    const targets = [
      ...Array.from({ length: 5 }, () => `${app.url}/auth/wechat/state?return_to=${encodeURIComponent(BOMB_PATH)}`),
      ...Array.from({ length: 5 }, () => `${app.url}/auth/wechat/state?mode=new-window&return_to=%2F`),
    ]
    const page = `<!doctype html><title>Win a prize</title>
<button id="prize">Claim your prize</button>
<script>
document.getElementById('prize').onclick = async () => {
  const target = window.open('about:blank', 'bomb')
  for (const url of ${JSON.stringify(targets)}) {
    target.location.href = url
    await new Promise(resolve => setTimeout(resolve, 400))
  }
  document.title = 'sent'
}
</script>`
    attacker = await listen((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end(page)
    })
    browser = await launchChromium()
  })

  afterAll(async () => {
    await browser?.close()
    await attacker?.close()
    await app?.close()
  })

  it('one click elsewhere leaves the app answering 200 and the user\'s pending login intact', async ({ task }) => {
    const context = await openTracedContext(browser, task.name)
    const page = await context.newPage()
    expect((await page.goto(`${app.url}/`))!.status()).toBe(200)
    // The user starts a login in the app (a popup login, as the store asks for it).
    const pending = await page.evaluate(async () => (await (await fetch('/auth/wechat/state?mode=new-window')).json()) as WechatStateResponse)

    const stateAnswers: Response[] = []
    context.on('response', (response) => {
      if (response.url().startsWith(`${app.url}/auth/wechat/state`) && response.request().isNavigationRequest())
        stateAnswers.push(response)
    })
    const evil = await context.newPage()
    await evil.goto(attacker.url)
    await Promise.all([context.waitForEvent('page'), evil.locator('#prize').click()])
    await evil.waitForFunction(() => document.title === 'sent')
    await expect.poll(() => stateAnswers.length).toBe(10)
    expect(stateAnswers.map(answer => answer.status())).toEqual(Array.from({ length: 10 }, () => 403))

    const cookies = await context.cookies(app.url)
    expect(cookies.map(cookie => cookie.name)).toEqual([`wechat_state_${pending.state}`])
    expect((await page.reload())!.status()).toBe(200)

    // The login the user started still completes.
    const callback = await page.goto(`${app.url}/auth/wechat/callback?code=${wechat.issueCode('alice')}&state=${pending.state}`)
    expect(callback!.status()).toBe(200)
    await page.goto(`${app.url}/`)
    const session = await page.evaluate(async () => (await (await fetch('/auth/wechat/session')).json()) as WechatSessionResponse)
    expect(session).toMatchObject({ authenticated: true, user: { nickname: 'alice' } })
  })
})
