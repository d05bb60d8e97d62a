/**
 * The HTTP calls a backend in any language makes for WeChat website login, written with nothing
 * but `fetch` so that each step maps one-to-one onto Java, Go or Python.
 */

/** Your website app, from server configuration. */
export interface WechatApp {
  appid: string
  /** The AppSecret: server-side only. */
  secret: string
  /** `https://api.weixin.qq.com`, or the emulator's URL in development. */
  apiBase: string
}

/** A failed WeChat call. `errcode` is WeChat's number when it sent one. */
export class WechatCallError extends Error {
  constructor(readonly path: string, readonly errcode?: number) {
    super(errcode === undefined ? `WeChat ${path} gave an unusable answer` : `WeChat ${path} answered errcode ${errcode}`)
  }
}

// #region qrconnect
/** The QR page for the redirect and new-window modes. Encode every value exactly once. */
export function qrconnectUrl(appid: string, redirectUri: string, state: string, openBase = 'https://open.weixin.qq.com'): string {
  const query = new URLSearchParams({
    appid,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'snsapi_login',
    state, // random, URL-safe, bound to this browser; never with "#wechat_redirect" inside
  })
  return `${openBase}/connect/qrconnect?${query}#wechat_redirect`
}
// #endregion qrconnect

// #region call
async function callWechat(app: WechatApp, path: string, query: Record<string, string>): Promise<Record<string, unknown>> {
  // Every call is a GET with a query string.
  const response = await fetch(`${app.apiBase}${path}?${new URLSearchParams(query)}`, {
    signal: AbortSignal.timeout(10_000),
  })
  // The body is JSON, served as `text/plain`: parse the text, ignore the Content-Type.
  const text = await response.text()
  let body: Record<string, unknown>
  try {
    body = JSON.parse(text) as Record<string, unknown>
  }
  catch {
    // Empty or HTML bodies happen (gateways, some bad appid/secret answers).
    throw new WechatCallError(path)
  }
  // Errors usually come with HTTP 200: look at `errcode`, never at `errmsg` (it ends in a
  // changing "rid: …").
  if (typeof body.errcode === 'number' && body.errcode !== 0)
    throw new WechatCallError(path, body.errcode)
  if (!response.ok)
    throw new WechatCallError(path)
  return body
}
// #endregion call

// #region exchange
/** Login code → tokens. Once per code (a second exchange gets 40163), within 10 minutes. */
export async function exchangeCode(app: WechatApp, code: string): Promise<Record<string, unknown>> {
  const query = { appid: app.appid, secret: app.secret, code, grant_type: 'authorization_code' }
  try {
    return await callWechat(app, '/sns/oauth2/access_token', query)
  }
  catch (error) {
    // -1 (busy) means WeChat did not process the request: the code is still unused, retry once.
    // After a timeout or a 5xx the code may be spent: do not retry, let the user scan again.
    if (!(error instanceof WechatCallError && error.errcode === -1))
      throw error
    await new Promise(resolve => setTimeout(resolve, 300))
    return callWechat(app, '/sns/oauth2/access_token', query)
  }
}
// #endregion exchange

// #region userinfo
/** The profile: nickname, headimgurl, unionid when the app is bound to an Open Platform account. */
export function getUserInfo(app: WechatApp, accessToken: string, openid: string): Promise<Record<string, unknown>> {
  // Send `lang` explicitly: WeChat's documented default is disputed.
  return callWechat(app, '/sns/userinfo', { access_token: accessToken, openid, lang: 'zh_CN' })
}
// #endregion userinfo

// #region refresh
/** Extends a live access token, or replaces an expired one. Refresh tokens last 30 days. */
export function refreshAccessToken(app: WechatApp, refreshToken: string): Promise<Record<string, unknown>> {
  return callWechat(app, '/sns/oauth2/refresh_token', { appid: app.appid, grant_type: 'refresh_token', refresh_token: refreshToken })
}

/** Whether an access token is still valid for this openid (`{ errcode: 0, errmsg: 'ok' }`). */
export async function isAccessTokenValid(app: WechatApp, accessToken: string, openid: string): Promise<boolean> {
  try {
    await callWechat(app, '/sns/auth', { access_token: accessToken, openid })
    return true
  }
  catch (error) {
    if (error instanceof WechatCallError && error.errcode !== undefined && [40001, 40003, 40014, 42001].includes(error.errcode))
      return false
    throw error
  }
}
// #endregion refresh

// #region identity
/** One id per person: unionid when WeChat gave one, else openid, which is unique per app only. */
export function wechatUserId(appid: string, token: Record<string, unknown>): string {
  return typeof token.unionid === 'string' && token.unionid ? token.unionid : `openid:${appid}:${String(token.openid)}`
}
// #endregion identity
