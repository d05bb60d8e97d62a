import { devOnly } from './dev'
import { errorDocsUrl, ERRORS_PAGE_URL, MESSAGE_PREFIX } from './project'

/**
 * Every error code the packages of wechat-qr-login raise. The code is the stable part of an
 * error: compare it, never the message.
 */
export type WechatLoginErrorCode
  // Options (thrown before anything is sent to WeChat)
  = | 'INVALID_APPID'
    | 'INVALID_REDIRECT_URI'
    | 'INVALID_SCOPE'
    | 'INVALID_STATE'
    | 'INVALID_STYLE'
    | 'INVALID_LANG'
    | 'INVALID_HREF'
    | 'INVALID_CSS'
    | 'INVALID_BASE_URL'
    | 'INVALID_OPTION'
  // The login flow
    | 'LOGIN_DENIED'
    | 'STATE_MISMATCH'
    | 'QR_EXPIRED'
    | 'POPUP_BLOCKED'
    | 'SCRIPT_LOAD_FAILED'
    | 'QR_LOAD_FAILED'
    | 'TIMEOUT'
    | 'NETWORK_ERROR'
    | 'EXCHANGE_FAILED'
    | 'NOT_AUTHENTICATED'
    | 'INVALID_RETURN_PATH'
    | 'INVALID_REQUEST'
    | 'STORE_UNAVAILABLE'
    | 'OFFICIAL_ACCOUNT_NOT_CONFIGURED'
    | 'SNAPSHOT_USER'
  // Development tooling
    | 'SECRET_EXPOSED'
    | 'INVALID_TUNNEL_HOST'
  // Talking to WeChat
    | 'WECHAT_API_ERROR'
    | 'WECHAT_UNREACHABLE'
    | 'INVALID_RESPONSE'

/** Starts the line that ends a development message: the docs section of its code. */
const DOCS_LINE = `\nSee ${ERRORS_PAGE_URL}#`

/** `text` without the docs lines of the messages it was built from. */
function withoutDocsLines(text: string): string {
  const [first = '', ...rest] = text.split(DOCS_LINE)
  return first + rest.map(part => part.replace(/^\w+/, '')).join('')
}

/** Extra facts attached to a {@link WechatLoginError}. */
export interface WechatLoginErrorDetails {
  /** The option or parameter at fault, as the caller spells it (e.g. `redirectUri`). */
  option?: string
  /** The error that caused this one. */
  cause?: unknown
}

/**
 * The one error type of wechat-qr-login. `code` says what went wrong, `option` (when set) names
 * the option at fault, and the message says how to fix it; in development it ends with a link to
 * the docs section of the code (`\nSee https://wechat-qr-login.github.io/reference/errors#…`).
 *
 * @example
 * try {
 *   buildAuthorizeUrl({ appid, redirectUri, state })
 * }
 * catch (error) {
 *   if (error instanceof WechatLoginError && error.code === 'INVALID_REDIRECT_URI')
 *     showConfigHelp(error.message)
 * }
 */
export class WechatLoginError extends Error {
  override readonly name: string = 'WechatLoginError'
  /** What went wrong, stable across versions. */
  readonly code: WechatLoginErrorCode
  /** The option or parameter at fault, when there is one. */
  readonly option?: string

  constructor(code: WechatLoginErrorCode, message: string, details: WechatLoginErrorDetails = {}) {
    // A message built from another error's has one docs line, this code's.
    const text = devOnly(() => __DEV__ && `${withoutDocsLines(message)}\nSee ${errorDocsUrl(code)}`) || message
    super(`${MESSAGE_PREFIX} ${text}`, details.cause === undefined ? undefined : { cause: details.cause })
    this.code = code
    if (details.option !== undefined)
      this.option = details.option
  }

  /** A plain object that is safe to send to a browser: the code and option, no stack or cause. */
  toJSON(): { name: string, code: WechatLoginErrorCode, option?: string, message: string } {
    return { name: this.name, code: this.code, ...(this.option === undefined ? {} : { option: this.option }), message: this.message }
  }
}

/** Whether `value` is a {@link WechatLoginError}, optionally with one of the given codes. */
export function isWechatLoginError(value: unknown, ...codes: WechatLoginErrorCode[]): value is WechatLoginError {
  return value instanceof WechatLoginError && (codes.length === 0 || codes.includes(value.code))
}

/**
 * The text of an error message without what `WechatLoginError` adds to it (the prefix, the docs
 * link), to build another error or a log line from it; `''` when `message` is not a string.
 */
export function bareMessage(message: unknown): string {
  if (typeof message !== 'string')
    return ''
  const text = message.startsWith(`${MESSAGE_PREFIX} `) ? message.slice(MESSAGE_PREFIX.length + 1) : message
  // Only development messages have docs lines.
  return devOnly(() => __DEV__ && withoutDocsLines(text)) || text
}
