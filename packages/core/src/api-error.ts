import type { WechatErrorResponse } from './api-types'
import type { WechatErrcodeCategory } from './errcodes'
import { describeErrcode } from './errcodes'
import { WechatLoginError } from './login-error'

/**
 * An `{ errcode, errmsg }` answer from a WeChat API, as an error. Decide with `errcode` or
 * `category`, never with `errmsg`: it carries request-id suffixes that change on every call.
 *
 * @example
 * catch (error) {
 *   if (error instanceof WechatApiError && error.category === 'invalid-code')
 *     return restartLogin()
 * }
 */
export class WechatApiError extends WechatLoginError {
  override readonly name = 'WechatApiError'
  /** WeChat's error number. */
  readonly errcode: number
  /** WeChat's message, including its `rid:` suffix; for logs only. `''` when WeChat sent none. */
  readonly errmsg: string
  /** What the errcode means for the flow. */
  readonly category: WechatErrcodeCategory
  /** The API path that answered, e.g. `/sns/oauth2/access_token`. */
  readonly endpoint?: string

  constructor(response: WechatErrorResponse, options: { endpoint?: string } = {}) {
    const info = describeErrcode(response.errcode)
    const where = options.endpoint ? ` ${options.endpoint}` : ''
    super('WECHAT_API_ERROR', `WeChat API${where} answered errcode ${response.errcode} (${info.meaning}). ${info.fix}`)
    this.errcode = response.errcode
    // WeChat omits errmsg on some answers (and `isWechatErrorResponse` only checks errcode).
    this.errmsg = typeof response.errmsg === 'string' ? response.errmsg : ''
    this.category = info.category
    if (options.endpoint !== undefined)
      this.endpoint = options.endpoint
  }

  /** Whether a retry of an idempotent call may succeed (WeChat was busy). */
  get retryable(): boolean {
    return this.category === 'busy'
  }

  /** Whether this error carries one of the given errcodes. */
  is(...errcodes: number[]): boolean {
    return errcodes.includes(this.errcode)
  }
}
