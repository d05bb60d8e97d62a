import type { AppServer } from '@wechat-qr-login/test-utils/app-server'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { EmulatorServer, WechatEmulator } from '../index'
import { launchChromium } from '@test/browser'
import { startAppServer } from '@wechat-qr-login/test-utils/app-server'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createWechatEmulator, DEMO_OFFICIAL_ACCOUNT, WECHAT_USER_AGENTS } from '../index'

describe('official Account authorization in Chromium', () => {
  let browser: Browser
  let emulator: WechatEmulator
  let server: EmulatorServer
  let app: AppServer
  let context: BrowserContext
  let page: Page
  let cspViolations: string[]

  beforeAll(async () => {
    browser = await launchChromium()
    app = await startAppServer()
    // A test account on the app's host and port, as a developer registers it for a dev server.
    emulator = createWechatEmulator({ officialAccounts: [{ ...DEMO_OFFICIAL_ACCOUNT, webAuthDomain: [new URL(app.origin).host], followers: [...DEMO_OFFICIAL_ACCOUNT.followers] }] })
    server = await emulator.listen()
  })

  async function openPhone(userAgent: string): Promise<void> {
    context = await browser.newContext({ userAgent, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
    page = await context.newPage()
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text()))
        cspViolations.push(message.text())
    })
  }

  beforeEach((test) => {
    emulator.reset()
    cspViolations = []
    test.onTestFinished(() => context?.close())
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
    await app?.close()
  })

  function showLoginLink(state: string): void {
    const link = `${server.url}/connect/oauth2/authorize?${new URLSearchParams({ appid: DEMO_OFFICIAL_ACCOUNT.appid, redirect_uri: `${app.origin}/cb`, response_type: 'code', scope: 'snsapi_userinfo', state })}#wechat_redirect`
    app.setPage(`<!DOCTYPE html><title>app</title><a id="login" href="${link}">微信登录</a>`)
  }

  it('asks on the consent page, and 允许 lands on the callback with a code', async () => {
    await openPhone(WECHAT_USER_AGENTS.wechatIos)
    showLoginLink('Tap1')
    await page.goto(app.origin)
    await page.getByRole('link', { name: '微信登录' }).tap()
    await page.getByRole('button', { name: '允许' }).waitFor()
    expect(await page.locator('h1').textContent()).toBe(DEMO_OFFICIAL_ACCOUNT.name)
    await page.getByRole('button', { name: '允许' }).tap()
    await page.waitForURL(/\/cb\?code=\w{32}&state=Tap1$/)
    expect(emulator.authorizations()).toEqual([expect.objectContaining({ status: 'allowed', userId: 'zhang-wei' })])
    expect(cspViolations).toEqual([])
  })

  it('goes back to the page that started the flow on 拒绝: no redirect', async () => {
    await openPhone(WECHAT_USER_AGENTS.wechatAndroid)
    showLoginLink('Tap2')
    await page.goto(app.origin)
    await page.getByRole('link', { name: '微信登录' }).tap()
    await page.getByRole('button', { name: '拒绝' }).tap()
    await page.waitForURL(`${app.origin}/`)
    await page.locator('#login').waitFor()
    expect(emulator.authorizations()).toEqual([expect.objectContaining({ status: 'denied' })])
    expect(emulator.codes()).toEqual([])
    expect(cspViolations).toEqual([])
  })

  it('shows 「请在微信客户端打开链接」 in a desktop browser', async () => {
    await openPhone(WECHAT_USER_AGENTS.chromeWindows)
    showLoginLink('Desk')
    await page.goto(app.origin)
    await page.locator('#login').click()
    await page.getByText('请在微信客户端打开链接').waitFor()
    expect(await page.title()).toBe('抱歉，出错了')
    expect(emulator.authorizations()).toEqual([])
  })
})
