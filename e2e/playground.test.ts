import type { OfficialAccountState } from '@wechat-qr-login/test-utils/in-wechat'
import type { BrowserContext, Page } from 'playwright-core'
import type { Plugin } from 'vite'
import { officialAccountAuthorizeUrl } from '@wechat-qr-login/test-utils/in-wechat'
import { describe, expect, it } from 'vitest'
import { confirmOnPhone, eventLogged, expectLoggedIn, qrFrame, qrUuid, usePlayground } from './fixtures'

/** What the dev server answered, path by path: the browser's own favicon requests included, which Playwright does not report. */
const answered: { path: string, status: number }[] = []
const recordAnswers: Plugin = {
  name: 'e2e:record-answers',
  // Before the plugin's auth and emulator routes, which answer without calling `next()`.
  enforce: 'pre',
  configureServer(server) {
    server.middlewares.use((request, response, next) => {
      response.on('finish', () => answered.push({ path: request.url ?? '', status: response.statusCode }))
      next()
    })
  },
}

/** The playground's own behaviour, around the logins the other files test. */
describe('the playground in Chromium', () => {
  const playground = usePlayground({ config: { plugins: [recordAnswers] } })

  async function newWindowLogin(context: BrowserContext, page: Page): Promise<void> {
    await eventLogged(page, 'ready')
    const [popup] = await Promise.all([context.waitForEvent('page'), page.locator('.wechat-qr-login__button--open').click()])
    await popup.locator('.impowerBox .qrcode').waitFor()
    const closed = popup.waitForEvent('close')
    await confirmOnPhone(await playground.phonePage(popup), 'bob')
    await closed
    await expectLoggedIn(page, 'Bob')
  }

  async function signedInVia(page: Page): Promise<{ mode: string | null, text: string }> {
    const via = page.getByTestId('profile-via')
    await via.waitFor()
    return { mode: await via.getAttribute('data-mode'), text: (await via.textContent())!.trim() }
  }

  it('"Signed in · via" names the mode the login used, and the cards wait for a logout', async ({ task }) => {
    const { context, page } = await playground.openApp(task.name, 'new-window')
    await newWindowLogin(context, page)
    expect(await signedInVia(page)).toEqual({ mode: 'new-window', text: '✓ Signed in · via New window' })

    // "Log out to try another mode": no card can be picked meanwhile.
    const cards = page.locator('[data-testid^="mode-card-"]')
    expect(await cards.count()).toBe(6)
    for (const card of await cards.all())
      expect(await card.isDisabled()).toBe(true)

    // Another mode in the address (the back button, a bookmark), then a reload: the profile still
    // names the mode that signed the user in.
    await page.goto(`${playground.url}/#/mode/redirect`)
    expect(await signedInVia(page)).toMatchObject({ mode: 'new-window' })
    await page.reload()
    await expectLoggedIn(page, 'Bob')
    expect(await signedInVia(page)).toMatchObject({ mode: 'new-window' })

    // A new tab restores the session without knowing how it was opened, and says so.
    const tab = await context.newPage()
    await tab.goto(`${playground.url}/#/mode/embedded`)
    await expectLoggedIn(tab, 'Bob')
    expect(await signedInVia(tab)).toEqual({ mode: null, text: '✓ Signed in · session restored' })
    await tab.close()

    await page.getByTestId('logout-button').click()
    await page.getByTestId('profile').waitFor({ state: 'detached' })
    for (const card of await cards.all())
      expect(await card.isDisabled()).toBe(false)
    await page.getByTestId('mode-card-embedded').click()
    await page.locator('[data-testid="login-stage"][data-mode="embedded"]').waitFor()
    expect(await page.getByTestId('mode-card-embedded').getAttribute('aria-pressed')).toBe('true')
  })

  it('an expired QR leaves the phone panel: no old QR, no phone link, until the refreshed one shows', async ({ task }) => {
    const { page } = await playground.openApp(task.name, 'embedded', {
      search: '?qrLifetime=60',
      // The page's timers, on a clock that runs as usual until the test moves it on.
      init: context => context.clock.install(),
    })
    const phoneLink = (uuid: string) => page.locator(`[data-testid="phone-page-link"][href$="uuid=${encodeURIComponent(uuid)}"]`)
    const first = await qrUuid(await qrFrame(page))
    await phoneLink(first).waitFor()

    await page.clock.runFor(60_000)
    await eventLogged(page, 'expired')

    // The emulator would still accept that QR: a phone page opened from here would say "allowed"
    // while the app stays expired.
    await page.getByTestId('phone-page-link').waitFor({ state: 'detached' })
    expect(await page.getByTestId('phone-qr').count()).toBe(0)
    expect(await page.getByTestId('header-phone-link').getAttribute('aria-disabled')).toBe('true')
    expect(await page.getByTestId('header-phone-link').getAttribute('href')).toBeNull()
    await page.getByTestId('phone-expired').waitFor()

    await page.locator('.wechat-qr-login__button--refresh').click()
    const uuid = await qrUuid(await qrFrame(page))
    expect(uuid).not.toBe(first)
    await phoneLink(uuid).waitFor()
  })

  it('each language names only what its page shows, and the playground has one Chinese name', async ({ task }) => {
    const { page } = await playground.openApp(task.name, 'embedded')
    await eventLogged(page, 'ready')
    const hint = page.locator('.stage__hint')
    // The QR page is in English too: its link says "Open the phone page", not "打开手机页".
    expect(await (await qrFrame(page)).locator('.emulator_badge a').textContent()).toBe('Open the phone page')
    expect(await hint.textContent()).toContain('Open the phone page')
    expect(await hint.textContent()).not.toMatch(/\p{Script=Han}/u)

    await page.getByTestId('lang-toggle').click()
    await page.locator('[data-testid="wechat-qr-login"][data-status="awaiting-scan"]').waitFor()
    expect(await (await qrFrame(page)).locator('.emulator_badge a').textContent()).toBe('打开手机页')
    expect(await hint.textContent()).toContain('打开手机页')
    expect(await page.locator('.brand__subtitle').textContent()).toBe('演练场')
  })

  it('?environment=wechat-mobile is the one step that makes this desktop browser WeChat to the emulator\'s Official Account', async ({ task }) => {
    const { context, page } = await playground.openApp(task.name, 'embedded', { search: '?environment=wechat-mobile' })
    expect(await page.getByTestId('environment-picker').inputValue()).toBe('wechat-mobile')
    const userAgentCookie = async (path: string): Promise<unknown[]> => (await context.cookies(`${playground.url}${path}`)).filter(cookie => cookie.name === 'wechat_emulator_ua')
    expect(await userAgentCookie('/__wechat-emulator/')).toEqual([expect.objectContaining({ value: 'wechatIos', path: '/__wechat-emulator' })])
    expect(await userAgentCookie('/')).toEqual([])

    // What the component does on a tap inside WeChat: a state of the Official Account, then its authorization.
    const ticket = await page.evaluate(async () => (await fetch('/auth/wechat/state?flow=oa&scope=snsapi_userinfo&return_to=%2F')).json()) as OfficialAccountState
    await page.goto(officialAccountAuthorizeUrl(ticket))
    await page.getByRole('button', { name: '允许' }).click()
    await expectLoggedIn(page, '张伟')

    // Back to "this browser (detected)": the emulator sees Chromium again.
    await page.getByTestId('environment-picker').selectOption('')
    await page.waitForURL(url => !url.search.includes('environment'))
    expect(await userAgentCookie('/__wechat-emulator/')).toEqual([])
  })

  it('every page on the app\'s origin gets a favicon, no 404', async ({ task }) => {
    const { context, page } = await playground.openApp(task.name, 'embedded')
    const icon = await page.locator('link[rel="icon"]').first().getAttribute('href')
    const declared = await fetch(new URL(icon!, playground.url))
    expect(declared.status).toBe(200)
    expect(declared.headers.get('content-type')).toMatch(/^image\//)

    // The emulator's phone page, as a phone opens it through the tunnel, carries its own icon.
    const uuid = await qrUuid(await qrFrame(page))
    answered.length = 0
    const phone = await context.newPage()
    await phone.goto(`${playground.url}/__wechat-emulator/connect/confirm?uuid=${encodeURIComponent(uuid)}`)
    await phone.getByRole('button', { name: '允许 · Allow' }).waitFor()
    expect(await phone.locator('link[rel="icon"]').getAttribute('href')).toMatch(/^data:image\/svg\+xml,/)
    // A page without an icon of its own on this origin (the callback's relay page) gets /favicon.ico.
    const fallback = await fetch(new URL('/favicon.ico', playground.url))
    expect(fallback.status).toBe(200)
    expect(answered.filter(answer => answer.path === '/favicon.ico' && answer.status !== 200 && answer.status !== 304)).toEqual([])
  })
})
