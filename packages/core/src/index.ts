export { WechatApiError } from './api-error'
export { isWechatErrorResponse } from './api-types'
export type {
  WechatAccessTokenResponse,
  WechatCheckTokenResponse,
  WechatErrorResponse,
  WechatRefreshTokenResponse,
  WechatUserInfo,
  WechatUserInfoLang,
} from './api-types'
export { buildAuthorizeUrl } from './authorize-url'
export type { WechatLoginUrlOptions } from './authorize-url'
export { parseCallback, stripCallbackParams } from './callback'
export type { WechatCallback } from './callback'
export { cssToHref } from './css-href'
export { buildEmbedUrl } from './embed-url'
export type { WechatEmbedUrlOptions } from './embed-url'
export { WECHAT_ENDPOINTS } from './endpoints'
export type { WechatEndpoints } from './endpoints'
export { detectWechatEnvironment } from './environment'
export type { WechatEnvironment } from './environment'
export { describeErrcode, WECHAT_ERRCODES } from './errcodes'
export type { WechatErrcodeCategory, WechatErrcodeInfo } from './errcodes'
export { wechatIdentity } from './identity'
export type { WechatIdentitySource } from './identity'
export { isWechatLoginError, WechatLoginError } from './login-error'
export type { WechatLoginErrorCode, WechatLoginErrorDetails } from './login-error'
export type { WechatLoginFlow, WechatOfficialAccountScope } from './login-flow'
export type { WechatLoginMode } from './login-mode'
export { buildOfficialAccountAuthorizeUrl } from './official-account-url'
export type { WechatOfficialAccountUrlOptions } from './official-account-url'
export { createRelayMessage, isRelayMessage, WECHAT_RELAY_CHANNEL } from './relay-message'
export type { WechatRelayMessage, WechatRelayResult } from './relay-message'
export { checkReturnPath, MAX_RETURN_PATH_BYTES } from './return-path'
export type { WechatReturnPathCheck, WechatReturnPathRefusal } from './return-path'
export { LOGIN_ERROR_PARAM, STATE_QUERY } from './session'
export type { WechatErrorBody, WechatOfficialAccountStateResponse, WechatSessionResponse, WechatStateResponse, WechatUser } from './session'
export { createState } from './state'
export type { CreateStateOptions } from './state'
export {
  assertAppid,
  assertBaseUrl,
  assertBoolean,
  assertHref,
  assertLang,
  assertRedirectUri,
  assertScope,
  assertState,
  assertStyle,
  MAX_STATE_LENGTH,
  WECHAT_LOGIN_SCOPE,
} from './validate'
export type { WechatLang, WechatQrStyle } from './validate'
