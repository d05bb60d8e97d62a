import type { WechatUserAgentName } from '@wechat-qr-login/emulator'
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core'
import type { PlaygroundMode } from './fixtures'
import { DEMO_OFFICIAL_ACCOUNT, WECHAT_USER_AGENTS } from '@wechat-qr-login/emulator'
import { describe, expect, it } from 'vitest'
import { saveScreenshot } from './browser'
import { confirmOnPhone, eventLogged, expectLoggedIn, usePlayground } from './fixtures'

const playground = usePlayground()

/** Every mode of the playground: whichever the app chose, a phone gets the path of its place. */
const MODES: PlaygroundMode[] = ['embedded', 'embedded-top', 'embedded-official', 'new-window', 'redirect', 'front-end-callback']

/** A phone's screen, in a browser whose user agent is one of the emulator's fixtures. */
function phone(name: WechatUserAgentName): BrowserContextOptions {
  return { viewport: { width: 390, height: 844 }, userAgent: WECHAT_USER_AGENTS[name], isMobile: true, hasTouch: true }
}

/** Every URL the context requested, in order. */
function recordRequests(context: BrowserContext): string[] {
  const urls: string[] = []
  context.on('request', request => void urls.push(request.url()))
  return urls
}

const login = (page: Page) => page.getByTestId('wechat-qr-login')

/** The playground's `mode` in the same tab, once its login is on screen. */
async function showMode(page: Page, mode: PlaygroundMode): Promise<void> {
  await page.goto(`${playground.url}/#/mode/${mode}`)
  await page.locator(`[data-testid="login-stage"][data-mode="${mode}"]`).waitFor()
}

describe('logging in wherever the page is opened', () => {
  it('inside WeChat on a phone: a tap, WeChat\'s consent, back signed in with `success`; the same user by QR on a computer', async ({ task }) => {
    const { context, page } = await playground.openApp(task.name, 'embedded', { context: phone('wechatIos') })
    const requests = recordRequests(context)
    const authorizations = (): string[] => requests.filter(url => new URL(url).pathname.endsWith('/connect/oauth2/authorize'))

    // The button of the Official Account's login, live, and nothing started without the user.
    const button = page.locator('button.wechat-qr-login__button--open:not([disabled])')
    await button.waitFor()
    await eventLogged(page, 'ready')
    expect(await login(page).getAttribute('data-environment')).toBe('wechat-mobile')
    expect(await login(page).getAttribute('class')).toContain('wechat-qr-login--official-account')
    expect(await page.locator('iframe').count()).toBe(0)
    expect(requests.some(url => url.includes('/connect/qrconnect'))).toBe(false)
    expect(authorizations()).toEqual([])
    await saveScreenshot(page, 'in-wechat-button')

    // The tap: WeChat's authorization of the demo Official Account, then its consent page.
    const tappedAt = requests.length
    await button.tap()
    await page.getByRole('button', { name: '允许' }).click()

    // Back on the app's page: signed in, `success` fired, the session of the Official Account's login.
    const inWechat = await expectLoggedIn(page, '张伟')
    await eventLogged(page, 'success')
    // The tap's URL (WeChat then adds its own `connect_redirect=1` and loads it again).
    const authorization = new URL(authorizations()[0]!)
    expect(requests.indexOf(authorization.href)).toBeGreaterThanOrEqual(tappedAt)
    expect(Object.fromEntries(authorization.searchParams)).toMatchObject({ appid: DEMO_OFFICIAL_ACCOUNT.appid, scope: 'snsapi_userinfo', response_type: 'code' })
    expect(inWechat).toMatchObject({ authenticated: true, user: { flow: 'oa', appid: DEMO_OFFICIAL_ACCOUNT.appid, id: expect.stringMatching(/^o[\w-]{27}$/) } })

    // The same person at a computer, by QR: the same user (the unionid of one Open Platform account).
    const desktop = await playground.openApp(task.name, 'embedded')
    await confirmOnPhone(await playground.phonePage(desktop.page), 'zhang-wei')
    const byQr = await expectLoggedIn(desktop.page, '张伟')
    expect(byQr).toMatchObject({ user: { flow: 'qr' } })
    expect(byQr.authenticated && inWechat.authenticated && byQr.user.id).toBe(inWechat.authenticated && inWechat.user.id)
  })

  it('inside WeChat, no mode shows the computer\'s QR or opens the authorization without a tap', async ({ task }) => {
    const { context, page } = await playground.openApp(task.name, 'embedded', { context: phone('wechatAndroid') })
    const requests = recordRequests(context)
    for (const mode of MODES) {
      await showMode(page, mode)
      await page.locator('button.wechat-qr-login__button--open:not([disabled])').waitFor()
      expect(await login(page).getAttribute('data-environment'), mode).toBe('wechat-mobile')
      expect(await page.locator('iframe').count(), mode).toBe(0)
    }
    expect(requests.filter(url => /\/connect\/(?:qrconnect|oauth2\/authorize)/.test(url))).toEqual([])
  })

  it.each([
    ['wecomIos', 'wecom', 'WeChat login does not work in WeCom'],
    ['safariIos', 'mobile-browser', 'Open this page in WeChat'],
    ['chromeAndroid', 'mobile-browser', 'Open this page in WeChat'],
  ] as const)('%s gets the %s panel in every mode, never the QR', async (name, reason, title) => {
    const { context, page } = await playground.openApp(`${name} panel`, 'embedded', { context: phone(name) })
    const requests = recordRequests(context)
    for (const mode of MODES) {
      await showMode(page, mode)
      const panel = page.locator(`.wechat-qr-login__unavailable--${reason}`)
      await panel.waitFor()
      // In English: the playground follows the browser's en-US.
      expect(await panel.locator('.wechat-qr-login__title').textContent(), mode).toBe(title)
      expect(await panel.locator('button.wechat-qr-login__button--copy').count(), mode).toBe(1)
      expect(await page.locator('iframe').count(), mode).toBe(0)
      expect(await page.locator('button.wechat-qr-login__button--open').count(), mode).toBe(0)
    }
    await saveScreenshot(page, `panel-${name}`)
    // No login was prepared where none works.
    expect(requests.filter(url => /\/auth\/wechat\/state|\/connect\//.test(url))).toEqual([])
  })
})
