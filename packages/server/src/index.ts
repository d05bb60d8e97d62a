export { createWechatClient } from './client'
export type { WechatClient, WechatClientOptions } from './client'
export { createWechatAuth } from './handler'
export type { WechatAuth } from './handler'
export { toHttpError, WechatHttpError } from './http-error'
export type { WechatHttpErrorDetails } from './http-error'
export type { OptionalFetchHandler } from './node-middleware'
export type {
  WechatAuthLogger,
  WechatAuthOptions,
  WechatLoginContext,
  WechatLoginHook,
  WechatSessionCookieOptions,
} from './options'
