import type { WechatLoginErrorCode } from './login-error'
import type { WechatLoginFlow, WechatOfficialAccountScope } from './login-flow'

/** The signed-in user as the app sees it: no tokens, nothing secret. */
export interface WechatUser {
  /** Stable id from `wechatIdentity()`: the UnionID when available, else `openid:{appid}:…`. */
  id: string
  openid: string
  unionid?: string
  nickname: string
  /** Avatar URL (`headimgurl`); empty when the user has none. */
  avatar: string
  /** The login that signed the user in: the QR login, or an Official Account's inside WeChat. */
  flow?: WechatLoginFlow
  /** The AppID the user signed in to (the website app's or the Official Account's): `openid` is unique per AppID only. */
  appid?: string
}

/**
 * `GET {base}/state` of the server package: a fresh state bound to this browser by an HttpOnly
 * cookie, plus what the client needs to build the QR URL.
 */
export interface WechatStateResponse {
  state: string
  /** When the state stops being accepted (epoch milliseconds, on the server's clock). */
  expiresAt: number
  /**
   * How long the state stays accepted, in milliseconds from this answer. Browsers time the QR
   * with it rather than with `expiresAt`, since their clock may be minutes off the server's.
   */
  expiresIn: number
  /** The AppID of the login: the website app's (`qr`), or the Official Account's (`oa`). */
  appid: string
  redirectUri: string
  openBase: string
  /**
   * The login the state is for, as asked with `flow`.
   * @default 'qr'
   */
  flow?: WechatLoginFlow
}

/**
 * `GET {base}/state?flow=oa&scope=…`: a state for an Official Account's web authorization
 * inside WeChat. `appid` is the Official Account's; the login returns through the top window.
 */
export interface WechatOfficialAccountStateResponse extends WechatStateResponse {
  flow: 'oa'
  scope: WechatOfficialAccountScope
}

/** `GET {base}/session` of the server package. */
export type WechatSessionResponse
  = | { authenticated: true, user: WechatUser, expiresAt: number }
    | { authenticated: false }

/** The body of every error answer of the server package's JSON routes. */
export interface WechatErrorBody {
  error: { code: WechatLoginErrorCode, message: string }
}

/**
 * Query parameters of `GET {base}/state` (all optional). The server stores them with the state,
 * so the callback knows whose credentials exchange the code and whether to redirect the top
 * window or answer a relay page.
 */
export const STATE_QUERY = {
  /** A `WechatLoginFlow`: `qr` when left out; `oa` returns through the top window, without `mode`. */
  flow: 'flow',
  /** The `WechatOfficialAccountScope` of `flow=oa`: `snsapi_userinfo` when left out. */
  scope: 'scope',
  /** A `WechatLoginMode`. */
  mode: 'mode',
  /** `'true'` when the embedded QR uses `self_redirect`. */
  selfRedirect: 'self_redirect',
  /** Same-origin path to return to after a top-window login. */
  returnTo: 'return_to',
} as const

/** Query parameter the server adds to the return path when a top-window login failed. */
export const LOGIN_ERROR_PARAM = 'wechat_login_error'
