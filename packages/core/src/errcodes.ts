/**
 * What an errcode means for the login flow, and so what to do about it:
 * - `busy`: transient (-1); retry an idempotent call once.
 * - `invalid-code`: the login code is wrong, used (40163) or older than 10 minutes; the user
 *   must scan again.
 * - `invalid-token`: the access token is wrong, expired or not this user's; refresh it.
 * - `invalid-refresh-token`: the refresh token is wrong or older than 30 days; log in again.
 * - `configuration`: appid, secret, IP whitelist or permissions are wrong; retrying never helps.
 * - `request`: a parameter is missing or the method is wrong; a bug in the caller.
 * - `reauthorize`: the user must authorize again (e.g. changed their password).
 * - `unknown`: not in the table.
 */
export type WechatErrcodeCategory
  = | 'busy'
    | 'invalid-code'
    | 'invalid-token'
    | 'invalid-refresh-token'
    | 'configuration'
    | 'request'
    | 'reauthorize'
    | 'unknown'

/** One row of {@link WECHAT_ERRCODES}. */
export interface WechatErrcodeInfo {
  /** WeChat's own description, in Chinese as WeChat documents it. */
  meaning: string
  category: WechatErrcodeCategory
  /** What to do about it. */
  fix: string
}

/** The errcodes of the website-login APIs, with meaning, category and fix. */
export const WECHAT_ERRCODES: Readonly<Record<number, WechatErrcodeInfo>> = /* #__PURE__ */ Object.freeze({
  [-1]: { meaning: '系统繁忙，此时请开发者稍候再试', category: 'busy', fix: 'WeChat is busy; retry once after a short delay.' },
  40001: { meaning: '获取 access_token 时 AppSecret 错误，或者 access_token 无效', category: 'invalid-token', fix: 'Refresh the access token; if it persists, check the AppSecret.' },
  40002: { meaning: '不合法的凭证类型', category: 'request', fix: 'Send grant_type=authorization_code (refresh_token when refreshing).' },
  40003: { meaning: '不合法的 OpenID', category: 'invalid-token', fix: 'Use the openid returned together with this access token.' },
  40013: { meaning: '不合法的 AppID', category: 'configuration', fix: 'Check the appid: it must be the website app\'s AppID from the Open Platform console.' },
  40014: { meaning: '不合法的 access_token', category: 'invalid-token', fix: 'Refresh the access token or log the user in again.' },
  40029: { meaning: '不合法（无效）的 oauth_code', category: 'invalid-code', fix: 'The code is wrong or belongs to another app; start a new login.' },
  40030: { meaning: '不合法的 refresh_token', category: 'invalid-refresh-token', fix: 'Log the user in again.' },
  40125: { meaning: '无效的 appsecret', category: 'configuration', fix: 'Check the AppSecret (reset it in the Open Platform console if it is lost).' },
  40163: { meaning: 'oauth_code 已使用', category: 'invalid-code', fix: 'A code can be exchanged once; the callback ran twice (reload, double mount, two servers). Start a new login.' },
  40164: { meaning: '调用接口的 IP 地址不在白名单中', category: 'configuration', fix: 'Add the server\'s outgoing IP to the API IP whitelist, or turn the whitelist off.' },
  41001: { meaning: '缺少 access_token 参数', category: 'request', fix: 'Send access_token.' },
  41002: { meaning: '缺少 appid 参数', category: 'configuration', fix: 'Send appid.' },
  41003: { meaning: '缺少 refresh_token 参数', category: 'request', fix: 'Send refresh_token.' },
  41004: { meaning: '缺少 secret 参数', category: 'configuration', fix: 'Send secret (the AppSecret, from server configuration).' },
  41008: { meaning: '缺少 oauth code', category: 'invalid-code', fix: 'Send the code from the callback URL.' },
  41009: { meaning: '缺少 openid', category: 'request', fix: 'Send openid.' },
  42001: { meaning: 'access_token 超时', category: 'invalid-token', fix: 'Refresh the access token with the refresh token.' },
  42002: { meaning: 'refresh_token 超时', category: 'invalid-refresh-token', fix: 'Refresh tokens last 30 days and cannot be renewed; log the user in again.' },
  42003: { meaning: 'oauth_code 超时', category: 'invalid-code', fix: 'Codes expire after 10 minutes; start a new login.' },
  42007: { meaning: '用户修改微信密码，accesstoken 和 refreshtoken 失效，需要重新授权', category: 'reauthorize', fix: 'Log the user in again.' },
  43001: { meaning: '需要 GET 请求', category: 'request', fix: 'Call the API with GET and query parameters.' },
  48001: { meaning: 'api 功能未授权', category: 'configuration', fix: 'The app lacks permission for this API: check that WeChat login is approved for the website app.' },
} satisfies Record<number, WechatErrcodeInfo>)

/** Looks up an errcode in {@link WECHAT_ERRCODES}; unknown codes get category `unknown`. */
export function describeErrcode(errcode: number): WechatErrcodeInfo {
  return WECHAT_ERRCODES[errcode] ?? { meaning: '未知错误', category: 'unknown', fix: 'See WeChat\'s global return code table for this errcode.' }
}
