import type { Listening } from '@wechat-qr-login/test-utils/listen'
import type { Browser, Page } from 'playwright-core'
import { launchChromium } from '@test/browser'
import { qrQuery } from '@wechat-qr-login/test-utils/emulator'
import { listen } from '@wechat-qr-login/test-utils/listen'
import { toNodeHandler } from 'srvx/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createWechatEmulator, DEMO_OFFICIAL_ACCOUNT, WECHAT_USER_AGENTS } from '../index'

describe('the emulator\'s icon in Chromium', () => {
  let browser: Browser
  let served: Listening
  /** `host/path` of every request the emulator answered. */
  const asked: string[] = []

  beforeAll(async () => {
    browser = await launchChromium()
    const emulator = createWechatEmulator()
    served = await listen(toNodeHandler((request: Request) => {
      const url = new URL(request.url)
      asked.push(`${url.host}${url.pathname}`)
      return emulator.fetch(request)
    }) as never)
  })

  afterAll(async () => {
    await browser?.close()
    await served?.close()
  })

  async function open(page: Page, path: string, ready: (page: Page) => Promise<unknown>): Promise<void> {
    await page.goto(`${served.url}${path}`)
    await ready(page)
    expect(await page.locator('link[rel="icon"]').getAttribute('href')).toMatch(/^data:image\/svg\+xml,/)
  }

  it('is declared inline by every page, so the browser asks for no /favicon.ico', async () => {
    const context = await browser.newContext({ userAgent: WECHAT_USER_AGENTS.wechatAndroid })
    const page = await context.newPage()
    await open(page, `/connect/qrconnect?${qrQuery()}`, page => page.locator('.impowerBox .qrcode').waitFor())
    const uuid = new URL((await page.locator('.emulator_badge a').getAttribute('href'))!, served.url).searchParams.get('uuid')
    await open(page, `/connect/confirm?uuid=${uuid}`, page => page.getByRole('button', { name: '允许 · Allow' }).waitFor())
    await open(page, '/connect/qrconnect?appid=wx0000000000000000', page => page.getByText('AppID 参数错误').first().waitFor())
    const authorize = new URLSearchParams({ appid: DEMO_OFFICIAL_ACCOUNT.appid, redirect_uri: 'http://localhost/cb', response_type: 'code', scope: 'snsapi_userinfo', state: 'S' })
    await open(page, `/connect/oauth2/authorize?${authorize}`, page => page.getByRole('button', { name: '允许' }).waitFor())

    // A plain-text page on the emulator's other name: the browser asks that origin for /favicon.ico,
    // after it has fetched the icons of the pages before.
    const port = new URL(served.url).port
    const text = await page.goto(`http://localhost:${port}/`)
    expect(await text?.text()).toContain('WeChat emulator')
    await expect.poll(() => asked).toContain(`localhost:${port}/favicon.ico`)
    expect(asked.filter(entry => entry.startsWith('127.0.0.1') && entry.endsWith('/favicon.ico'))).toEqual([])
    expect((await fetch(`${served.url}/favicon.ico`)).headers.get('content-type')).toBe('image/svg+xml')
    await context.close()
  })
})
