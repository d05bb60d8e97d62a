import type { WechatLoginFlow } from '@wechat-qr-login/core'
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
  exchange?: (code: string, state: string, login: { flow: WechatLoginFlow }) => Promise<WechatLoginUser>
  /**
   * Custom backend: the AppID of the Official Account that logs users in inside WeChat, where
   * the QR cannot be scanned. `exchange` then gets `flow: 'oa'` for its codes: exchange them with
   * the Official Account's AppSecret. Ignored with the server package, which sends its own.
   * @default undefined (inside WeChat, the component says that this site has no login there)
   */
  officialAccountAppid?: string
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
   * The User-Agent of the request being rendered, on the server: the store's `environment`, and
   * so what the component renders, follow it, and the browser's first render (hydrating the same
   * page) matches it. In the browser, `navigator.userAgent` is read.
   * @default undefined (the server renders the computer's QR login; the browser then decides)
   */
  userAgent?: string
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
