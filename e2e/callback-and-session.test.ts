import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { confirmOnPhone, eventLogged, expectLoggedIn, expectNoSession, usePlayground } from './fixtures'

describe('front-end callback route and the session in Chromium', () => {
  const playground = usePlayground()

  /** The state the page's login holds, once its server issued it (and its cookie). */
  async function pendingState(page: Page): Promise<string> {
    await page.locator('[data-testid="wechat-qr-login"][data-status="awaiting-scan"]').waitFor()
    return (await page.getByTestId('store-state').textContent())!.trim()
  }

  it('a hash-router app: WeChat returns to its root, whose callback page posts the code to /exchange', async ({ task }) => {
    const { page } = await playground.openApp(task.name, 'front-end-callback')
    await eventLogged(page, 'ready')
    await Promise.all([page.waitForURL(`${playground.emulatorUrl}/connect/qrconnect?**`), page.locator('.wechat-qr-login__button--open').click()])
    const phone = await playground.phonePage(page)
    const exchange = page.waitForRequest(request => request.method() === 'POST' && request.url() === `${playground.url}/auth/wechat/exchange`)
    const callback = page.waitForURL(`${playground.url}/?via=front-end-callback&code=*&state=*`)
    await confirmOnPhone(phone, 'zhang-wei')
    await callback
    await exchange

    await expectLoggedIn(page, '张伟')
    // Back where the login started, with no code or state left in the address.
    expect(page.url()).toBe(`${playground.url}/#/mode/front-end-callback`)
  })

  it.for([
    ['fast login put them before the hash route', (state: string, code: string) => `/?code=${code}&state=${state}/#/callback`],
    ['they are in the hash route\'s query', (state: string, code: string) => `/#/callback?code=${code}&state=${state}`],
  ] as const)('a hash-router callback completes when %s', async ([, callbackPath], { task }) => {
    const { page } = await playground.openApp(task.name, 'front-end-callback')
    const state = await pendingState(page)
    // The emulator has no fast login: the code is one the phone would have confirmed.
    const code = await playground.issueCode('alice')
    // Away and back, as WeChat's page would send the tab: a full load of the app.
    await page.goto('about:blank')

    await page.goto(`${playground.url}${callbackPath(state, code)}`)

    await expectLoggedIn(page, 'Alice Chen')
    expect(page.url()).toBe(`${playground.url}/#/mode/front-end-callback`)
  })

  it('the session survives a reload; logging out ends it for good', async ({ task }) => {
    const { context, page } = await playground.openApp(task.name, 'embedded')
    await confirmOnPhone(await playground.phonePage(page), 'bob')
    await expectLoggedIn(page, 'Bob')

    await page.reload()
    await expectLoggedIn(page, 'Bob')

    await page.getByTestId('logout-button').click()
    await page.getByTestId('profile').waitFor({ state: 'detached' })
    // Logged out, the page offers a new QR at once.
    await page.locator('[data-testid="wechat-qr-login"][data-status="awaiting-scan"]').waitFor()
    await expectNoSession(page)
    expect((await context.cookies(playground.url)).map(cookie => cookie.name)).not.toContain('wechat_session')

    await page.reload()
    await page.locator('[data-testid="wechat-qr-login"][data-status="awaiting-scan"]').waitFor()
    await expectNoSession(page)
  })
})
