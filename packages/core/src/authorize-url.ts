import type { WechatLang } from './validate'
import { WECHAT_ENDPOINTS } from './endpoints'
import { authorizationUrl } from './url'
import { assertAppid, assertBaseUrl, assertLang, assertRedirectUri, assertScope, assertState, WECHAT_LOGIN_SCOPE } from './validate'

/** Options shared by every way of showing WeChat's QR login. */
export interface WechatLoginUrlOptions {
  /** The website app's AppID (`wx` + 16 hex characters). */
  appid: string
  /**
   * Where WeChat sends the browser after the user confirms: an absolute http(s) URL on the
   * registered callback domain, without `#fragment`. Pass it plain; it is encoded exactly once.
   */
  redirectUri: string
  /**
   * The anti-CSRF value that WeChat echoes back to `redirectUri`. Mint it with `createState()`
   * and bind it to the browser; 1 to 128 characters of `A-Z a-z 0-9 _ -`.
   */
  state: string
  /**
   * Authorization scope. Website apps only have `snsapi_login`.
   * @default 'snsapi_login'
   */
  scope?: typeof WECHAT_LOGIN_SCOPE
  /**
   * Language of WeChat's page. Omitted from the URL when not set (WeChat then shows Chinese).
   * @default undefined
   */
  lang?: WechatLang
  /**
   * Origin of WeChat's authorization pages; point it at the emulator for offline work.
   * @default 'https://open.weixin.qq.com'
   */
  openBase?: string
}

/**
 * Builds the URL of WeChat's QR login page for the `redirect` and `new-window` modes:
 * `{openBase}/connect/qrconnect?appid&redirect_uri&response_type=code&scope=snsapi_login&state[&lang]#wechat_redirect`.
 *
 * @throws {WechatLoginError} when an option is invalid; the message names it and says the fix.
 * @example
 * location.href = buildAuthorizeUrl({
 *   appid: 'wx0123456789abcdef',
 *   redirectUri: 'https://www.example.com/auth/wechat/callback',
 *   state: createState(),
 * })
 */
export function buildAuthorizeUrl(options: WechatLoginUrlOptions): string {
  const { appid, redirectUri, state, scope = WECHAT_LOGIN_SCOPE, lang, openBase = WECHAT_ENDPOINTS.openBase } = options
  assertAppid(appid)
  assertRedirectUri(redirectUri)
  assertState(state)
  assertScope(scope)
  if (lang !== undefined)
    assertLang(lang)
  assertBaseUrl(openBase, 'openBase')
  return authorizationUrl(openBase, '/connect/qrconnect', { appid, redirectUri, scope, state }, [['lang', lang]])
}
