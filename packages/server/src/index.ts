export { createWechatClient } from './client'
export type { WechatClient, WechatClientOptions } from './client'
export { createWechatAuth } from './handler'
export type { WechatAuth, WechatSession } from './handler'
export { toHttpError, WechatHttpError } from './http-error'
export type { WechatHttpErrorDetails } from './http-error'
export type { OptionalFetchHandler } from './node-middleware'
export type {
  WechatAuthLogger,
  WechatAuthOptions,
  WechatLoginContext,
  WechatLoginFlow,
  WechatLoginHook,
  WechatOfficialAccountOptions,
  WechatOfficialAccountScope,
  WechatOpenBaseContext,
  WechatSessionCookieOptions,
  WechatVerificationFile,
} from './options'
export type { WechatAuthStore } from './store'
// What a server needs from core, so that it installs only this package.
export { isWechatLoginError, WechatApiError, WechatLoginError } from '@wechat-qr-login/core'
export type {
  WechatAccessTokenResponse,
  WechatErrorBody,
  WechatLoginErrorCode,
  WechatLoginErrorDetails,
  WechatRefreshTokenResponse,
  WechatSessionResponse,
  WechatUser,
  WechatUserInfo,
  WechatUserInfoLang,
} from '@wechat-qr-login/core'
