import type { WechatLoginErrorCode } from '@wechat-qr-login/core'
import { LOGIN_ERROR_PARAM, WechatLoginError } from '@wechat-qr-login/core'
import { devOnly } from '@wechat-qr-login/core/internal'

/**
 * Messages for the codes a login can end with, written here rather than taken from a URL or a
 * message: a crafted link must not be able to put its own text on the page. Development builds
 * only; production messages name the code.
 */
const FLOW_MESSAGES: Partial<Record<WechatLoginErrorCode, string>> = {
  LOGIN_DENIED: 'The login was refused in WeChat. Scan the QR code again to retry.',
  STATE_MISMATCH: 'The login could not be verified (its state was unknown, used or expired). Start the login again.',
  QR_EXPIRED: 'The QR code expired. Refresh it and scan again.',
  TIMEOUT: 'The server took too long to answer. Try again.',
  NETWORK_ERROR: 'The server could not be reached. Check the connection and try again.',
  EXCHANGE_FAILED: 'The login could not be completed. Try again.',
  NOT_AUTHENTICATED: 'The session could not be opened. Try again.',
  WECHAT_API_ERROR: 'WeChat could not complete the login. Try again in a moment.',
  WECHAT_UNREACHABLE: 'The server could not reach WeChat\'s API. Try again in a moment.',
  INVALID_RESPONSE: 'The server gave an unexpected answer. Try again.',
  INVALID_REQUEST: 'The login request was refused. Start the login again.',
  INVALID_RETURN_PATH: 'The return path of the login was refused. Start the login again.',
}

/** The codes a URL or a relay message may report; anything else becomes `EXCHANGE_FAILED`. */
const FLOW_CODES: WechatLoginErrorCode[] = ['LOGIN_DENIED', 'STATE_MISMATCH', 'QR_EXPIRED', 'TIMEOUT', 'NETWORK_ERROR', 'EXCHANGE_FAILED', 'NOT_AUTHENTICATED', 'WECHAT_API_ERROR', 'WECHAT_UNREACHABLE', 'INVALID_RESPONSE', 'INVALID_REQUEST', 'INVALID_RETURN_PATH']

/**
 * The error for a code that arrived from outside (URL or relay message): unknown codes become
 * `EXCHANGE_FAILED`, and the message is a fixed one unless `details.message` (from a trusted
 * relay page) is given.
 */
export function flowError(code: string, details: { message?: string, option?: string } = {}): WechatLoginError {
  const { message, option } = details
  const known = FLOW_CODES.includes(code as WechatLoginErrorCode) ? code as WechatLoginErrorCode : 'EXCHANGE_FAILED'
  return new WechatLoginError(known, message || devOnly(() => __DEV__ && FLOW_MESSAGES[known]!) || `The login ended with ${known}.`, option === undefined ? {} : { option })
}

/** Keeps a `WechatLoginError` as it is; wraps anything else under `code`, keeping it as `cause`. */
export function toLoginError(error: unknown, code: WechatLoginErrorCode, message: string): WechatLoginError {
  return error instanceof WechatLoginError ? error : new WechatLoginError(code, message, { cause: error })
}

/**
 * Reads the `wechat_login_error` parameter the server adds to the return path when a
 * top-window login failed, and removes it from the address bar.
 */
export function takeLoginErrorParam(): WechatLoginError | undefined {
  const url = new URL(location.href)
  const hashStart = url.hash.indexOf('?')
  const hashQuery = new URLSearchParams(hashStart === -1 ? '' : url.hash.slice(hashStart + 1))
  const value = url.searchParams.get(LOGIN_ERROR_PARAM) ?? hashQuery.get(LOGIN_ERROR_PARAM)
  if (value === null)
    return undefined
  url.searchParams.delete(LOGIN_ERROR_PARAM)
  hashQuery.delete(LOGIN_ERROR_PARAM)
  if (hashStart !== -1) {
    const rest = hashQuery.toString()
    url.hash = url.hash.slice(0, hashStart) + (rest ? `?${rest}` : '')
  }
  history.replaceState(history.state, '', url.href)
  return flowError(value)
}
