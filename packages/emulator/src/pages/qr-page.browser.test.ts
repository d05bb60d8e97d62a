import type { AppServer } from '@wechat-qr-login/test-utils/app-server'
import type { Browser, Frame, Page } from 'playwright-core'
import type { EmulatorServer, WechatEmulator } from '../index'
import { launchChromium } from '@test/browser'
import { buildAuthorizeUrl, buildEmbedUrl, cssToHref } from '@wechat-qr-login/core'
import { startAppServer } from '@wechat-qr-login/test-utils/app-server'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createWechatEmulator, DEMO_APP } from '../index'

const { appid } = DEMO_APP

describe('QR page in Chromium', () => {
  let browser: Browser
  let emulator: WechatEmulator
  let server: EmulatorServer
  let app: AppServer
  let page: Page
  let cspViolations: string[]

  beforeAll(async () => {
    browser = await launchChromium()
    emulator = createWechatEmulator()
    server = await emulator.listen()
    app = await startAppServer()
  })

  beforeEach(async (context) => {
    emulator.reset()
    cspViolations = []
    page = await browser.newPage()
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text()))
        cspViolations.push(message.text())
    })
    context.onTestFinished(() => page.close())
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
    await app?.close()
  })

  async function qrFrame(): Promise<Frame> {
    const element = await page.waitForSelector('iframe')
    const frame = await element.contentFrame()
    await frame!.waitForSelector('.impowerBox .qrcode')
    return frame!
  }

  function onlySession(): string {
    const [session] = emulator.sessions()
    expect(emulator.sessions()).toHaveLength(1)
    return session!.uuid
  }

  it('wxLogin.js with self_redirect true navigates only the iframe to the callback', async () => {
    app.setPage(`<!DOCTYPE html><div id="login"></div>
<script src="${server.url}/connect/zh_CN/htmledition/js/wxLogin.js"></script>
<script>new WxLogin({ id: 'login', appid: '${appid}', scope: 'snsapi_login', redirect_uri: encodeURIComponent('${app.origin}/cb'), state: 'state_1', self_redirect: true })</script>`)
    await page.goto(app.origin)
    const frame = await qrFrame()
    const uuid = onlySession()
    expect(emulator.sessions()[0]).toMatchObject({ embedded: true, selfRedirect: true, redirectUri: `${app.origin}/cb` })

    emulator.scan(uuid)
    await frame.locator('#wx_after_scan').waitFor({ state: 'visible' })
    const { code } = emulator.confirm(uuid, 'alice')
    await frame.waitForURL(`${app.origin}/cb?code=${code}&state=state_1`)
    expect(page.url()).toBe(`${app.origin}/`)
    expect(cspViolations).toEqual([])
  })

  it('navigates the top window from an iframe sandboxed with allow-top-navigation', async () => {
    const src = buildEmbedUrl({ appid, redirectUri: `${app.origin}/cb?from=embed`, state: 'state_2', openBase: server.url })
    app.setPage(`<!DOCTYPE html><iframe sandbox="allow-scripts allow-same-origin allow-top-navigation" src="${src}" width="300" height="400"></iframe>`)
    await page.goto(app.origin)
    await qrFrame()
    const { code } = emulator.confirm(onlySession())
    await page.waitForURL(`${app.origin}/cb?from=embed&code=${code}&state=state_2`)
  })

  it('wxLogin.js without self_redirect navigates the top window', async () => {
    app.setPage(`<!DOCTYPE html><div id="login"></div>
<script src="${server.url}/connect/zh_CN/htmledition/js/wxLogin.js"></script>
<script>new WxLogin({ id: 'login', appid: '${appid}', scope: 'snsapi_login', redirect_uri: encodeURIComponent('${app.origin}/cb'), state: 'state_3' })</script>`)
    await page.goto(app.origin)
    await qrFrame()
    expect(emulator.sessions()[0]).toMatchObject({ selfRedirect: false, embedded: true })
    const { code } = emulator.confirm(onlySession())
    await page.waitForURL(`${app.origin}/cb?code=${code}&state=state_3`)
  })

  it('explains a blocked top navigation in the page', async () => {
    const src = buildEmbedUrl({ appid, redirectUri: `${app.origin}/cb`, state: 'state_3b', openBase: server.url })
    app.setPage(`<!DOCTYPE html><iframe sandbox="allow-scripts allow-same-origin" src="${src}" width="300" height="400"></iframe>`)
    await page.goto(app.origin)
    const frame = await qrFrame()
    emulator.confirm(onlySession())
    await frame.locator('#emulator_blocked').waitFor({ state: 'visible', timeout: 10_000 })
    expect(page.url()).toBe(`${app.origin}/`)
  })

  it('opens the phone page from its link in a new window', async () => {
    const src = buildEmbedUrl({ appid, redirectUri: `${app.origin}/cb`, state: 'state_3c', openBase: server.url })
    app.setPage(`<!DOCTYPE html><iframe src="${src}" width="300" height="400"></iframe>`)
    await page.goto(app.origin)
    const frame = await qrFrame()
    const [phone] = await Promise.all([page.context().waitForEvent('page'), frame.locator('#emulator_phone').click()])
    await phone.waitForURL(`${server.url}/connect/confirm?uuid=${onlySession()}`)
    await phone.close()
  })

  it('shows the phone page address where an iframe sandbox forbids new windows', async () => {
    const src = buildEmbedUrl({ appid, redirectUri: `${app.origin}/cb`, state: 'state_3d', openBase: server.url })
    app.setPage(`<!DOCTYPE html><iframe sandbox="allow-scripts allow-same-origin" src="${src}" width="300" height="400"></iframe>`)
    await page.goto(app.origin)
    const frame = await qrFrame()
    await frame.locator('#emulator_phone').click()
    const address = frame.locator('#emulator_phone_blocked input')
    await address.waitFor({ state: 'visible' })
    expect(await address.inputValue()).toBe(`${server.url}/connect/confirm?uuid=${onlySession()}`)
  })

  it('navigates itself in the redirect variant', async () => {
    await page.goto(buildAuthorizeUrl({ appid, redirectUri: `${app.origin}/cb`, state: 'state_4', openBase: server.url }))
    await page.locator('.impowerBox .qrcode').waitFor()
    const { code } = emulator.confirm(onlySession(), 'li-na')
    await page.waitForURL(`${app.origin}/cb?code=${code}&state=state_4`)
  })

  it('applies the href stylesheet, white text and English', async () => {
    const href = cssToHref('.impowerBox .title { display: none } .impowerBox .qrcode { width: 200px }')
    await page.goto(buildEmbedUrl({ appid, redirectUri: `${app.origin}/cb`, state: 'state_5', openBase: server.url, href, style: 'white', lang: 'en' }))
    const qrcode = page.locator('.impowerBox .qrcode')
    await qrcode.waitFor()
    expect(await page.locator('.impowerBox .title').isHidden()).toBe(true)
    expect(await qrcode.evaluate(element => getComputedStyle(element).width)).toBe('200px')
    expect(await page.locator('body').evaluate(element => getComputedStyle(element).color)).toBe('rgb(255, 255, 255)')
    expect(await page.locator('#wx_default_tip').textContent()).toContain('Scan the QR code with WeChat')
    expect(cspViolations).toEqual([])
  })

  it('ignores href with stylelite', async () => {
    const href = cssToHref('.impowerBox .title { display: none }')
    // Built by hand: buildEmbedUrl rightly warns about this combination.
    await page.goto(`${buildEmbedUrl({ appid, redirectUri: `${app.origin}/cb`, state: 'state_6', openBase: server.url, href })}&stylelite=1`)
    await page.locator('.impowerBox .qrcode').waitFor()
    expect(await page.locator('.impowerBox .title').isVisible()).toBe(true)
  })

  it('shows cancelled and expired states', async () => {
    await page.goto(buildEmbedUrl({ appid, redirectUri: `${app.origin}/cb`, state: 'state_7', openBase: server.url }))
    await page.locator('.impowerBox .qrcode').waitFor()
    const uuid = onlySession()
    emulator.cancel(uuid)
    await page.locator('#wx_after_cancel').waitFor({ state: 'visible' })
    emulator.expire(uuid)
    await page.locator('#wx_expired').waitFor({ state: 'visible' })
    expect(await page.locator('#wx_after_cancel').isHidden()).toBe(true)
  })

  describe('the emulator badge in the 300 × 400 iframe', () => {
    type Step = (uuid: string) => unknown
    const statuses: [string, Step][] = [
      ['wx_default_tip', () => {}],
      ['wx_after_scan', uuid => emulator.scan(uuid)],
      ['wx_after_cancel', uuid => emulator.cancel(uuid)],
      ['wx_expired', uuid => emulator.expire(uuid)],
      ['wx_confirmed', uuid => emulator.confirm(uuid)],
    ]

    /** The badge's box, and the visible boxes of WeChat's markup (and of its text lines) that it overlaps. */
    function measure(frame: Frame): Promise<{ badge: { top: number, bottom: number }, covered: string[] }> {
      return frame.evaluate(() => {
        const badge = document.querySelector('.emulator_badge')!.getBoundingClientRect()
        const overlaps = (box: DOMRect): boolean => box.width > 0 && box.height > 0
          && box.left < badge.right && badge.left < box.right && box.top < badge.bottom && badge.top < box.bottom
        const covered: string[] = []
        for (const element of document.querySelectorAll<HTMLElement>('.impowerBox, .impowerBox *')) {
          if (element.checkVisibility() && overlaps(element.getBoundingClientRect()))
            covered.push(`<${element.tagName.toLowerCase()} class="${element.className}">`)
        }
        const walker = document.createTreeWalker(document.querySelector('.impowerBox')!, NodeFilter.SHOW_TEXT)
        for (let text = walker.nextNode(); text; text = walker.nextNode()) {
          const range = document.createRange()
          range.selectNodeContents(text)
          if (text.parentElement!.checkVisibility() && [...range.getClientRects()].some(overlaps))
            covered.push(`"${text.textContent!.trim()}"`)
        }
        return { badge: { top: badge.top, bottom: badge.bottom }, covered }
      })
    }

    for (const lang of ['cn', 'en'] as const) {
      for (const [status, step] of statuses) {
        it(`covers nothing of the QR box (${lang}, ${status})`, async () => {
          const state = `badge_${lang}_${status}`
          const src = buildEmbedUrl({ appid, redirectUri: `${app.origin}/cb`, state, openBase: server.url, ...(lang === 'en' ? { lang } : {}) })
          // No allow-top-navigation: the confirmed page stays where it is, to be measured.
          app.setPage(`<!DOCTYPE html><iframe sandbox="allow-scripts allow-same-origin" src="${src}" width="300" height="400" frameborder="0" scrolling="no"></iframe>`)
          await page.goto(app.origin)
          const frame = await qrFrame()
          step(onlySession())
          await frame.locator(`#${status}`).waitFor({ state: 'visible' })
          const { badge, covered } = await measure(frame)
          expect(covered).toEqual([])
          if (status === 'wx_default_tip')
            expect(badge.bottom).toBeLessThanOrEqual(400)
        })
      }
    }
  })

  it('logs in through the phone page as a new user', async () => {
    await page.goto(buildAuthorizeUrl({ appid, redirectUri: `${app.origin}/cb`, state: 'state_8', openBase: server.url }))
    const phoneLink = page.locator('.emulator_badge a')
    await phoneLink.waitFor()
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } })
    await phone.goto(new URL(await phoneLink.getAttribute('href') as string, server.url).href)
    await page.locator('#wx_after_scan').waitFor({ state: 'visible' })

    await phone.getByLabel('新用户 · New user').check()
    await phone.getByLabel('昵称 · Nickname').fill('王芳 <b>')
    await phone.getByLabel('头像 · Avatar').selectOption('none')
    await phone.getByRole('button', { name: '允许 · Allow' }).click()
    await phone.locator('[data-result="confirmed"]').waitFor()
    await phone.close()

    await page.waitForURL(/\/cb\?code=\w{32}&state=state_8$/)
    const [session] = emulator.sessions()
    const user = emulator.users().find(candidate => candidate.id === session!.userId)
    expect(user).toMatchObject({ nickname: '王芳 <b>', avatar: '', unionid: true })
  })
})
