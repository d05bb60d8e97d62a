import type { WechatSessionResponse, WechatStateResponse } from '@wechat-qr-login/core'
import type { EmulatorQrSession } from '@wechat-qr-login/emulator'
import type { Browser, BrowserContext, BrowserContextOptions, Frame, LaunchOptions, Page } from 'playwright-core'
import type { InlineConfig, ViteDevServer } from 'vite'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { DEMO_APP } from '@wechat-qr-login/emulator'
import { createServer, mergeConfig } from 'vite'
import { afterAll, beforeAll, expect } from 'vitest'
import { launchChromium, openTracedContext, saveScreenshot } from './browser'

/** The playground's Vite config, as `pnpm dev` loads it. */
const PLAYGROUND_CONFIG = fileURLToPath(new URL('../playground/vite.config.ts', import.meta.url))
const PLAYGROUND_ROOT = fileURLToPath(new URL('../playground/', import.meta.url))

/** The size the docs' screenshots are taken at. */
const VIEWPORT = { width: 1280, height: 800 } as const
/** What the emulator's phone page is looked at with. */
const PHONE_VIEWPORT = { width: 390, height: 720 } as const

/** The playground's mode ids (`#/mode/<id>`). */
export type PlaygroundMode = 'embedded' | 'embedded-top' | 'embedded-official' | 'new-window' | 'redirect' | 'front-end-callback'

/** A running playground dev server and its emulator. */
export interface PlaygroundServer {
  /** `http://localhost:<port>`: the app. */
  url: string
  /** `http://127.0.0.1:<port>`: the emulator, another site than the app, as WeChat is. */
  emulatorUrl: string
  server: ViteDevServer
  close: () => Promise<void>
}

/** What the playground and its Vite plugin read from the environment: only a test's `env` sets them. */
const PLAYGROUND_ENV = ['WECHAT_APPID', 'WECHAT_APPSECRET', 'WECHAT_SESSION_SECRET', 'WECHAT_OA_APPID', 'WECHAT_OA_APPSECRET', 'WECHAT_OA_VERIFY_FILE', 'WECHAT_TUNNEL_URL', 'WECHAT_TUNNEL_HOST', 'PLAYGROUND_LAN']

/** Options of {@link startPlayground}. */
export interface StartPlaygroundOptions {
  /** Merged over the playground's config. */
  config?: InlineConfig
  /** The environment the dev server reads its configuration from, e.g. `WECHAT_TUNNEL_HOST`; `.env` files are not read. */
  env?: Record<string, string>
  /** `server.host`; `null` leaves it to the plugin (`127.0.0.1` with a tunnel), as a user's config does. */
  host?: string | null
}

/**
 * Starts the playground's dev server the way `pnpm dev` does (its own config file, the Vite
 * plugin with the emulator and the auth routes), on `localhost` and a free port.
 */
export async function startPlayground(options: StartPlaygroundOptions = {}): Promise<PlaygroundServer> {
  const { config = {}, env = {}, host = 'localhost' } = options
  const names = [...new Set([...PLAYGROUND_ENV, ...Object.keys(env)])]
  const saved = names.map(name => [name, process.env[name]] as const)
  for (const name of names) {
    if (env[name] === undefined)
      delete process.env[name]
    else
      process.env[name] = env[name]
  }
  let server: ViteDevServer
  try {
    server = await createServer(mergeConfig<InlineConfig, InlineConfig>({
      root: PLAYGROUND_ROOT,
      configFile: PLAYGROUND_CONFIG,
      // A developer's playground/.env.local (real WeChat credentials, a tunnel) must not steer the tests.
      envDir: false,
      logLevel: 'silent',
      server: { port: 0, strictPort: true, ...(host === null ? {} : { host }) },
    }, config))
  }
  finally {
    for (const [name, value] of saved) {
      if (value === undefined)
        delete process.env[name]
      else
        process.env[name] = value
    }
  }
  try {
    await server.listen()
    const url = server.resolvedUrls!.local[0]!.replace(/\/$/, '')
    // The emulator's URL as the app hands it to pages on this host. A state minted by Node is
    // thrown away with its cookie.
    const { openBase } = await (await fetch(`${url}/auth/wechat/state?mode=redirect`)).json() as WechatStateResponse
    return { url, emulatorUrl: openBase, server, close: () => server.close() }
  }
  catch (error) {
    await server.close()
    throw error
  }
}

/** Reads `GET /auth/wechat/session` in the page, with the page's cookies, as the app does. */
export function readSession(page: Page): Promise<WechatSessionResponse> {
  return page.evaluate(async () => (await fetch('/auth/wechat/session', { cache: 'no-store' })).json() as Promise<WechatSessionResponse>)
}

/** The profile card shows `nickname`, and the server holds a session for the same user. */
export async function expectLoggedIn(page: Page, nickname: string): Promise<WechatSessionResponse> {
  await page.getByTestId('profile').waitFor()
  expect(await page.getByTestId('profile-nickname').textContent()).toContain(nickname)
  expect(await page.getByTestId('store-status').getAttribute('data-status')).toBe('authenticated')
  const session = await readSession(page)
  expect(session).toMatchObject({ authenticated: true, user: { nickname } })
  expect(await page.getByTestId('profile-id').textContent()).toContain(session.authenticated ? session.user.id : '')
  return session
}

/** No profile on screen, and the server has no session for this browser. */
export async function expectNoSession(page: Page): Promise<void> {
  expect(await page.getByTestId('profile').count()).toBe(0)
  expect(await readSession(page)).toEqual({ authenticated: false })
}

/**
 * Saves a docs screenshot of the app with its login stage at the top of the 1280×800 viewport
 * (the header and mode cards above it would push the QR out of the picture).
 */
export async function saveStageScreenshot(page: Page, name: string): Promise<void> {
  await page.getByTestId('login-stage').evaluate(stage => window.scrollTo(0, stage.getBoundingClientRect().top + window.scrollY - 24))
  await saveScreenshot(page, name)
}

/** Waits until the playground's event log lists the component's `event`. */
export async function eventLogged(page: Page, event: 'ready' | 'success' | 'error' | 'expired' | 'cancel'): Promise<void> {
  await page.locator(`[data-testid="event-log"] li[data-event="${event}"]`).first().waitFor()
}

/** The store's error, once the page shows one. */
export async function shownError(page: Page): Promise<string> {
  const code = page.getByTestId('store-error-code')
  await code.waitFor()
  await page.locator('[data-testid="wechat-qr-login"][data-status="error"]').waitFor()
  return (await code.textContent())!.trim()
}

/** The QR page inside the embedded login's iframe, once its QR shows. */
export async function qrFrame(page: Page): Promise<Frame> {
  const frame = await (await page.waitForSelector('.wechat-qr-login__frame iframe, iframe.wechat-qr-login__frame')).contentFrame()
  await frame!.locator('.impowerBox .qrcode').waitFor()
  return frame!
}

/** The uuid of the QR a QR page shows (its image is `/connect/qrcode/{uuid}`). */
export async function qrUuid(qrPage: Frame | Page): Promise<string> {
  const src = await qrPage.locator('.impowerBox .qrcode').getAttribute('src')
  const uuid = /\/connect\/qrcode\/([^/?#]+)/.exec(src ?? '')?.[1]
  expect(uuid, `QR image ${src}`).toBeTruthy()
  return decodeURIComponent(uuid!)
}

/** A user of the emulator's phone page. */
export type PhoneUser = 'zhang-wei' | 'alice' | 'li-na' | 'bob'

/** Picks `user` on the emulator's phone page and presses "允许 · Allow". */
export async function confirmOnPhone(phone: Page, user: PhoneUser = 'zhang-wei'): Promise<void> {
  await phone.locator(`input[name=user][value="${user}"]`).check()
  await phone.getByRole('button', { name: '允许 · Allow' }).click()
  await phone.locator('[data-result="confirmed"]').waitFor()
  await phone.close()
}

/** Presses "拒绝 · Deny" on the emulator's phone page. */
export async function denyOnPhone(phone: Page): Promise<void> {
  await phone.getByRole('button', { name: '拒绝 · Deny' }).click()
  await phone.locator('[data-result="cancelled"]').waitFor()
  await phone.close()
}

/** Options of {@link PlaygroundFixture.openApp}. */
export interface OpenAppOptions {
  /** The page's query, e.g. `?qrLifetime=2`. */
  search?: string
  /** Where the app is opened, e.g. through a tunnel's host. @default the dev server's URL */
  origin?: string
  /** Over the default 1280×800, `en-US` context. */
  context?: BrowserContextOptions
  /** Runs on the new context before the page loads (init scripts, clock). */
  init?: (context: BrowserContext) => Promise<unknown>
}

/** What a test file gets from {@link usePlayground}. */
export interface PlaygroundFixture {
  /** The app's origin, `http://localhost:<port>`. */
  readonly url: string
  /** The emulator's origin, `http://127.0.0.1:<port>`. */
  readonly emulatorUrl: string
  /**
   * A fresh, traced browser context for the running test (closed when it ends) with a page on
   * the playground's mode `mode`. `search` is the query, e.g. `?qrLifetime=2`.
   */
  openApp: (testName: string, mode: PlaygroundMode, options?: OpenAppOptions) => Promise<{ context: BrowserContext, page: Page }>
  /**
   * Opens the phone page of the QR on screen the way a user on this computer does: the
   * playground's “open the phone page” link on an app page, the QR page's own link on
   * WeChat's (the emulator's) page in a tab or a popup.
   */
  phonePage: (page: Page) => Promise<Page>
  /** Opens the phone page of the QR `uuid` at the URL the QR encodes, which the emulator's control API knows. */
  phonePageOf: (context: BrowserContext, uuid: string) => Promise<Page>
  /** The emulator's QR sessions (control API). */
  sessions: () => Promise<EmulatorQrSession[]>
  /** A code of the demo app as if `user` had confirmed, without a QR (control API). */
  issueCode: (user?: PhoneUser) => Promise<string>
}

async function openPhone(context: BrowserContext, open: () => Promise<unknown>): Promise<Page> {
  const [phone] = await Promise.all([context.waitForEvent('page'), open()])
  await phone.setViewportSize(PHONE_VIEWPORT)
  await phone.getByRole('button', { name: '允许 · Allow' }).waitFor()
  return phone
}

/**
 * One playground dev server and one Chromium for the test file (started in `beforeAll`, closed
 * in `afterAll`); each test opens its own context with {@link PlaygroundFixture.openApp}.
 */
export function usePlayground(options: StartPlaygroundOptions & { launch?: LaunchOptions } = {}): PlaygroundFixture {
  const { launch, ...start } = options
  let playground: PlaygroundServer | undefined
  let browser: Browser | undefined

  beforeAll(async () => {
    ;[playground, browser] = await Promise.all([startPlayground(start), launchChromium(launch)])
  })

  afterAll(async () => {
    await Promise.all([browser?.close(), playground?.close()])
  })

  function started(): PlaygroundServer {
    if (!playground)
      throw new Error('The playground is not running: call usePlayground() at the top of the test file.')
    return playground
  }

  function launched(): Browser {
    if (!browser)
      throw new Error('The browser is not running: call usePlayground() at the top of the test file.')
    return browser
  }

  async function control<T>(path: string, init?: { method: 'POST', body: unknown }): Promise<T> {
    const response = await fetch(`${started().emulatorUrl}/__emulator${path}`, init && {
      method: init.method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(init.body),
    })
    expect(response.ok, `${path} answered ${response.status}`).toBe(true)
    return await response.json() as T
  }

  function sessions(): Promise<EmulatorQrSession[]> {
    return control<EmulatorQrSession[]>('/sessions')
  }

  return {
    get url() {
      return started().url
    },
    get emulatorUrl() {
      return started().emulatorUrl
    },

    async openApp(testName, mode, { search = '', origin = started().url, context: contextOptions, init } = {}) {
      const context = await openTracedContext(launched(), testName, { viewport: VIEWPORT, locale: 'en-US', ...contextOptions })
      await init?.(context)
      const page = await context.newPage()
      await page.goto(`${origin}/${search}#/mode/${mode}`)
      await page.locator(`[data-testid="login-stage"][data-mode="${mode}"]`).waitFor()
      return { context, page }
    },

    async phonePage(page) {
      const context = page.context()
      if (new URL(page.url()).origin === started().url) {
        const uuid = await qrUuid(await qrFrame(page))
        // The panel polls the dev server for the QR of the login on screen: the link shows once
        // it knows it (and is the phone page of exactly the QR in the iframe).
        const link = page.locator(`[data-testid="phone-page-link"][href$="uuid=${encodeURIComponent(uuid)}"]`)
        await link.waitFor()
        return openPhone(context, () => link.click())
      }
      return openPhone(context, () => page.locator('.emulator_badge a').click())
    },

    async phonePageOf(context, uuid) {
      const session = (await sessions()).find(candidate => candidate.uuid === uuid)
      expect(session, `QR ${uuid}`).toBeDefined()
      const phone = await context.newPage()
      await phone.setViewportSize(PHONE_VIEWPORT)
      await phone.goto(session!.qrUrl)
      return phone
    },

    sessions,

    async issueCode(user = 'zhang-wei') {
      const { code } = await control<{ code: string }>('/codes', { method: 'POST', body: { appid: DEMO_APP.appid, user } })
      return code
    },
  }
}
