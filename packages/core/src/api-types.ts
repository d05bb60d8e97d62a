/**
 * The error body of every WeChat API: sent with HTTP 200. `errmsg` carries a request id suffix
 * (`…, rid: 6270dbb5-47d9f324-018472b7`), so compare `errcode`, never `errmsg`.
 */
export interface WechatErrorResponse {
  errcode: number
  errmsg: string
}

/** `GET /sns/oauth2/access_token`: the result of exchanging a login code. */
export interface WechatAccessTokenResponse {
  /** Credential for `/sns/userinfo` and `/sns/auth`; keep it on the server. */
  access_token: string
  /** Lifetime of `access_token` in seconds (7200). */
  expires_in: number
  /** Renews `access_token` for 30 days; cannot itself be renewed. */
  refresh_token: string
  /** The user's id within this app. */
  openid: string
  /** Granted scopes, comma separated (`snsapi_login`). */
  scope: string
  /** The user's id across all apps of one Open Platform account, when the app has one. */
  unionid?: string
}

/** `GET /sns/oauth2/refresh_token`: a live token is kept and extended, an expired one replaced. */
export interface WechatRefreshTokenResponse {
  access_token: string
  expires_in: number
  refresh_token: string
  openid: string
  scope: string
  unionid?: string
}

/** `GET /sns/auth`: `{ errcode: 0, errmsg: 'ok' }` while the access token is valid. */
export interface WechatCheckTokenResponse {
  errcode: 0
  errmsg: string
}

/**
 * `GET /sns/userinfo`. Since 2021-10-20 WeChat blanks `sex` (0) and the region fields (''), but
 * keeps the names.
 */
export interface WechatUserInfo {
  openid: string
  nickname: string
  /** 1 male, 2 female, 0 unknown (always 0 since the 2021 privacy change). */
  sex: number
  province: string
  city: string
  country: string
  /** Avatar URL; the last path segment is the size (0 = 640 × 640). Empty without an avatar. */
  headimgurl: string
  privilege: string[]
  unionid?: string
  /** Unknown fields are kept: WeChat adds some (e.g. `language`) without notice. */
  [field: string]: unknown
}

/** Language of the region names in `/sns/userinfo`. */
export type WechatUserInfoLang = 'zh_CN' | 'zh_TW' | 'en'

/** Whether a parsed WeChat body is an error (`errcode` present and not 0). */
export function isWechatErrorResponse(body: unknown): body is WechatErrorResponse {
  return typeof body === 'object' && body !== null
    && typeof (body as { errcode?: unknown }).errcode === 'number'
    && (body as { errcode: number }).errcode !== 0
}
