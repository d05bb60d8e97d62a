import type { WechatErrorBody, WechatLoginErrorCode, WechatLoginErrorDetails } from '@wechat-qr-login/core'
import { WechatLoginError } from '@wechat-qr-login/core'
import { bareMessage, MESSAGE_PREFIX } from '@wechat-qr-login/core/internal'

/** Options of {@link WechatHttpError} beyond those of `WechatLoginError`. */
export interface WechatHttpErrorDetails extends WechatLoginErrorDetails {
  /**
   * HTTP status of the answer.
   * @default the status of `code` (see {@link toHttpError})
   */
  statusCode?: number
}

/** The one place where error codes become HTTP statuses (see {@link statusOf} for the exception). */
const STATUS_BY_CODE: Partial<Record<WechatLoginErrorCode, number>> = {
  INVALID_REQUEST: 400,
  INVALID_STATE: 400,
  STATE_MISMATCH: 400,
  INVALID_RETURN_PATH: 400,
  LOGIN_DENIED: 400,
  OFFICIAL_ACCOUNT_NOT_CONFIGURED: 400,
  NOT_AUTHENTICATED: 401,
  SNAPSHOT_USER: 403,
  WECHAT_API_ERROR: 502,
  WECHAT_UNREACHABLE: 502,
  INVALID_RESPONSE: 502,
  STORE_UNAVAILABLE: 503,
  // Our side failed (onLogin, sealing the session), not WeChat: whoever raises it, one status.
  EXCHANGE_FAILED: 500,
}

/** Whether `cause` is the reason of an aborted wait (the WeChat client's `timeout`). */
function isTimeout(cause: unknown): boolean {
  return cause instanceof Error && cause.name === 'TimeoutError'
}

/** The status of `code`; WeChat unreachable is a bad gateway, or a gateway timeout when it did not answer in time. */
function statusOf(code: WechatLoginErrorCode, cause: unknown): number {
  if (code === 'WECHAT_UNREACHABLE' && isTimeout(cause))
    return 504
  return STATUS_BY_CODE[code] ?? 500
}

/**
 * What a browser may read about each failure: fixed sentences, so no upstream `errmsg`, no
 * option value and nothing the user typed ever reaches it.
 */
const PUBLIC_MESSAGES: Partial<Record<WechatLoginErrorCode, string>> = {
  INVALID_REQUEST: 'The request is malformed.',
  INVALID_STATE: 'The login state is malformed. Start the login again.',
  STATE_MISMATCH: 'The login state is missing, expired or already used. Start the login again.',
  INVALID_RETURN_PATH: 'The return path is not allowed.',
  LOGIN_DENIED: 'The login was cancelled in WeChat.',
  NOT_AUTHENTICATED: 'Not signed in.',
  OFFICIAL_ACCOUNT_NOT_CONFIGURED: 'This site has no WeChat Official Account configured, so it cannot log in inside WeChat. Open the page in a browser on a computer and scan the QR code.',
  SNAPSHOT_USER: 'WeChat opened this page in its snapshot mode. Tap "使用完整服务" (use the full service), then log in again.',
  WECHAT_API_ERROR: 'WeChat refused the login. Start the login again.',
  WECHAT_UNREACHABLE: 'The server could not reach WeChat. Try again later.',
  INVALID_RESPONSE: 'WeChat answered with something unusable. Try again later.',
  STORE_UNAVAILABLE: 'The server\'s session store is unavailable. Try again later.',
  EXCHANGE_FAILED: 'The login could not be completed. Try again later.',
}

/**
 * A {@link WechatLoginError} that knows its HTTP status. Its message is written for browsers:
 * build one with a fixed sentence, never with user input or anything WeChat said (the original
 * error, if any, goes in `cause`, which `toJSON()` leaves out).
 *
 * @example
 * throw new WechatHttpError('INVALID_REQUEST', 'Send the code and state as JSON.', { statusCode: 415 })
 */
export class WechatHttpError extends WechatLoginError {
  override readonly name: string = 'WechatHttpError'
  /** HTTP status of the answer. */
  readonly statusCode: number

  constructor(code: WechatLoginErrorCode, message: string, details: WechatHttpErrorDetails = {}) {
    super(code, message, details)
    this.statusCode = details.statusCode ?? statusOf(code, details.cause)
  }

  /**
   * The body of a JSON error answer: the code and the browser-safe message, without the docs link
   * a development message ends with (that link is for the server's developer, not for a browser).
   */
  toBody(): WechatErrorBody {
    return { error: { code: this.code, message: `${MESSAGE_PREFIX} ${bareMessage(this.message)}` } }
  }
}

/**
 * Turns anything thrown during a request into a {@link WechatHttpError} that is safe to show a
 * browser: a `WechatHttpError` stays as it is; any other error keeps its code but gets a fixed
 * message and its status; an unknown throwable becomes `EXCHANGE_FAILED` (500). The original is
 * kept as `cause` for logs.
 */
export function toHttpError(error: unknown): WechatHttpError {
  if (error instanceof WechatHttpError)
    return error
  if (error instanceof WechatLoginError) {
    const message = PUBLIC_MESSAGES[error.code] ?? PUBLIC_MESSAGES.EXCHANGE_FAILED!
    return new WechatHttpError(error.code, message, { cause: error, statusCode: statusOf(error.code, error.cause) })
  }
  return new WechatHttpError('EXCHANGE_FAILED', PUBLIC_MESSAGES.EXCHANGE_FAILED!, { cause: error })
}
