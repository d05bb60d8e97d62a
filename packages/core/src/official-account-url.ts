import type { WechatOfficialAccountScope } from './login-flow'
import { WECHAT_ENDPOINTS } from './endpoints'
import { invalidOption } from './invalid-option'
import { isOfficialAccountScope, OFFICIAL_ACCOUNT_SCOPES } from './login-flow'
import { authorizationUrl } from './url'
import { assertAppid, assertBaseUrl, assertBoolean, assertRedirectUri, assertState } from './validate'

/** Options of {@link buildOfficialAccountAuthorizeUrl}. */
export interface WechatOfficialAccountUrlOptions {
  /** The Official Account's AppID (公众平台 → 设置与开发 → 基本配置), not the website app's. */
  appid: string
  /**
   * Where WeChat sends the browser with `code` and `state`: an absolute http(s) URL on the
   * account's 网页授权域名, without `#fragment`. Pass it plain; it is encoded exactly once.
   */
  redirectUri: string
  /**
   * `snsapi_userinfo` asks the user and gives the profile and the unionid: open the URL from a
   * user's tap only, or WeChat shows its snapshot page (快照页). `snsapi_base` is silent and gives
   * the openid only.
   */
  scope: WechatOfficialAccountScope
  /**
   * The anti-CSRF value WeChat echoes back: 1 to 128 letters and digits (an Official Account
   * allows nothing else). `createState()` mints one.
   */
  state: string
  /**
   * Origin of WeChat's authorization pages; point it at the emulator for offline work.
   * @default 'https://open.weixin.qq.com'
   */
  openBase?: string
  /**
   * Ask the user even where WeChat would authorize silently (`forcePopup=true`).
   * @default false
   */
  forcePopup?: boolean
}

/**
 * Builds the URL of an Official Account's web authorization (公众号网页授权), the login inside
 * WeChat: `{openBase}/connect/oauth2/authorize?appid&redirect_uri&response_type=code&scope&state[&forcePopup=true]#wechat_redirect`,
 * in the order WeChat documents (it refuses another), every value encoded once.
 *
 * @throws {WechatLoginError} when an option is invalid; the message names it and says the fix.
 * @example
 * // in a tap's handler, inside WeChat
 * location.href = buildOfficialAccountAuthorizeUrl({
 *   appid: 'wxfeedface0ff1c1a1',
 *   redirectUri: 'https://www.example.com/auth/wechat/callback',
 *   scope: 'snsapi_userinfo',
 *   state: createState(),
 * })
 */
export function buildOfficialAccountAuthorizeUrl(options: WechatOfficialAccountUrlOptions): string {
  const { appid, redirectUri, scope, state, openBase = WECHAT_ENDPOINTS.openBase, forcePopup = false } = options
  assertAppid(appid)
  assertRedirectUri(redirectUri)
  if (!isOfficialAccountScope(scope))
    throw invalidOption('scope', () => __DEV__ && `an Official Account's web authorization takes ${OFFICIAL_ACCOUNT_SCOPES.map(name => `"${name}"`).join(' or ')} ("snsapi_login" is the QR login's).`, 'INVALID_SCOPE')
  assertState(state)
  if (!/^[a-z\d]+$/i.test(state))
    throw invalidOption('state', () => __DEV__ && 'an Official Account only accepts letters and digits in "state" ("_" and "-" included in it break the login). Use createState(), which mints such states.', 'INVALID_STATE')
  assertBoolean(forcePopup, 'forcePopup')
  assertBaseUrl(openBase, 'openBase')
  return authorizationUrl(openBase, '/connect/oauth2/authorize', { appid, redirectUri, scope, state }, [['forcePopup', forcePopup ? 'true' : undefined]])
}
