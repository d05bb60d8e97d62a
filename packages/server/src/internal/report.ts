import type { WechatHttpError } from '../http-error'
import type { ResolvedAuthOptions } from '../options'
import { WechatApiError, WechatLoginError } from '@wechat-qr-login/core'
import { bareMessage, MESSAGE_PREFIX } from '@wechat-qr-login/core/internal'

function describeFailure(error: WechatHttpError): string {
  const cause = error.cause
  if (cause instanceof WechatApiError) {
    // WeChat's request id is what its support asks for; the rest of errmsg stays out of logs.
    const rid = /(?:rid|req_id):\s*([\w-]+)/.exec(cause.errmsg)?.[1]
    return `${cause.code} errcode ${cause.errcode} (${cause.category}) from ${cause.endpoint}${rid ? ` [rid ${rid}]` : ''}: ${bareMessage(cause.message)}`
  }
  if (cause instanceof WechatLoginError)
    return `${cause.code}: ${bareMessage(cause.message)}`
  if (cause instanceof Error)
    return `${error.code}: onLogin or the runtime threw ${cause.name}: ${cause.message}`
  return `${error.code}: ${bareMessage(error.message)}`
}

/**
 * Logs a failure (`where`: what failed, e.g. `GET /auth/wechat/callback`): the browser's and the
 * user's as warnings, WeChat's, the store's and the configuration's as errors. A cancelled login
 * is no failure. Nothing secret is in the line.
 */
export function reportFailure(logger: ResolvedAuthOptions['logger'], error: WechatHttpError, where: string): void {
  if (error.code === 'LOGIN_DENIED')
    return
  const level = error.statusCode >= 500 ? 'error' : 'warn'
  logger?.[level](`${MESSAGE_PREFIX} ${where} failed with ${describeFailure(error)}`)
}
