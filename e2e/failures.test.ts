import type { EmulatorCode } from '@wechat-qr-login/emulator'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { confirmOnPhone, denyOnPhone, eventLogged, expectLoggedIn, expectNoSession, qrFrame, qrUuid, saveStageScreenshot, shownError, usePlayground } from './fixtures'

describe('failed and refused logins in Chromium', () => {
  const playground = usePlayground()

  async function codeInfo(code: string): Promise<EmulatorCode | undefined> {
    const codes = await (await fetch(`${playground.emulatorUrl}/__emulator/codes`)).json() as EmulatorCode[]
    return codes.find(candidate => candidate.code === code)
  }

  /** Logs in through the redirect mode and returns the callback URL WeChat sent the tab to. */
  async function redirectLogin(page: Page): Promise<URL> {
    await eventLogged(page, 'ready')
    await Promise.all([page.waitForURL(`${playground.emulatorUrl}/connect/qrconnect?**`), page.locator('.wechat-qr-login__button--open').click()])
    const phone = await playground.phonePage(page)
    const callback = page.waitForRequest(request => request.isNavigationRequest() && request.url().startsWith(`${playground.url}/auth/wechat/callback?code=`))
    await confirmOnPhone(phone, 'zhang-wei')
    const url = new URL((await callback).url())
    await expectLoggedIn(page, '张伟')
    return url
  }

  async function logOut(page: Page): Promise<void> {
    await page.getByTestId('logout-button').click()
    await page.getByTestId('profile').waitFor({ state: 'detached' })
    await expectNoSession(page)
  }

  it('the user denies on the phone: WeChat\'s page says so and no session opens', async ({ task }) => {
    const { page } = await playground.openApp(task.name, 'embedded')
    const frame = await qrFrame(page)
    const uuid = await qrUuid(frame)
    const phone = await playground.phonePage(page)
    // Opening the phone page is the scan.
    await frame.locator('#wx_after_scan').waitFor()

    await denyOnPhone(phone)

    const cancelled = frame.locator('#wx_after_cancel')
    await cancelled.waitFor()
    expect(await cancelled.textContent()).toMatch(/cancel/i)
    // The playground's phone panel follows the QR's status.
    await page.locator('[data-testid="phone-qr-status"][data-status="cancelled"]').waitFor()
    await saveStageScreenshot(page, 'phone-denied')
    const session = (await playground.sessions()).find(candidate => candidate.uuid === uuid)
    expect(session).toMatchObject({ status: 'cancelled' })
    expect(session).not.toHaveProperty('code')
    expect(await page.getByTestId('store-status').getAttribute('data-status')).toBe('awaiting-scan')
    expect(await page.locator('[data-testid="event-log"] li[data-event="success"]').count()).toBe(0)
    await expectNoSession(page)
  })

  it('the QR expires: the expired state shows, and its refresh gives a QR that logs in', async ({ task }) => {
    const { page, context } = await playground.openApp(task.name, 'embedded', {
      search: '?qrLifetime=2',
      // The page's timers, on a clock that runs as usual until it is paused below.
      init: context => context.clock.install(),
    })
    const first = await qrUuid(await qrFrame(page))
    const firstState = (await page.getByTestId('store-state').textContent())!.trim()

    const refresh = page.locator('.wechat-qr-login__button--refresh')
    await refresh.waitFor()
    await eventLogged(page, 'expired')
    expect(await page.getByTestId('store-status').getAttribute('data-status')).toBe('expired')
    expect(await page.locator('iframe').count()).toBe(0)
    await saveStageScreenshot(page, 'embedded-expired')

    // The new QR lives 2 s as well: the page's clock stands still while the phone confirms, so
    // that the test proves the QR works, not how fast this machine is.
    await page.clock.pauseAt(await page.evaluate(() => Date.now()) + 5000)
    await refresh.click()
    const uuid = await qrUuid(await qrFrame(page))
    expect(uuid).not.toBe(first)
    expect((await page.getByTestId('store-state').textContent())!.trim()).not.toBe(firstState)

    // The playground's panel looks for the new QR on a timer, which stands still too.
    await confirmOnPhone(await playground.phonePageOf(context, uuid), 'alice')
    await expectLoggedIn(page, 'Alice Chen')
  })

  it('a forged state: the error shows, the code is not used, no session opens', async ({ task }) => {
    const { page } = await playground.openApp(task.name, 'embedded')
    const code = await playground.issueCode('alice')

    await page.goto(`${playground.url}/auth/wechat/callback?code=${code}&state=forged`)

    expect(await shownError(page)).toBe('STATE_MISMATCH')
    await eventLogged(page, 'error')
    // The server's error code came back in the address and was removed from it.
    expect(page.url()).toBe(`${playground.url}/`)
    await saveStageScreenshot(page, 'error-state')
    await expectNoSession(page)
    expect(await codeInfo(code)).toMatchObject({ used: false })
  })

  it('a replayed callback URL: after a logout the same URL logs nobody in', async ({ task }) => {
    const { page } = await playground.openApp(task.name, 'redirect')
    const callback = await redirectLogin(page)
    await logOut(page)

    await page.goto(callback.href)

    expect(await shownError(page)).toBe('STATE_MISMATCH')
    await expectNoSession(page)
  })

  it('a replayed code: with a fresh state of this browser, WeChat refuses the used code', async ({ task }) => {
    const { page } = await playground.openApp(task.name, 'redirect')
    const used = (await redirectLogin(page)).searchParams.get('code')!
    expect(await codeInfo(used)).toMatchObject({ used: true })
    await logOut(page)
    // After the logout the login starts again: a new state, and its cookie in this browser.
    await page.locator('[data-testid="wechat-qr-login"][data-status="awaiting-scan"]').waitFor()
    const state = (await page.getByTestId('store-state').textContent())!.trim()

    await page.goto(`${playground.url}/auth/wechat/callback?code=${used}&state=${state}`)

    // WeChat answers 40163 (code been used); the server reports its API error code.
    expect(await shownError(page)).toBe('WECHAT_API_ERROR')
    expect(page.url()).toBe(`${playground.url}/#/mode/redirect`)
    await expectNoSession(page)
  })
})
