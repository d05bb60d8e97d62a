import type { WechatSessionResponse } from '@wechat-qr-login/core'
import type { Route } from '../internal/route'
import { WechatHttpError } from '../http-error'
import { readJsonBody } from '../internal/body'
import { loginOnce } from '../internal/login'
import { isWellFormedCode } from '../internal/login-code'
import { json, withCookies } from '../internal/respond'
import { takeState } from '../internal/state-cookie'

/**
 * `POST {basePath}/exchange` `{ code, state }`: the callback's work for a front-end callback
 * route → `WechatSessionResponse`.
 */
export const exchangeRoute: Route = {
  method: 'POST',
  async handle(context, runtime) {
    const body = await readJsonBody(context.request) as { code?: unknown, state?: unknown } | undefined
    const { code, state } = body ?? {}
    if (!isWellFormedCode(code) || typeof state !== 'string')
      throw new WechatHttpError('INVALID_REQUEST', 'Send { "code": string, "state": string } as JSON.')
    const record = await takeState(context, runtime.options, state)
    const outcome = await loginOnce(context, runtime, record, code, false)
    if ('response' in outcome)
      return withCookies(context, outcome.response)
    const answer: WechatSessionResponse = { authenticated: true, user: outcome.user, expiresAt: outcome.expiresAt }
    return json(context, answer)
  },
}
