import type { EmulatorQrSession } from '@wechat-qr-login/emulator'
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core'
import type { UserConfig, ViteDevServer } from 'vite'
import type { PhoneUser } from './fixtures'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { flattenPlugins } from '@wechat-qr-login/test-utils/vite-app'
import wechatQrLogin from '@wechat-qr-login/vite-plugin'
import { createServer } from 'vite'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { readmeAppFiles } from '../consumer/harness/readme'
import { alias } from '../vite.config'
import { launchChromium, openTracedContext } from './browser'
import { confirmOnPhone, qrFrame, qrUuid, readSession } from './fixtures'

/**
 * The README's "Add it to your app", read from README.md at test time, as a fresh Vite app with a
 * router and a guarded route, from the workspace's sources: a user opens the guarded route, the
 * guard sends them to the login page, they log in through the emulator, and `@success` takes them
 * back to the guarded route. In the README's default mode and in every other mode, so that
 * `@success` is shown to fire in each (also after a login that navigates the whole tab).
 */

const APPS_DIR = fileURLToPath(new URL('./.apps/', import.meta.url))
// The app's `vue-router`, as an app installs it (the workspace root has none).
const VUE_ROUTER = dirname(createRequire(fileURLToPath(new URL('../packages/vue/package.json', import.meta.url))).resolve('vue-router/package.json'))

interface ReadmeApp {
  url: string
  server: ViteDevServer
}

/** Writes the README's files (LoginView's `<WechatQrLogin` given `props`) and starts `vite dev` on them. */
async function startReadmeApp(name: string, props = ''): Promise<ReadmeApp> {
  const dir = join(APPS_DIR, name)
  await rm(dir, { recursive: true, force: true })
  const files: Record<string, string> = {
    'index.html': '<!doctype html><html lang="en"><head><meta charset="UTF-8"><title>App</title></head><body><div id="app"></div><script type="module" src="/src/main.ts"></script></body></html>\n',
    ...readmeAppFiles(),
  }
  files['src/views/LoginView.vue'] = files['src/views/LoginView.vue']!.replace('<WechatQrLogin ', `<WechatQrLogin ${props}`)
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true })
    await writeFile(join(dir, path), content)
  }
  // The README's config, with the emulator on a free port (test files run side by side).
  const { default: config } = await import(/* @vite-ignore */ pathToFileURL(join(dir, 'vite.config.ts')).href) as { default: UserConfig }
  vi.stubEnv('WECHAT_APPID', '')
  vi.stubEnv('WECHAT_APPSECRET', '')
  vi.stubEnv('WECHAT_TUNNEL_URL', '')
  const server = await createServer({
    root: dir,
    configFile: false,
    envDir: false,
    logLevel: 'silent',
    cacheDir: join(dir, 'node_modules/.vite'),
    plugins: [...flattenPlugins(config.plugins).filter(plugin => !plugin.name.startsWith('wechat-qr-login')), wechatQrLogin({ dev: { emulator: { port: 0 } } })],
    resolve: { alias: [...alias, { find: /^vue-router$/, replacement: VUE_ROUTER }], dedupe: ['vue', 'pinia', 'vue-router'] },
    server: { port: 0, host: 'localhost', strictPort: true },
  })
  await server.listen()
  return { url: server.resolvedUrls!.local[0]!.replace(/\/$/, ''), server }
}

/** Allows, as `user` on the phone, the login of the QR that `qrPage` (WeChat's page, here the emulator's) shows. */
async function allowOnPhone(context: BrowserContext, qrPage: Page | Frame, user: PhoneUser = 'zhang-wei'): Promise<void> {
  await qrPage.locator('.impowerBox .qrcode').waitFor()
  const uuid = await qrUuid(qrPage)
  const sessions = await (await fetch(`${new URL(qrPage.url()).origin}/__emulator/sessions`)).json() as EmulatorQrSession[]
  const phone = await context.newPage()
  await phone.goto(sessions.find(session => session.uuid === uuid)!.qrUrl)
  await confirmOnPhone(phone, user)
}

/** Opens the guarded route: the guard sends a signed-out user to the login page. */
async function openGuardedRoute(context: BrowserContext, app: ReadmeApp): Promise<Page> {
  const page = await context.newPage()
  await page.goto(`${app.url}/orders`)
  await page.waitForURL(`${app.url}/login?redirect=/orders`)
  return page
}

/** Back on the guarded route, signed in as 张伟, with the server's session. */
async function expectBackOnGuardedRoute(page: Page, app: ReadmeApp): Promise<void> {
  await page.getByRole('heading', { name: '张伟\'s orders' }).waitFor()
  expect(page.url()).toBe(`${app.url}/orders`)
  expect(await readSession(page)).toMatchObject({ authenticated: true, user: { nickname: '张伟' } })
}

const MODES = [
  {
    name: 'the default mode (embedded: WeChat sends the whole tab to the callback and back)',
    dir: 'default',
    props: '',
    async logIn(context: BrowserContext, page: Page) {
      // The tab leaves for the callback and comes back to /login?redirect=/orders, a new page.
      const reload = page.waitForEvent('load')
      await allowOnPhone(context, await qrFrame(page))
      await reload
    },
  },
  {
    name: 'new-window mode',
    dir: 'new-window',
    props: 'mode="new-window" ',
    async logIn(context: BrowserContext, page: Page) {
      const [popup] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: '微信登录' }).click()])
      // The callback page relays the result to this page and closes the popup.
      const closed = popup.waitForEvent('close')
      await allowOnPhone(context, popup)
      await closed
    },
  },
  {
    name: 'the embedded mode with self-redirect (relayed by the callback page in the iframe)',
    dir: 'self-redirect',
    props: 'self-redirect ',
    async logIn(context: BrowserContext, page: Page) {
      await allowOnPhone(context, await qrFrame(page))
    },
  },
  {
    name: 'redirect mode',
    dir: 'redirect',
    props: 'mode="redirect" ',
    async logIn(context: BrowserContext, page: Page) {
      await page.getByRole('button', { name: '微信登录' }).click()
      await allowOnPhone(context, page)
    },
  },
  {
    name: 'new-window mode with the popup blocked, continued in this tab',
    dir: 'new-window',
    props: 'mode="new-window" ',
    async logIn(context: BrowserContext, page: Page) {
      await page.evaluate(() => {
        window.open = () => null
      })
      await page.getByRole('button', { name: '微信登录' }).click()
      await page.getByRole('button', { name: '在当前页面继续' }).click()
      await allowOnPhone(context, page)
    },
  },
]

describe('the README\'s "Add it to your app" in Chromium: from a guarded route through the login and back', () => {
  const apps = new Map<string, ReadmeApp>()
  let browser: Browser

  beforeAll(async () => {
    browser = await launchChromium()
    for (const { dir, props } of MODES) {
      if (!apps.has(dir))
        apps.set(dir, await startReadmeApp(dir, props))
    }
  })
  afterAll(async () => {
    await Promise.all([browser?.close(), ...[...apps.values()].map(app => app.server.close())])
    vi.unstubAllEnvs()
  })

  it.each(MODES)('$name', async ({ name, dir, logIn }) => {
    const app = apps.get(dir)!
    const context = await openTracedContext(browser, `readme app ${name}`, { locale: 'en-US' })
    const page = await openGuardedRoute(context, app)
    await logIn(context, page)
    await expectBackOnGuardedRoute(page, app)
  })
})
