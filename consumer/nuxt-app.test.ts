import type { TestEmulator } from '@wechat-qr-login/test-utils/emulator'
import type { OfficialAccountState } from '@wechat-qr-login/test-utils/in-wechat'
import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core'
import type { ConsumerApp } from './harness/app'
import type { RunningServer } from './harness/process'
import { randomBytes } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import process from 'node:process'
import { launchChromium, openTracedContext } from '@test/browser'
import { DEMO_APP, DEMO_OFFICIAL_ACCOUNT, WECHAT_USER_AGENTS } from '@wechat-qr-login/emulator'
import { createCookieJar } from '@wechat-qr-login/test-utils/cookie-jar'
import { startTestEmulator } from '@wechat-qr-login/test-utils/emulator'
import { authorizeInWechat, officialAccountAuthorizeUrl } from '@wechat-qr-login/test-utils/in-wechat'
import { freePort } from '@wechat-qr-login/test-utils/listen'
import { requestWithHost } from '@wechat-qr-login/test-utils/vite-app'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { qrFrame } from '../e2e/fixtures'
import { consumerApp } from './harness/app'
import { allowOnPhone } from './harness/phone'
import { appEnv, startServer } from './harness/process'
import { nuxtAppVersions } from './harness/versions'

const versions = nuxtAppVersions()

/**
 * A tunnel's host, as a developer puts it in `.env` (a host, not a URL: with a URL the QR would
 * send the phone page through the tunnel, which the tests cannot reach).
 */
const TUNNEL_HOST = 'abc123.natapp4.cc'

/** Every file under `dir`, recursively. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries.filter(entry => entry.isFile()).map(entry => join(entry.parentPath, entry.name))
}

/** The files under `dir` whose bytes contain `value`. */
async function filesContaining(dir: string, value: string): Promise<string[]> {
  const found: string[] = []
  for (const file of await filesUnder(dir)) {
    if ((await readFile(file)).includes(value))
      found.push(file)
  }
  return found
}

/** The text of the fixture's `data-testid` element, without the template's surrounding spaces. */
async function testText(page: Page, testId: string): Promise<string | undefined> {
  return (await page.textContent(`[data-testid="${testId}"]`))?.trim()
}

/**
 * Chromium's warning about every `self_redirect` iframe, whose sandbox must allow scripts on its
 * own origin (the docs' security page says why); not a problem of the app.
 */
const SANDBOX_WARNING = 'An iframe which has both allow-scripts and allow-same-origin'

/** Console errors and warnings of the app's page (its iframes included), and its uncaught errors. */
function watchConsole(context: BrowserContext): { problems: () => string[] } {
  const problems: string[] = []
  context.on('console', (message: ConsoleMessage) => {
    // The emulator's phone page stands in for a phone, not for the app.
    if ((message.type() === 'error' || message.type() === 'warning') && !message.page()?.url().includes('/connect/confirm') && !message.text().startsWith(SANDBOX_WARNING))
      problems.push(`${message.type()}: ${message.text()}`)
  })
  context.on('weberror', error => problems.push(`uncaught: ${error.error().message}`))
  return { problems: () => problems }
}

/**
 * What a team gets from the module line and the environment: `/orders` needs a login
 * (`wechat-auth`), its API route answers only a session (`requireWechatSession`), `/login` shows
 * `<WechatQrLogin>`. Run as a user does, in Chromium, through `origin`.
 */
function loginTests(origin: () => string, browser: () => Browser): void {
  it('sends a signed-out visitor of a guarded page to the login page, and the API route answers 401', async () => {
    const redirect = await fetch(`${origin()}/orders`, { redirect: 'manual' })
    expect(redirect.status).toBe(302)
    const location = new URL(redirect.headers.get('location')!, origin())
    expect([location.pathname, location.searchParams.get('redirect')]).toEqual(['/login', '/orders'])
    const api = await fetch(`${origin()}/api/orders`)
    expect(api.status).toBe(401)
    expect(await api.json()).toMatchObject({ data: { error: { code: 'NOT_AUTHENTICATED' } } })
  })

  it('logs in through the emulator and back to the guarded page, whose server-rendered HTML has the user', async ({ task }) => {
    const context = await openTracedContext(browser(), `nuxt ${task.name}`, { locale: 'en-US' })
    const { problems } = watchConsole(context)
    const page = await context.newPage()
    await page.goto(`${origin()}/orders`)
    expect(new URL(page.url()).searchParams.get('redirect')).toBe('/orders')
    await allowOnPhone(page, 'zhang-wei')
    // The whole tab comes back to /login?redirect=/orders, which the module sends on to /orders.
    await page.waitForURL(url => url.pathname === '/orders')
    await expect.poll(() => testText(page, 'orders')).toBe('张伟: 0 orders')

    const html = await (await context.request.get(`${origin()}/orders`)).text()
    expect(html).toContain('Orders of 张伟')
    expect(html).toContain('张伟: 0 orders')

    // A signed-in page load: the user is in the first HTML, and no request asks for the session.
    const sessionRequests: string[] = []
    const home = await context.newPage()
    home.on('request', request => new URL(request.url()).pathname.startsWith('/auth/wechat/') && sessionRequests.push(request.url()))
    await home.goto(`${origin()}/`)
    await home.waitForLoadState('networkidle')
    expect(await testText(home, 'user')).toBe('Signed in as 张伟')
    expect(sessionRequests).toEqual([])
    expect(problems()).toEqual([])
  })

  it.each([
    ['wechatIos', 'wechat-mobile'],
    ['chromeAndroid', 'mobile-browser'],
  ] as const)('renders the login page on the server for where the user is: %s gets %s\'s path, not the QR', async (name, environment) => {
    const html = await (await fetch(`${origin()}/login`, { headers: { 'user-agent': WECHAT_USER_AGENTS[name] } })).text()
    expect(html).toContain(`data-environment="${environment}"`)
    expect(html).not.toContain('wechat-qr-login__frame')
  })

  it('shows the error of a login that failed and came back to the login page through the whole tab', async ({ task }) => {
    const context = await openTracedContext(browser(), `nuxt ${task.name}`, { locale: 'en-US' })
    const { problems } = watchConsole(context)
    const page = await context.newPage()
    await page.goto(`${origin()}/login?redirect=/orders`)
    // WeChat's callback with the QR's state and no code, a refusal: the server sends the tab
    // back with `?wechat_login_error=LOGIN_DENIED`, to a page whose server render found no session.
    const qr = new URL((await qrFrame(page)).url()).searchParams
    const callback = new URL(qr.get('redirect_uri')!)
    callback.searchParams.set('state', qr.get('state')!)
    await page.goto(callback.href)
    await expect.poll(() => page.textContent('main')).toContain('你已在微信中拒绝登录。')
    const url = new URL(page.url())
    expect([url.pathname, url.searchParams.get('redirect'), url.searchParams.has('wechat_login_error')]).toEqual(['/login', '/orders', false])
    // Hydrated as rendered (no mismatch), then told of the error.
    expect(problems()).toEqual([])
  })

  it('relays a self_redirect login to the login page, which goes on to ?redirect= with no console error', async ({ task }) => {
    const context = await openTracedContext(browser(), `nuxt ${task.name}`, { locale: 'en-US' })
    const { problems } = watchConsole(context)
    const page = await context.newPage()
    await page.goto(`${origin()}/login?redirect=/orders&flow=relay`)
    await qrFrame(page)
    const reloads: string[] = []
    page.on('load', () => reloads.push(page.url()))
    await allowOnPhone(page, 'li-na')
    await page.waitForURL(url => url.pathname === '/orders')
    await expect.poll(() => testText(page, 'orders')).toBe('李娜 🐼: 0 orders')
    // The iframe relayed the login: the tab itself was never reloaded, only routed.
    expect(reloads).toEqual([])
    expect(problems()).toEqual([])
  })
}

describe(`a Nuxt app with only the module line, from the packed packages: ${versions.label}, Node ${process.versions.node}`, () => {
  let app: ConsumerApp
  let browser: Browser
  // The secrets a build environment might hold (a careless .env): none may reach the output.
  const buildSecrets = { NUXT_WECHAT_APPSECRET: DEMO_APP.secret, NUXT_WECHAT_OA_APPSECRET: DEMO_OFFICIAL_ACCOUNT.secret, NUXT_WECHAT_SESSION_SECRET: randomBytes(24).toString('base64url') }

  beforeAll(async () => {
    ;[app, browser] = await Promise.all([
      consumerApp({ name: `nuxt-app-node${process.versions.node.split('.')[0]}`, fixtures: ['nuxt-app'], dependencies: versions.dependencies }),
      launchChromium(),
    ])
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('type-checks with nuxi typecheck: runtime config, auto-imports, the route middleware, the server helpers', async () => {
    await app.exec('nuxt', ['typecheck'], { NUXT_TELEMETRY_DISABLED: '1' })
  })

  describe('under nuxt dev (the emulator, no credentials)', () => {
    let server: RunningServer

    beforeAll(async () => {
      server = await startServer(process.execPath, [join(app.dir, 'node_modules/nuxt/bin/nuxt.mjs'), 'dev', '--host', 'localhost', '--port', String(await freePort())], {
        cwd: app.dir,
        env: appEnv({ NUXT_TELEMETRY_DISABLED: '1', WECHAT_TUNNEL_HOST: TUNNEL_HOST }),
        // Ready once Nitro is built: a request before that gets Nuxt's loading page.
        urlPattern: /Local:\s+(http:\/\/localhost:\d+)\/\n[\s\S]*Nitro server built/,
        timeout: 180_000,
      })
      // Vite finds some of Nuxt's own dependencies (its DevTools' client) on the first page load,
      // optimizes them and reloads the page, failing the requests of the old page: a first visit
      // that is over before the tests start.
      const warmUp = await browser.newPage()
      await warmUp.goto(`${server.url}/`, { waitUntil: 'networkidle' })
      await warmUp.reload({ waitUntil: 'networkidle' })
      await warmUp.close()
    })
    afterAll(async () => {
      await server?.stop()
    })

    it('prints the Vite plugin\'s banner: the emulator, the tunnel and its callback domain', async () => {
      await expect.poll(() => server.output()).toContain('WeChat login (wechat-qr-login)')
      expect(server.output()).toMatch(/Emulator:\s+http:\/\/127\.0\.0\.1:\d+/)
      expect(server.output()).toMatch(/Callback domain:\s+abc123\.natapp4\.cc/)
    })

    it('lets the tunnel\'s host (WECHAT_TUNNEL_HOST) past Vite\'s host check, and no other', async () => {
      const { port } = new URL(server.url)
      expect((await requestWithHost(Number(port), TUNNEL_HOST, '/login')).status).toBe(200)
      expect((await requestWithHost(Number(port), 'evil.example', '/login')).status).toBe(403)
    })

    it('answers an Official Account\'s login (GET /state?flow=oa) with the emulator\'s', async () => {
      const state = await fetch(`${server.url}/auth/wechat/state?flow=oa`)
      expect(await state.json()).toMatchObject({ flow: 'oa', appid: DEMO_OFFICIAL_ACCOUNT.appid })
    })

    loginTests(() => server.url, () => browser)
  })

  describe('after nuxt build, as node .output/server/index.mjs (credentials from NUXT_WECHAT_*, the emulator as WeChat)', () => {
    let server: RunningServer
    let emulator: TestEmulator

    beforeAll(async () => {
      await app.exec('nuxt', ['build'], { NUXT_TELEMETRY_DISABLED: '1', ...buildSecrets })
      const port = await freePort()
      // The demo Official Account is a test account (测试号), whose 网页授权域名 may name the app's port.
      emulator = await startTestEmulator({ officialAccounts: [{ ...DEMO_OFFICIAL_ACCOUNT, webAuthDomain: `localhost:${port}`, followers: [...DEMO_OFFICIAL_ACCOUNT.followers] }] })
      server = await startServer(process.execPath, ['.output/server/index.mjs'], {
        cwd: app.dir,
        env: appEnv({
          HOST: '127.0.0.1',
          PORT: String(port),
          NUXT_WECHAT_APPID: DEMO_APP.appid,
          NUXT_WECHAT_OA_APPID: DEMO_OFFICIAL_ACCOUNT.appid,
          NUXT_WECHAT_OPEN_BASE: emulator.url,
          NUXT_WECHAT_API_BASE: emulator.url,
          NUXT_WECHAT_SESSION_STORE: 'data',
          ...buildSecrets,
        }),
        urlPattern: /Listening on (http:\/\/\S+)/,
      })
    })
    afterAll(async () => {
      await Promise.all([server?.stop(), emulator?.close()])
    })

    it('keeps the secrets out of the output: the browser\'s files and the server\'s', async () => {
      for (const [name, value] of Object.entries(buildSecrets)) {
        expect(await filesContaining(join(app.dir, '.output/public'), value), name).toEqual([])
        expect(await filesContaining(join(app.dir, '.output/server'), value), name).toEqual([])
      }
    })

    // The emulator on 127.0.0.1 and the app on localhost: two sites, as WeChat and an app are.
    loginTests(() => server.url.replace('127.0.0.1', 'localhost'), () => browser)

    it('logs in inside WeChat with the Official Account of NUXT_WECHAT_OA_APPID and NUXT_WECHAT_OA_APPSECRET', async () => {
      const origin = server.url.replace('127.0.0.1', 'localhost')
      const jar = createCookieJar()
      const state = await (await jar.fetch(`${origin}/auth/wechat/state?flow=oa&return_to=/orders`)).json() as OfficialAccountState
      expect(state).toMatchObject({ flow: 'oa', appid: DEMO_OFFICIAL_ACCOUNT.appid, openBase: emulator.url })
      const callback = await jar.fetch(await authorizeInWechat(officialAccountAuthorizeUrl(state), { user: 'li-na' }))
      expect(callback.headers.get('location')).toBe(`${origin}/orders`)
      const html = await (await jar.fetch(`${origin}/orders`)).text()
      expect(html).toContain('Orders of 李娜 🐼')
    })

    it('revokes a session on logout with NUXT_WECHAT_SESSION_STORE (Nitro\'s data storage): its old cookie gets a 401', async ({ task }) => {
      const origin = server.url.replace('127.0.0.1', 'localhost')
      const context = await openTracedContext(browser, `nuxt ${task.name}`, { locale: 'en-US' })
      const page = await context.newPage()
      await page.goto(`${origin}/login?redirect=/orders`)
      await allowOnPhone(page, 'alice')
      await page.waitForURL(url => url.pathname === '/orders')
      const cookie = (await context.cookies(origin)).map(({ name, value }) => `${name}=${value}`).join('; ')
      expect((await fetch(`${origin}/api/orders`, { headers: { cookie } })).status).toBe(200)
      expect((await context.request.post(`${origin}/auth/wechat/logout`, { data: {} })).status()).toBe(200)
      // A stateless session would still open with the copy; the store has forgotten it.
      expect((await fetch(`${origin}/api/orders`, { headers: { cookie } })).status).toBe(401)
    })
  })
})
