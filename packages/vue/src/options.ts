import type { WechatLang, WechatLoginMode, WechatQrStyle } from '@wechat-qr-login/core'
import type { InjectionKey } from 'vue'
import type { WechatLoginUser } from './types'
import { hasInjectionContext, inject } from 'vue'

/** How the embedded QR is rendered. */
export type WechatQrLoader = 'iframe' | 'official'

/**
 * Options of the QR itself. Set them app-wide in `createWechatLogin()`, or per component as
 * props (props win). With the server package none is needed: it sends `appid`, `redirectUri`
 * and `openBase` along with the state.
 */
export interface WechatQrOptions {
  /**
   * `embedded` shows the QR in place (iframe), `new-window` opens WeChat's page in a popup,
   * `redirect` sends the whole tab there.
   * @default 'embedded'
   */
  mode?: WechatLoginMode
  /**
   * The website app's AppID. Overrides the one the server sends; required with a custom backend.
   * @default undefined
   */
  appid?: string
  /**
   * The callback URL WeChat returns to. Overrides the server's; required with a custom backend.
   * @default undefined
   */
  redirectUri?: string
  /**
   * Origin of WeChat's pages; the emulator's URL for offline work. Overrides the server's.
   * @default 'https://open.weixin.qq.com'
   */
  openBase?: string
  /**
   * Language of WeChat's page and of the component's own texts.
   * @default 'cn'
   */
  lang?: WechatLang
  /**
   * Text colour of the embedded QR page: `black` for light pages, `white` for dark ones
   * (WeChat's `style`).
   * @default undefined (WeChat shows black)
   */
  theme?: WechatQrStyle
  /**
   * Your CSS for the embedded QR page, inlined for you as a `data:text/css;base64,` `href`.
   * Use either `css` or `href`. Ignored by WeChat when `stylelite` is on.
   * @default undefined
   */
  css?: string
  /**
   * A stylesheet URL for the embedded QR page: `https:` or `data:text/css`.
   * @default undefined
   */
  href?: string
  /**
   * WeChat's newer, simpler QR layout (`stylelite=1`); custom CSS does not apply to it.
   * @default false
   */
  stylelite?: boolean
  /**
   * Offer fast login through a logged-in WeChat desktop client; `false` sends `fast_login=0`.
   * @default true
   */
  fastLogin?: boolean
  /**
   * Embedded mode: WeChat navigates the iframe itself to the callback, which relays the result
   * to this window (no reload). `false` navigates the whole tab to the callback.
   * @default false
   */
  selfRedirect?: boolean
  /**
   * `iframe` renders the iframe itself (no third-party script, server-renderable); `official`
   * loads WeChat's wxLogin.js once per page and lets it create the iframe.
   * @default 'iframe'
   */
  loader?: WechatQrLoader
  /**
   * URL of wxLogin.js for the `official` loader. Derived from `openBase` when that is not
   * WeChat's (the emulator serves a copy at the same path).
   * @default 'https://res.wx.qq.com/connect/zh_CN/htmledition/js/wxLogin.js'
   */
  scriptUrl?: string
  /**
   * Milliseconds to wait for wxLogin.js before reporting `TIMEOUT`.
   * @default 10000
   */
  scriptTimeout?: number
  /**
   * Seconds an embedded QR is shown before the component offers a new one. WeChat does not
   * document its QR lifetime; the emulator's (and the observed) value is 5 minutes.
   * @default 300
   */
  qrLifetime?: number
  /**
   * Path to return to after a login that navigates the whole tab (redirect mode, or embedded
   * without `selfRedirect`).
   * @default the current path, query and hash (only the path when the whole is over 512 bytes
   * once percent-encoded, which the server refuses)
   */
  returnTo?: string
}

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
