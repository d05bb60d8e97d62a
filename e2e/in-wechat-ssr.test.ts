import type { Listening } from '@wechat-qr-login/test-utils/listen'
import type { Browser, ConsoleMessage } from 'playwright-core'
import type { Plugin, ViteDevServer } from 'vite'
import { fileURLToPath } from 'node:url'
import { DEMO_APP, DEMO_OFFICIAL_ACCOUNT, WECHAT_USER_AGENTS } from '@wechat-qr-login/emulator'
import { createWechatAuth } from '@wechat-qr-login/server'
import { toNodeMiddleware } from '@wechat-qr-login/server/node'
import { listen } from '@wechat-qr-login/test-utils/listen'
import { createServer } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { devFlag } from '../scripts/dev-flag'
import { alias } from '../vite.config'
import { launchChromium, openTracedContext } from './browser'

/**
 * The smallest SSR app: one `<WechatQrLogin>`, the request's user agent given to
 * `createWechatLogin({ userAgent })` on the server, Pinia's state carried to the browser.
 */
const MODULES: Record<string, string> = {
  'virtual:ssr-app': `
    import { createWechatLogin, WechatQrLogin } from '@wechat-qr-login/vue'
    import { createPinia } from 'pinia'
    import { createSSRApp, h } from 'vue'
    export function createApp(userAgent) {
      const pinia = createPinia()
      const app = createSSRApp({ render: () => h(WechatQrLogin, { lang: 'en' }) }).use(pinia).use(createWechatLogin({ userAgent }))
      return { app, pinia }
    }`,
  'virtual:ssr-server': `
    import { renderToString } from 'vue/server-renderer'
    import { createApp } from 'virtual:ssr-app'
    export async function render(userAgent) {
      const { app, pinia } = createApp(userAgent)
      const html = await renderToString(app)
      return { html, state: JSON.stringify(pinia.state.value) }
    }`,
  'virtual:ssr-client': `
    import { createApp } from 'virtual:ssr-app'
    const { app, pinia } = createApp()
    pinia.state.value = JSON.parse(document.getElementById('pinia').textContent)
    app.mount('#app')
    window.hydrated = true`,
}

function ssrApp(): Plugin {
  return {
    name: 'ssr-app',
    resolveId: id => (id in MODULES ? `\0${id}` : undefined),
    load: id => (id.startsWith('\0') ? MODULES[id.slice(1)] : undefined),
  }
}

describe('a server render inside WeChat, hydrated in Chromium', () => {
  let vite: ViteDevServer
  let server: Listening
  let browser: Browser

  beforeAll(async () => {
    vite = await createServer({
      root: fileURLToPath(new URL('../', import.meta.url)),
      configFile: false,
      logLevel: 'silent',
      appType: 'custom',
      // What @vitejs/plugin-vue defines, so that Vue does not warn about them.
      define: { __VUE_OPTIONS_API__: 'true', __VUE_PROD_DEVTOOLS__: 'false', __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false' },
      plugins: [devFlag(), ssrApp()],
      resolve: { alias },
      server: { middlewareMode: true, hmr: false },
    })
    const auth = toNodeMiddleware(createWechatAuth({
      appid: DEMO_APP.appid,
      secret: DEMO_APP.secret,
      sessionSecret: 'a-session-secret-of-at-least-32-characters',
      officialAccount: { appid: DEMO_OFFICIAL_ACCOUNT.appid, secret: DEMO_OFFICIAL_ACCOUNT.secret },
    }))
    server = await listen((req, res) => {
      if (req.url !== '/')
        return void auth(req, res, () => vite.middlewares(req, res))
      void (async () => {
        const { render } = await vite.ssrLoadModule('virtual:ssr-server') as { render: (userAgent?: string) => Promise<{ html: string, state: string }> }
        const { html, state } = await render(req.headers['user-agent'])
        const page = await vite.transformIndexHtml('/', `<!doctype html><html><head><link rel="icon" href="data:,"></head><body><div id="app">${html}</div><script type="application/json" id="pinia">${state.replaceAll('<', '\\u003c')}</script><script type="module" src="/@id/__x00__virtual:ssr-client"></script></body></html>`)
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page)
      })()
    }, 'localhost')
    browser = await launchChromium()
  })

  afterAll(async () => {
    await Promise.all([browser?.close(), server?.close(), vite?.close()])
  })

  it.each([
    ['wechatIos', 'wechat-mobile', 'button.wechat-qr-login__button--open'],
    ['wecomIos', 'wecom', '.wechat-qr-login__unavailable--wecom'],
    ['chromeAndroid', 'mobile-browser', '.wechat-qr-login__unavailable--mobile-browser'],
  ] as const)('%s: the server renders %s\'s path and the browser hydrates it with no mismatch', async (name, environment, shown) => {
    const context = await openTracedContext(browser, `ssr ${name}`, { viewport: { width: 390, height: 844 }, userAgent: WECHAT_USER_AGENTS[name], isMobile: true, hasTouch: true })
    const page = await context.newPage()
    const messages: ConsoleMessage[] = []
    page.on('console', message => void messages.push(message))

    const response = await page.goto(`${server.url}/`)
    const html = await response!.text()
    // The first HTML is already the path of the place: no QR placeholder for a phone.
    expect(html).toContain(`data-environment="${environment}"`)
    expect(html).not.toContain('wechat-qr-login__frame')
    await page.waitForFunction(() => (window as { hydrated?: boolean }).hydrated)
    await page.locator(shown).waitFor()
    if (environment === 'wechat-mobile')
      await page.locator('button.wechat-qr-login__button--open:not([disabled])').waitFor()
    expect(await page.locator('iframe').count()).toBe(0)
    const warnings = messages.filter(message => message.type() === 'warning' || message.type() === 'error').map(message => `${message.text()} ${message.location().url}`)
    expect(warnings).toEqual([])
    expect(page.url()).toBe(`${server.url}/`)
  })
})
