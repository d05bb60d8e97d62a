import type { WechatUserAgentName } from '@wechat-qr-login/emulator'
import type { WechatEnvironment } from './environment'
import { WECHAT_USER_AGENTS } from '@wechat-qr-login/emulator'
import { describe, expect, it } from 'vitest'
import { detectWechatEnvironment, isWechatEnvironment, WECHAT_ENVIRONMENTS } from './environment'

/** Where each of the emulator's captured user agents is (wechat-oa-spec §2.2, §7). */
const EXPECTED: Record<WechatUserAgentName, WechatEnvironment> = {
  wechatIos: 'wechat-mobile',
  wechatAndroid: 'wechat-mobile',
  wechatWindows: 'wechat-desktop',
  wechatMac: 'wechat-desktop',
  wechatMacUnified: 'wechat-desktop',
  miniProgramAndroid: 'miniprogram',
  miniProgramWindows: 'miniprogram',
  wecomIos: 'wecom',
  wecomWindows: 'wecom',
  wechatDevtools: 'wechat-mobile',
  chromeWindows: 'desktop-browser',
  safariMac: 'desktop-browser',
  safariIos: 'mobile-browser',
  chromeAndroid: 'mobile-browser',
}

describe('detectWechatEnvironment', () => {
  it('has an expectation for every user agent the emulator ships', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(WECHAT_USER_AGENTS).sort())
  })

  it.each(Object.entries(WECHAT_USER_AGENTS))('places %s', (name, userAgent) => {
    expect(detectWechatEnvironment(userAgent)).toBe(EXPECTED[name as WechatUserAgentName])
  })

  it('tells WeCom from WeChat, though WeCom says MicroMessenger too', () => {
    expect(WECHAT_USER_AGENTS.wecomIos).toContain('MicroMessenger')
    expect(detectWechatEnvironment(WECHAT_USER_AGENTS.wecomIos)).toBe('wecom')
  })

  it('ignores case, as WeChat\'s own page does', () => {
    expect(detectWechatEnvironment(WECHAT_USER_AGENTS.wechatIos.toLowerCase())).toBe('wechat-mobile')
    expect(detectWechatEnvironment(WECHAT_USER_AGENTS.wecomIos.toUpperCase())).toBe('wecom')
  })

  it('takes a missing user agent (a request without the header) for a computer\'s browser', () => {
    expect(detectWechatEnvironment('')).toBe('desktop-browser')
    expect(detectWechatEnvironment(null)).toBe('desktop-browser')
    expect(detectWechatEnvironment(undefined)).toBe('desktop-browser')
  })
})

describe('isWechatEnvironment', () => {
  it('accepts each environment and nothing else', () => {
    expect(WECHAT_ENVIRONMENTS.every(isWechatEnvironment)).toBe(true)
    expect([...new Set(Object.values(EXPECTED))].sort()).toEqual([...WECHAT_ENVIRONMENTS].sort())
    for (const value of ['wechat', 'WECOM', '', null, 1])
      expect(isWechatEnvironment(value)).toBe(false)
  })
})
