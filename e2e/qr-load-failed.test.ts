import type { Route } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { eventLogged, qrFrame, shownError, usePlayground } from './fixtures'

/**
 * WeChat unreachable from the user's network, in Chromium: the connection to WeChat's (here the
 * emulator's) QR page hangs, as behind a firewall that drops it. The embedded login shows its
 * error state after `loadTimeout` instead of an empty frame, and its retry brings a QR back.
 */
describe('the embedded QR when WeChat\'s page does not load', () => {
  const playground = usePlayground()

  it('shows QR_LOAD_FAILED with a retry, and the retry shows a QR once WeChat answers', async ({ task }) => {
    const hanging: Route[] = []
    const { context, page } = await playground.openApp(task.name, 'embedded', {
      // The page's timers, on a clock that runs as usual until the test moves it on.
      init: async (context) => {
        await context.clock.install()
        await context.route(`${playground.emulatorUrl}/connect/qrconnect?**`, route => void hanging.push(route))
      },
    })
    await page.locator('iframe.wechat-qr-login__frame').waitFor()
    await expect.poll(() => hanging.length).toBe(1)

    await page.clock.runFor(10_000)
    expect(await shownError(page)).toBe('QR_LOAD_FAILED')
    await eventLogged(page, 'error')
    expect(await page.locator('.wechat-qr-login__status').textContent()).toBe('WeChat\'s QR code could not be loaded. Check your connection and try again.')
    expect(await page.locator('iframe.wechat-qr-login__frame').count()).toBe(0)

    await context.unroute(`${playground.emulatorUrl}/connect/qrconnect?**`)
    await page.locator('.wechat-qr-login__button--retry').click()
    await qrFrame(page)
    await eventLogged(page, 'ready')
    await page.clock.runFor(10_000)
    expect(await page.locator('[data-testid="wechat-qr-login"]').getAttribute('data-status')).toBe('awaiting-scan')
  })
})
