/**
 * Where a page is opened, as WeChat's logins see it:
 * - `desktop-browser`: a computer's browser; the QR login, scanned with a phone.
 * - `wechat-mobile`: WeChat's in-app browser on a phone; an Official Account's web
 *   authorization (the QR cannot be scanned from the phone that shows it).
 * - `wechat-desktop`: the browser of WeChat for Windows or Mac; both logins work there.
 * - `wecom`: WeCom (企业微信), which says `MicroMessenger` too but is not WeChat: neither login.
 * - `miniprogram`: a mini program's `web-view`; an Official Account's web authorization.
 * - `mobile-browser`: a phone's browser outside WeChat; neither login (WeChat has none for it).
 */
export type WechatEnvironment = 'desktop-browser' | 'wechat-mobile' | 'wechat-desktop' | 'wecom' | 'miniprogram' | 'mobile-browser'

/** Every {@link WechatEnvironment}. */
export const WECHAT_ENVIRONMENTS: readonly WechatEnvironment[] = ['desktop-browser', 'wechat-mobile', 'wechat-desktop', 'wecom', 'miniprogram', 'mobile-browser']

/** Whether `value` is one of the {@link WECHAT_ENVIRONMENTS}. */
export function isWechatEnvironment(value: unknown): value is WechatEnvironment {
  return (WECHAT_ENVIRONMENTS as readonly unknown[]).includes(value)
}

/**
 * Where a page is opened, from its User-Agent (a request's header on the server,
 * `navigator.userAgent` in the browser): WeCom first (`wxwork`, whose user agent also says
 * `MicroMessenger`), then WeChat (`MicroMessenger`: a mini program's `miniProgram` or
 * `MiniProgramEnv`, the desktop clients' `WindowsWechat` or `MacWechat`, else a phone), then a
 * phone's browser, else a computer's. No user agent is a computer's browser. Pure: the same
 * answer on the server and in the browser for the same string.
 *
 * @example
 * detectWechatEnvironment(request.headers.get('user-agent')) // 'wechat-mobile'
 */
export function detectWechatEnvironment(userAgent: string | null | undefined): WechatEnvironment {
  const ua = (userAgent ?? '').toLowerCase()
  if (ua.includes('wxwork'))
    return 'wecom'
  if (ua.includes('micromessenger'))
    return ua.includes('miniprogram') ? 'miniprogram' : /windowswechat|macwechat/.test(ua) ? 'wechat-desktop' : 'wechat-mobile'
  return /mobile|android|iphone|ipad|ipod|harmonyos/.test(ua) ? 'mobile-browser' : 'desktop-browser'
}
