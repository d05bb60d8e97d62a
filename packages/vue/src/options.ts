import type { InjectionKey } from 'vue'
import type { WechatQrOptions } from './qr-options'
import type { WechatLoginUser } from './types'
import { hasInjectionContext, inject } from 'vue'

/** Options of `createWechatLogin()`: the QR defaults plus how to reach your backend. */
export interface WechatLoginOptions extends WechatQrOptions {
  /**
   * Base URL of the server package's routes (`/state`, `/exchange`, `/session`, `/logout`).
   * Ignored when `exchange` is given.
   * @default '/auth/wechat'
   */
  authBase?: string
  /**
   * Your own backend: exchanges the code and returns the user. When set, the state is minted
   * and checked in the browser (sessionStorage, single use) and the server routes are not used.
   * @default undefined (the server package's `POST {authBase}/exchange`)
   */
  exchange?: (code: string, state: string) => Promise<WechatLoginUser>
  /**
   * Custom backend: returns the current user on page load (`restore()`), or `null`.
   * @default undefined (no session to restore)
   */
  session?: () => Promise<WechatLoginUser | null>
  /**
   * Custom backend: ends the session (`logout()`).
   * @default undefined (only the local state is cleared)
   */
  logout?: () => Promise<void> | void
  /**
   * Origin(s) allowed to post a login result to this window. Set it when the callback page runs
   * on another origin than the app and than `redirectUri`.
   * @default this window's origin and the redirect URI's origin
   */
  callbackOrigin?: string | string[]
  /**
   * Milliseconds before a request to the server package (JSON body included) fails with `TIMEOUT`.
   * @default 15000
   */
  requestTimeout?: number
}

/** Injection key of the options given to `createWechatLogin()`. */
export const WECHAT_LOGIN_OPTIONS: InjectionKey<WechatLoginOptions> = /* #__PURE__ */ Symbol('wechat-qr-login:options')

/** The app-wide options, or none outside an app (tests, a store used before `app.use`). */
export function injectWechatLoginOptions(): WechatLoginOptions {
  return (hasInjectionContext() && inject(WECHAT_LOGIN_OPTIONS, null)) || {}
}
