import type { Browser } from 'playwright-core'
import type { QuickStartApp } from './dev-server'
import { launchChromium, openTracedContext, saveScreenshot } from '@test/browser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { confirmOnPhone, qrFrame } from '../../../e2e/fixtures'
import { startQuickStart } from './dev-server'

/**
 * guide/quick-start, step 5, in Chromium: the app the reader just built (App.vue, main.ts and the
 * page's vite.config.ts) logs in as the page says, and takes the page's screenshots
 * (`UPDATE_DOCS_SCREENSHOTS=1` writes them to docs/public/screenshots/).
 */
describe('the quick start in Chromium', () => {
  let app: QuickStartApp
  let browser: Browser

  beforeAll(async () => {
    ;[app, browser] = await Promise.all([startQuickStart(), launchChromium()])
  })
  afterAll(async () => {
    await Promise.all([browser?.close(), app?.close()])
  })

  it('shows the QR code; 打开手机页, 张伟 and Allow sign the app in', async ({ task }) => {
    // A window just large enough for the unstyled page: the screenshots show all of it and little else.
    const context = await openTracedContext(browser, task.name, { viewport: { width: 480, height: 440 }, locale: 'en-US' })
    const page = await context.newPage()
    await page.goto(`${app.url}/`)

    // 1. The QR code: the emulator's copy of WeChat's page.
    const frame = await qrFrame(page)
    await saveScreenshot(page, 'quick-start-qr')

    // 2. "打开手机页" under the QR code opens the page a phone shows after scanning.
    const link = frame.locator('.emulator_badge a')
    expect(await link.textContent()).toBe('打开手机页')
    const [phone] = await Promise.all([context.waitForEvent('page'), link.click()])

    // 3–4. 张伟, Allow: WeChat's page sends the tab to the callback, which sends it back here.
    const callback = page.waitForRequest(request => request.isNavigationRequest() && request.frame() === page.mainFrame() && request.url().startsWith(`${app.url}/auth/wechat/callback?code=`))
    await confirmOnPhone(phone, 'zhang-wei')
    await callback
    await page.getByText('Signed in as 张伟').waitFor()
    expect(page.url()).toBe(`${app.url}/`)
    await page.setViewportSize({ width: 480, height: 64 })
    await saveScreenshot(page, 'quick-start-signed-in')
  })
})
