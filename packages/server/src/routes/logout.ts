import type { WechatSessionResponse } from '@wechat-qr-login/core'
import type { Route } from '../internal/route'
import { assertJsonRequest } from '../internal/body'
import { json } from '../internal/respond'
import { clearSessionCookies } from '../internal/session-cookie'

/** `POST {basePath}/logout` (JSON, so no other site can send it) → `{ authenticated: false }`. */
export const logoutRoute: Route = {
  method: 'POST',
  session: true,
  async handle(context, runtime) {
    assertJsonRequest(context.request)
    clearSessionCookies(context, runtime.options)
    const answer: WechatSessionResponse = { authenticated: false }
    return json(context, answer)
  },
}
