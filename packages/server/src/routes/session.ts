import type { WechatSessionResponse } from '@wechat-qr-login/core'
import type { Route } from '../internal/route'
import { json } from '../internal/respond'
import { readSession } from '../internal/session-cookie'

/**
 * `GET {basePath}/session` → `WechatSessionResponse`. It also completes the hand-over of a
 * session opened in WeChat's cross-site iframe (`self_redirect`): a same-origin request may set
 * the `Lax` session cookie that the iframe's answer could not.
 */
export const sessionRoute: Route = {
  method: 'GET',
  session: true,
  async handle(context, runtime) {
    const session = await readSession(context, runtime.options, true)
    const answer: WechatSessionResponse = session ? { authenticated: true, user: session.user, expiresAt: session.expiresAt } : { authenticated: false }
    return json(context, answer)
  },
}
