import type { WechatLang, WechatLoginMode, WechatQrStyle } from '@wechat-qr-login/core'
import type { ExtractPublicPropTypes, PropType } from 'vue'

/** How the embedded QR is rendered. */
export type WechatQrLoader = 'iframe' | 'official'

/** A boolean option: `undefined` when not set (not `false`), so that it falls through to the app-wide value. */
const flag = { type: Boolean, default: undefined } as const

/**
 * The options of the QR itself, declared once: they are the props of `<WechatQrLogin>`, and
 * {@link WechatQrOptions} is their type. Set them app-wide in `createWechatLogin()`, or per
 * component (props win). Each value is checked where it is used (WeChat's URL by core's URL
 * builders, the others by the component), once.
 */
export const wechatQrOptionProps = {
  /**
   * `embedded` shows the QR in place (iframe), `new-window` opens WeChat's page in a popup,
   * `redirect` sends the whole tab there.
   * @default 'embedded'
   */
  mode: String as PropType<WechatLoginMode>,
  /**
   * The website app's AppID. Overrides the one the server sends; required with a custom backend.
   * @default the server's
   */
  appid: String,
  /**
   * The callback URL WeChat returns to. Overrides the server's; required with a custom backend.
   * @default the server's
   */
  redirectUri: String,
  /**
   * Origin of WeChat's pages; the emulator's URL for offline work. Overrides the server's.
   * @default the server's, else 'https://open.weixin.qq.com'
   */
  openBase: String,
  /**
   * Language of WeChat's page and of the component's own texts.
   * @default 'cn'
   */
  lang: String as PropType<WechatLang>,
  /**
   * Text colour of the embedded QR page: `black` for light pages, `white` for dark ones
   * (WeChat's `style`, the name errors use).
   * @default undefined (WeChat shows black)
   */
  theme: String as PropType<WechatQrStyle>,
  /**
   * Your CSS for the embedded QR page, inlined for you as a `data:text/css;base64,` `href`.
   * Use either `css` or `href`. Ignored by WeChat when `stylelite` is on.
   * @default undefined
   */
  css: String,
  /**
   * A stylesheet URL for the embedded QR page: `https:` or `data:text/css`.
   * @default undefined
   */
  href: String,
  /**
   * WeChat's newer, simpler QR layout (`stylelite=1`); custom CSS does not apply to it.
   * @default false
   */
  stylelite: flag,
  /**
   * Offer fast login through a logged-in WeChat desktop client; `false` sends `fast_login=0`.
   * @default true
   */
  fastLogin: flag,
  /**
   * Embedded mode: WeChat navigates the iframe itself to the callback, which relays the result
   * to this window (no reload). `false` navigates the whole tab to the callback and back.
   * @default false
   */
  selfRedirect: flag,
  /**
   * `iframe` renders the iframe itself (no third-party script, server-renderable); `official`
   * loads WeChat's wxLogin.js once per page (on demand) and lets it create the iframe.
   * @default 'iframe'
   */
  loader: String as PropType<WechatQrLoader>,
  /**
   * URL of wxLogin.js for the `official` loader. Derived from `openBase` when that is not
   * WeChat's (the emulator serves a copy at the same path).
   * @default 'https://res.wx.qq.com/connect/zh_CN/htmledition/js/wxLogin.js'
   */
  scriptUrl: String,
  /**
   * Milliseconds WeChat's QR page may take to load (and with the `official` loader, wxLogin.js)
   * before the error state: `QR_LOAD_FAILED` (`TIMEOUT` for the script).
   * @default 10000
   */
  loadTimeout: Number,
  /**
   * Seconds an embedded QR is shown before the component offers a new one. WeChat does not
   * document its QR lifetime; the emulator's (and the observed) value is 5 minutes.
   * @default 300
   */
  qrLifetime: Number,
  /**
   * Path to return to after a login that navigates the whole tab (redirect mode, or embedded
   * without `selfRedirect`).
   * @default the current path, query and hash (only the path when the whole is over 512 bytes
   * once percent-encoded, which the server refuses)
   */
  returnTo: String,
}

/**
 * Options of the QR itself (the props of `<WechatQrLogin>`). Set them app-wide in
 * `createWechatLogin()`, or per component as props (props win). With the server package none is
 * needed: it sends `appid`, `redirectUri` and `openBase` along with the state.
 */
export type WechatQrOptions = ExtractPublicPropTypes<typeof wechatQrOptionProps>
