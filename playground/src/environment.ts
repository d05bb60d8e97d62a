import wechat from 'virtual:wechat-qr-login'

/**
 * Where a page can be opened, as core's `detectWechatEnvironment` names it: the playground can
 * pretend to be in any of them (`?environment=<value>`), so that a desktop tries the paths of
 * WeChat, WeCom and phone browsers without a phone.
 */
export type PlaygroundEnvironment = 'desktop-browser' | 'wechat-mobile' | 'wechat-desktop' | 'wecom' | 'miniprogram' | 'mobile-browser'

export const PLAYGROUND_ENVIRONMENTS: readonly PlaygroundEnvironment[] = ['desktop-browser', 'wechat-mobile', 'wechat-desktop', 'wecom', 'miniprogram', 'mobile-browser']

/** The query parameter that picks one. */
export const ENVIRONMENT_QUERY = 'environment'

/**
 * The user agent (a name of the emulator's `WECHAT_USER_AGENTS`) the emulator's Official Account
 * pages see for each place inside a WeChat client: they refuse any other, as WeChat does.
 */
const EMULATOR_USER_AGENTS: Partial<Record<PlaygroundEnvironment, string>> = {
  'wechat-mobile': 'wechatIos',
  'wechat-desktop': 'wechatWindows',
  'wecom': 'wecomIos',
  'miniprogram': 'miniProgramAndroid',
}

function readEnvironment(): PlaygroundEnvironment | undefined {
  if (typeof location === 'undefined')
    return undefined
  const value = new URLSearchParams(location.search).get(ENVIRONMENT_QUERY)
  return PLAYGROUND_ENVIRONMENTS.find(environment => environment === value)
}

/**
 * The dev server's cookie that makes this browser a WeChat client to the emulator (only for the
 * pages under `/__wechat-emulator`, which it sets it for), or none: its user agent then counts.
 */
function applyEmulatorUserAgent(environment: PlaygroundEnvironment | undefined): void {
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
export function environmentUrl(next: PlaygroundEnvironment | undefined): string {
  const url = new URL(location.href)
  if (next)
    url.searchParams.set(ENVIRONMENT_QUERY, next)
  else
    url.searchParams.delete(ENVIRONMENT_QUERY)
  return url.href
}
