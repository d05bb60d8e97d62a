import type { WechatSessionResponse } from '@wechat-qr-login/core'
import type { Route } from '../internal/route'
import { WechatHttpError } from '../http-error'
import { readJsonBody } from '../internal/body'
import { json } from '../internal/respond'
import { clearSessionCookies, sealedSession } from '../internal/session-cookie'

/**
 * `POST {basePath}/logout` (JSON, so no other site can send it), body `{}` or
 * `{ "everywhere": true }` → `{ authenticated: false }`. The cookie is cleared; with a session
 * store the session ends on every instance, and `everywhere` ends every session of the user.
 */
export const logoutRoute: Route = {
  method: 'POST',
  session: true,
  async handle(context, runtime) {
    const { options } = runtime
    const body = await readJsonBody(context.request) as { everywhere?: unknown } | undefined
    const everywhere = body?.everywhere ?? false
    if (typeof everywhere !== 'boolean')
      throw new WechatHttpError('INVALID_REQUEST', 'Send {} or { "everywhere": true } as JSON.')
    if (everywhere && !options.sessions)
      throw new WechatHttpError('INVALID_REQUEST', '"everywhere" needs a session store: give createWechatAuth() a "store".')
    const session = options.sessions && await sealedSession(context, options)
    // Cleared first: should the store fail, this browser is still logged out.
    clearSessionCookies(context, options)
    if (session && everywhere)
      await options.sessions!.endAll(session.user.id)
    else if (session?.handle)
      await options.sessions!.end(session.handle)
    const answer: WechatSessionResponse = { authenticated: false }
    return json(context, answer)
  },
}
