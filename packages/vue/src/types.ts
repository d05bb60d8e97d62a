import type { WechatLoginFlow, WechatLoginMode, WechatOfficialAccountScope, WechatUser } from '@wechat-qr-login/core'

/**
 * Register your own user type, for a custom backend whose `exchange()` returns something other
 * than `WechatUser`. Every member of the store, the composable and the components follows it.
 *
 * @example
 * declare module '@wechat-qr-login/vue' {
 *   interface WechatLoginRegister {
 *     user: { id: number, name: string }
 *   }
 * }
 */
export interface WechatLoginRegister {}

/** The signed-in user: `WechatUser` unless the app registered its own type in {@link WechatLoginRegister}. */
export type WechatLoginUser = WechatLoginRegister extends { user: infer User } ? User : WechatUser

/**
 * Where a login stands.
 * - `idle`: nothing started (or logged out).
 * - `preparing`: obtaining a state (from the server or minted in the browser).
 * - `awaiting-scan`: the QR, the popup or the redirect button is ready; waiting for the phone
 *   (inside WeChat: the button that opens the Official Account's authorization is ready).
 * - `exchanging`: a code or a relay result arrived; the session is being opened.
 * - `authenticated`: `user` is set.
 * - `error`: `error` says why.
 * - `expired`: the QR lived longer than its lifetime; refresh for a new one.
 * - `cancelled`: the user closed the popup (or the app cancelled). A late result still wins.
 */
export type WechatLoginStatus
  = | 'idle'
    | 'preparing'
    | 'awaiting-scan'
    | 'exchanging'
    | 'authenticated'
    | 'error'
    | 'expired'
    | 'cancelled'

/** One prepared login attempt: everything needed to show the QR, no secret. */
export interface WechatLoginTicket {
  /** The anti-CSRF state WeChat echoes back; the attempt's identity. */
  state: string
  /** The login: `qr` (the website app's QR login) or `oa` (an Official Account's, inside WeChat). */
  flow: WechatLoginFlow
  /** The Official Account's scope (`oa` only). */
  scope?: WechatOfficialAccountScope
  /** When the state stops being accepted (epoch milliseconds, on this browser's clock). */
  expiresAt: number
  /** The website app's AppID (`qr`), or the Official Account's (`oa`). */
  appid: string
  redirectUri: string
  openBase: string
  /** How WeChat's page is shown; `redirect` for `oa`, which always returns through the top window. */
  mode: WechatLoginMode
  /** Whether the embedded QR navigates its own iframe to the callback (`self_redirect`). */
  selfRedirect?: boolean
}
