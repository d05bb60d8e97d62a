/**
 * Where WeChat serves each part of website QR login. Point `openBase` and `apiBase` at the
 * `@wechat-qr-login/emulator` to develop and test offline; nothing else changes.
 */
export interface WechatEndpoints {
  /**
   * Origin of the authorization pages (`/connect/qrconnect`).
   * @default 'https://open.weixin.qq.com'
   */
  openBase: string
  /**
   * Origin of the server-side APIs (`/sns/oauth2/access_token`, `/sns/userinfo`, …).
   * @default 'https://api.weixin.qq.com'
   */
  apiBase: string
  /**
   * WeChat's own embed script, used only by the `official` loader. Always the https URL: the
   * http one is blocked as mixed content on https pages.
   * @default 'https://res.wx.qq.com/connect/zh_CN/htmledition/js/wxLogin.js'
   */
  wxLoginScript: string
}

/** WeChat's production endpoints: the defaults of every `openBase`, `apiBase` and script option. */
export const WECHAT_ENDPOINTS: Readonly<WechatEndpoints> = /* #__PURE__ */ Object.freeze({
  openBase: 'https://open.weixin.qq.com',
  apiBase: 'https://api.weixin.qq.com',
  wxLoginScript: 'https://res.wx.qq.com/connect/zh_CN/htmledition/js/wxLogin.js',
})

/**
 * The port the emulator listens on by default (its CLI and the Vite plugin's dev integration), so
 * that offline `openBase` and `apiBase` are `http://127.0.0.1:4399`.
 */
export const DEFAULT_EMULATOR_PORT = 4399
