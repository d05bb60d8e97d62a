import { describe, expect, it } from 'vitest'
import { saveScreenshot } from './browser'
import { confirmOnPhone, eventLogged, expectLoggedIn, qrFrame, saveStageScreenshot, usePlayground } from './fixtures'
import { readMarker, setMarker } from './page-marker'

describe('embedded QR in Chromium', () => {
  const playground = usePlayground()

  it('self_redirect: true: the phone confirms and the app logs in without a reload', async ({ task }) => {
    const { context, page } = await playground.openApp(task.name, 'embedded')
    const frame = await qrFrame(page)
    // WeChat's page is another site than the app, as open.weixin.qq.com is.
    expect(new URL(frame.url()).origin).toBe(playground.emulatorUrl)
    expect(new URL(playground.emulatorUrl).hostname).toBe('127.0.0.1')
    expect(new URL(page.url()).hostname).toBe('localhost')
    await eventLogged(page, 'ready')
    const phoneLink = page.getByTestId('phone-page-link')
    await phoneLink.waitFor()
    // The hint names the button that opens the phone page on this computer.
    expect(await page.locator('.stage__hint').textContent()).toContain((await phoneLink.textContent())!.replace('↗', '').trim())
    await saveStageScreenshot(page, 'embedded-ready')
    const phone = await playground.phonePage(page)
    await saveScreenshot(phone, 'phone-page', { fullPage: true })

    const before = page.url()
    await setMarker(page)
    await confirmOnPhone(phone, 'zhang-wei')

    await expectLoggedIn(page, '张伟')
    await eventLogged(page, 'success')
    expect(await readMarker(page)).toBe(1)
    expect(page.url()).toBe(before)
    await saveStageScreenshot(page, 'logged-in')

    // The callback ran in WeChat's cross-site iframe, which may only set `SameSite=None` cookies:
    // its pending session was handed over as the regular `Lax` one, and the state cookie is gone.
    const cookies = await context.cookies(playground.url)
    expect(cookies.map(cookie => cookie.name)).toEqual(['wechat_session'])
    expect(cookies[0]).toMatchObject({ httpOnly: true, sameSite: 'Lax' })
  })

  it('self_redirect: false: WeChat navigates the whole tab, which comes back logged in', async ({ task }) => {
    const { page } = await playground.openApp(task.name, 'embedded-top')
    await qrFrame(page)
    const phone = await playground.phonePage(page)
    const returnPath = page.url()
    await setMarker(page)

    const callback = page.waitForRequest(request => request.isNavigationRequest() && request.frame() === page.mainFrame() && request.url().startsWith(`${playground.url}/auth/wechat/callback?code=`))
    await confirmOnPhone(phone, 'alice')
    await callback

    await expectLoggedIn(page, 'Alice Chen')
    expect(await readMarker(page)).toBeUndefined()
    expect(page.url()).toBe(returnPath)
  })

  it('the official loader: WeChat\'s wxLogin.js (the emulator\'s) builds the iframe', async ({ task }) => {
    // In Chinese, so WeChat's page is in Chinese too.
    const { page } = await playground.openApp(task.name, 'embedded-official', { context: { locale: 'zh-CN' } })
    const frame = await qrFrame(page)
    expect(new URL(frame.url()).origin).toBe(playground.emulatorUrl)
    expect(await frame.locator('.impowerBox .title').textContent()).toBe('微信登录')
    await page.getByTestId('phone-page-link').waitFor()
    await saveStageScreenshot(page, 'embedded-ready-zh')
    expect(await page.locator(`script[src="${playground.emulatorUrl}/connect/zh_CN/htmledition/js/wxLogin.js"]`).count()).toBe(1)
    const phone = await playground.phonePage(page)
    const before = page.url()
    await setMarker(page)

    await confirmOnPhone(phone, 'li-na')

    const session = await expectLoggedIn(page, '李娜 🐼')
    // 李娜 has no unionid: her id is the app's openid.
    expect(session.authenticated && session.user.id).toMatch(/^openid:/)
    expect(await readMarker(page)).toBe(1)
    expect(page.url()).toBe(before)
  })
})
