import type { WechatEnvironment } from '@wechat-qr-login/vue'
import { isWechatEnvironment } from '@wechat-qr-login/core/internal'
import wechat from 'virtual:wechat-qr-login'

/**
 * The query parameter that picks where the page pretends to be opened (a `WechatEnvironment`),
 * so that a desktop tries the paths of WeChat, WeCom and phone browsers without a phone.
 */
export const ENVIRONMENT_QUERY = 'environment'

/**
 * The user agent (a name of the emulator's `WECHAT_USER_AGENTS`) the emulator's Official Account
 * pages see for each place inside a WeChat client: they refuse any other, as WeChat does.
 */
const EMULATOR_USER_AGENTS: Partial<Record<WechatEnvironment, string>> = {
  'wechat-mobile': 'wechatIos',
  'wechat-desktop': 'wechatWindows',
  'wecom': 'wecomIos',
  'miniprogram': 'miniProgramAndroid',
}

function readEnvironment(): WechatEnvironment | undefined {
  if (typeof location === 'undefined')
    return undefined
  const value = new URLSearchParams(location.search).get(ENVIRONMENT_QUERY)
  return isWechatEnvironment(value) ? value : undefined
}

/**
 * The dev server's cookie that makes this browser a WeChat client to the emulator (only for the
 * pages under `/__wechat-emulator`, which it sets it for), or none: its user agent then counts.
 */
function applyEmulatorUserAgent(environment: WechatEnvironment | undefined): void {
  if (typeof document === 'undefined' || !wechat.emulator)
    return
  const userAgent = environment && EMULATOR_USER_AGENTS[environment]
  const attributes = '; Path=/__wechat-emulator; SameSite=Lax'
  document.cookie = userAgent
    ? `${wechat.emulator.userAgentCookie}=${userAgent}${attributes}`
    : `${wechat.emulator.userAgentCookie}=${attributes}; Max-Age=0`
}

/**
 * The environment the address asks for, read once per page load; `undefined` lets the component
 * detect it from this browser.
 */
export const environment = readEnvironment()

applyEmulatorUserAgent(environment)

/** The address of this page in `next` (`undefined`: detected), keeping the mode in the hash. */
export function environmentUrl(next: WechatEnvironment | undefined): string {
  const url = new URL(location.href)
  if (next)
    url.searchParams.set(ENVIRONMENT_QUERY, next)
  else
    url.searchParams.delete(ENVIRONMENT_QUERY)
  return url.href
}
