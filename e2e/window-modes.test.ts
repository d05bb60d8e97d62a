import type { BrowserContext, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { saveScreenshot } from './browser'
import { confirmOnPhone, eventLogged, expectLoggedIn, expectNoSession, saveStageScreenshot, shownError, usePlayground } from './fixtures'
import { readMarker, setMarker } from './page-marker'

const OPEN_BUTTON = '.wechat-qr-login__button--open'

describe('new window and redirect modes in Chromium', () => {
  const playground = usePlayground()

  /** Clicks the login button and returns the popup it opened, once WeChat's (the emulator's) QR shows in it. */
  async function openPopup(context: BrowserContext, page: Page): Promise<Page> {
    const [popup] = await Promise.all([context.waitForEvent('page'), page.locator(OPEN_BUTTON).click()])
    await popup.locator('.impowerBox .qrcode').waitFor()
    expect(popup.url().startsWith(`${playground.emulatorUrl}/connect/qrconnect?`)).toBe(true)
    return popup
  }

  it('new window: the popup opens, the phone confirms, the popup closes and the opener is logged in', async ({ task }) => {
    const { context, page } = await playground.openApp(task.name, 'new-window')
    await eventLogged(page, 'ready')
    await saveStageScreenshot(page, 'new-window-button')
    const before = page.url()
    await setMarker(page)

    const popup = await openPopup(context, page)
    await page.locator('.wechat-qr-login__status:not(:empty)').waitFor()
    await saveScreenshot(popup, 'new-window-popup')
    const phone = await playground.phonePage(popup)
    const closed = popup.waitForEvent('close')
    await confirmOnPhone(phone, 'bob')
    await closed

    await expectLoggedIn(page, 'Bob')
    expect(await readMarker(page)).toBe(1)
    expect(page.url()).toBe(before)
    expect(context.pages()).toEqual([page])
  })

  it('new window: closing the popup cancels, and the login can be opened again', async ({ task }) => {
    const { context, page } = await playground.openApp(task.name, 'new-window')
    await eventLogged(page, 'ready')
    const popup = await openPopup(context, page)

    await popup.close()

    await eventLogged(page, 'cancel')
    await page.locator('[data-testid="wechat-qr-login"][data-status="cancelled"]').waitFor()
    expect(await page.locator('.wechat-qr-login__status').textContent()).not.toBe('')
    await expectNoSession(page)
    await saveStageScreenshot(page, 'new-window-cancelled')

    // The state is still good: the button opens the same login again.
    const again = await openPopup(context, page)
    const closed = again.waitForEvent('close')
    await confirmOnPhone(await playground.phonePage(again), 'alice')
    await closed
    await expectLoggedIn(page, 'Alice Chen')
  })

  it('new window: a blocked popup offers the same login in this tab, which completes', async ({ task }) => {
    const { page } = await playground.openApp(task.name, 'new-window', {
      // A popup blocker makes window.open() return null: that is all a page ever sees of it.
      // (Chromium itself allows this popup, since a click is user activation.) Only the app is
      // blocked: the emulator's QR page still opens its phone page, as a desktop user would.
      init: context => context.addInitScript((appOrigin) => {
        if (location.origin === appOrigin)
          window.open = () => null
      }, playground.url),
    })
    await eventLogged(page, 'ready')
    await page.locator(OPEN_BUTTON).click()

    expect(await shownError(page)).toBe('POPUP_BLOCKED')
    await eventLogged(page, 'error')
    const sameTab = page.locator('.wechat-qr-login__button--same-tab')
    await sameTab.waitFor()
    await saveStageScreenshot(page, 'popup-blocked')

    await Promise.all([page.waitForURL(`${playground.emulatorUrl}/connect/qrconnect?**`), sameTab.click()])
    await page.locator('.impowerBox .qrcode').waitFor()
    await confirmOnPhone(await playground.phonePage(page), 'zhang-wei')

    await page.waitForURL(`${playground.url}/#/mode/new-window`)
    await expectLoggedIn(page, '张伟')
  })

  it('redirect: the tab goes to WeChat and comes back to the return path, logged in', async ({ task }) => {
    const { page } = await playground.openApp(task.name, 'redirect')
    await eventLogged(page, 'ready')
    const returnPath = page.url()
    await setMarker(page)

    await Promise.all([page.waitForURL(`${playground.emulatorUrl}/connect/qrconnect?**`), page.locator(OPEN_BUTTON).click()])
    await page.locator('.impowerBox .qrcode').waitFor()
    await saveScreenshot(page, 'redirect-qr-page')
    const phone = await playground.phonePage(page)
    const callback = page.waitForRequest(request => request.isNavigationRequest() && request.url().startsWith(`${playground.url}/auth/wechat/callback?code=`))
    await confirmOnPhone(phone, 'li-na')
    await callback

    await page.waitForURL(returnPath)
    await expectLoggedIn(page, '李娜 🐼')
    expect(await readMarker(page)).toBeUndefined()
  })
})
