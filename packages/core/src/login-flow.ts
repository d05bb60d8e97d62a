/**
 * Which of WeChat's logins runs, and so whose AppID and AppSecret exchange the code:
 * - `qr`: the website app's QR login (网站应用, `qrconnect`), for a screen that a phone can scan;
 * - `oa`: an Official Account's web authorization (公众号网页授权, `oauth2/authorize`), inside
 *   WeChat, where the QR cannot be scanned.
 */
export type WechatLoginFlow = 'qr' | 'oa'

/**
 * The scopes of an Official Account's web authorization: `snsapi_userinfo` asks the user (on a
 * tap: never as a page opens) and gives the nickname, the avatar and the unionid;
 * `snsapi_base` is silent and gives the openid only.
 */
export type WechatOfficialAccountScope = 'snsapi_userinfo' | 'snsapi_base'

/** Every {@link WechatOfficialAccountScope}, the default first. */
export const OFFICIAL_ACCOUNT_SCOPES: readonly WechatOfficialAccountScope[] = ['snsapi_userinfo', 'snsapi_base']

/** Whether `value` is one of the {@link OFFICIAL_ACCOUNT_SCOPES}. */
export function isOfficialAccountScope(value: unknown): value is WechatOfficialAccountScope {
  return (OFFICIAL_ACCOUNT_SCOPES as readonly unknown[]).includes(value)
}
