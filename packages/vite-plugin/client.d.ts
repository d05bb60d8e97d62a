// Types of `virtual:wechat-qr-login`, for apps that use the dev integration of
// @wechat-qr-login/vite-plugin. Reference them once, e.g. in env.d.ts:
//   /// <reference types="@wechat-qr-login/vite-plugin/client" />
declare module 'virtual:wechat-qr-login' {
  import type { WechatQrLoginDevConfig } from '@wechat-qr-login/vite-plugin'

  /** `emulator`: the local WeChat with fake users; `wechat`: the real WeChat. */
  export const mode: WechatQrLoginDevConfig['mode']
  /** Where the server routes are, e.g. `/auth/wechat`. */
  export const authBase: WechatQrLoginDevConfig['authBase']
  /** The AppID in use. */
  export const appid: WechatQrLoginDevConfig['appid']
  /** Origin of the QR pages: the emulator's URL, or WeChat's. */
  export const openBase: WechatQrLoginDevConfig['openBase']
  /** The `redirect_uri` the server handler sends. */
  export const redirectUri: WechatQrLoginDevConfig['redirectUri']
  /** The emulator as the browser reaches it, in emulator mode. */
  export const emulator: WechatQrLoginDevConfig['emulator']
  /** All of the above. Never a secret. */
  const config: WechatQrLoginDevConfig
  export default config
}
