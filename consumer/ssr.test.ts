import type { Browser, ConsoleMessage } from 'playwright-core'
import type { RunningServer } from './harness/process'
import process from 'node:process'
import { launchChromium, openTracedContext } from '@test/browser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { qrFrame } from '../e2e/fixtures'
import { allowOnPhone, sessionNickname } from './harness/phone'
import { startServer } from './harness/process'
import { newestVueAppDependencies } from './harness/versions'
import { readmeVueApp } from './harness/vue-app'

describe('server-side rendering from the packed packages (Vite\'s SSR setup, development build)', () => {
  let server: RunningServer
  let browser: Browser

  beforeAll(async () => {
    const app = await readmeVueApp({ dependencies: newestVueAppDependencies(), fixtures: ['ssr'] })
    ;[server, browser] = await Promise.all([
      startServer(process.execPath, ['ssr/server.mjs'], { cwd: app.dir, urlPattern: /SSR app: (http:\/\/localhost:\d+)/ }),
      launchChromium(),
    ])
  })
  afterAll(async () => {
    await Promise.all([browser?.close(), server?.stop()])
  })

  it('renders the preparing state on the server', async () => {
    const html = await (await fetch(`${server.url}/`)).text()
    expect(html).toContain('wechat-qr-login--preparing')
    expect(html).not.toContain('<iframe')
  })

  it('hydrates in Chromium with no mismatch warning, then logs in', async ({ task }) => {
    const context = await openTracedContext(browser, `consumer ${task.name}`, { locale: 'en-US' })
    const page = await context.newPage()
    const messages: ConsoleMessage[] = []
    const pageErrors: Error[] = []
    page.on('console', message => messages.push(message))
    page.on('pageerror', error => pageErrors.push(error))
    // The server's <main>, kept as the parser leaves it, before any script runs.
    await context.addInitScript(() => document.addEventListener('readystatechange', () => {
      if (document.readyState === 'interactive')
        (window as { serverMain?: Element | null }).serverMain = document.querySelector('main')
    }))
    await page.goto(`${server.url}/`)
    // The QR replaces the placeholder once the hydrated component has a state.
    await qrFrame(page)
    expect(await page.evaluate(() => (window as { serverMain?: Element | null }).serverMain === document.querySelector('main')), 'hydrated in place, not mounted afresh').toBe(true)
    const warnings = messages.filter(message => message.type() === 'warning' || message.type() === 'error').map(message => message.text())
    expect(warnings.filter(text => /hydration|mismatch/i.test(text))).toEqual([])
    expect(pageErrors).toEqual([])
    await allowOnPhone(page, 'zhang-wei')
    expect(await sessionNickname(page, server.url)).toBe('张伟')
  })
})
