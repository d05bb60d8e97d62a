export { handleWechatCallback } from './handle-callback'
export type { HandleWechatCallbackOptions, WechatCallbackOutcome, WechatRelayTarget } from './handle-callback'
export { WECHAT_LOGIN_OPTIONS } from './options'
export type { WechatLoginOptions } from './options'
export { createWechatLogin } from './plugin'
export type { WechatQrLoader, WechatQrOptions } from './qr-options'
export { useWechatAuthStore } from './store'
export type { WechatAuthStore, WechatKnownSession, WechatStartOptions } from './store'
export type { WechatLoginRegister, WechatLoginStatus, WechatLoginTicket, WechatLoginUser } from './types'
export { useWechatLogin } from './use-wechat-login'
export type { UseWechatLoginOptions, UseWechatLoginReturn } from './use-wechat-login'
export { WechatLoginCallback } from './wechat-login-callback'
export type { WechatCallbackStatus, WechatLoginCallbackSlots } from './wechat-login-callback'
export { WechatQrLogin } from './wechat-qr-login'
export type { WechatQrExpiredEvent, WechatQrLoginSlots, WechatQrReadyEvent, WechatQrView } from './wechat-qr-login'
export { loadWxLogin } from './wx-login-script'
export type { LoadWxLoginOptions, WxLoginConstructor, WxLoginOptions } from './wx-login-script'
// What an app needs from core, so that it installs only this package (and pinia) for the browser.
export { isWechatLoginError, WechatLoginError } from '@wechat-qr-login/core'
export type {
  WechatCallback,
  WechatLang,
  WechatLoginErrorCode,
  WechatLoginErrorDetails,
  WechatLoginMode,
  WechatQrStyle,
  WechatRelayMessage,
  WechatUser,
} from '@wechat-qr-login/core'
