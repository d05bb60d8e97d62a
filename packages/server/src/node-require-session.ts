import type { IncomingMessage, ServerResponse } from 'node:http'
import type { WechatAuth, WechatSession } from './handler'
import { sendResponse, toWebRequest } from './node-middleware'

declare module 'node:http' {
  interface IncomingMessage {
    /** The session that `requireSession()` found for this request. */
    wechatSession?: WechatSession
  }
}

/** A Connect/Express middleware: `(req, res, next)`. */
export type NodeGuard = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => Promise<void>

/**
 * Guards your own API routes in Node (Express, Connect, a Vite middleware): a signed-in request
 * goes on to `next()` with its session on `req.wechatSession`; any other gets the JSON answer of
 * `auth.requireSession()`, a `401` (`NOT_AUTHENTICATED`) or, when the session store fails, a
 * `503` (`STORE_UNAVAILABLE`).
 *
 * @example
 * app.get('/api/me', requireSession(auth), (req, res) => {
 *   res.json({ nickname: req.wechatSession!.user.nickname })
 * })
 */
export function requireSession(auth: Pick<WechatAuth, 'requireSession'>): NodeGuard {
  return async (req, res, next) => {
    let answer: WechatSession | Response
    try {
      answer = await auth.requireSession(toWebRequest(req))
    }
    catch (error) {
      return next(error)
    }
    if (answer instanceof Response)
      return sendResponse(res, answer)
    req.wechatSession = answer
    next()
  }
}
