import type { IncomingMessage, ServerResponse } from 'node:http'
import { NodeRequest, sendNodeResponse } from 'srvx/node'

/** A fetch-standard handler that may decline a request by answering `undefined`. */
export type OptionalFetchHandler = (request: Request) => Response | undefined | Promise<Response | undefined>

/**
 * A Node.js request listener that is also a Connect/Express middleware: `next` is called for
 * requests the handler declines, and with the error if it throws.
 */
export type NodeMiddleware = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => Promise<void>

/**
 * The fetch `Request` of a Node.js request (srvx's `NodeRequest`: lazy, body streamed on
 * demand), as the middleware builds it. Use it to read the session in your own routes, so that
 * protocol and host are derived exactly as for the handler's routes.
 *
 * @example
 * app.get('/api/me', async (req, res) => res.json(await auth.getSession(toWebRequest(req))))
 */
export function toWebRequest(req: IncomingMessage): Request {
  return new NodeRequest({ req })
}

/**
 * Mounts a fetch-standard handler in Node.js: `http.createServer(…)`, Express, Connect and Vite's
 * `server.middlewares`. srvx converts the request and sends the response; unlike srvx's
 * `toNodeHandler`, requests the handler declines (it answers `undefined`) go to `next()`, or get
 * a 404 when there is no `next` (a plain `http.createServer`).
 *
 * Mount it at the root (`app.use(middleware)`), not under a path: Express and Connect strip a
 * mount path from `req.url`, and the handler matches its own `basePath`. Mount it before body
 * parsers, which would consume the body of `POST {basePath}/exchange`.
 *
 * @example
 * const app = express()
 * app.use(toNodeMiddleware(createWechatAuth(options)))
 */
export function toNodeMiddleware(handler: OptionalFetchHandler): NodeMiddleware {
  return async (req, res, next) => {
    let response: Response | undefined
    try {
      response = await handler(new NodeRequest({ req, res }))
    }
    catch (error) {
      if (next)
        return next(error)
      response = new Response(null, { status: 500 })
    }
    if (response === undefined) {
      if (next)
        return next()
      response = new Response('Not Found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } })
    }
    await sendResponse(res, response)
  }
}

/** Sends a fetch `Response` on `res`, every Set-Cookie header included (see `withoutSetCookie`). */
export async function sendResponse(res: ServerResponse, response: Response): Promise<void> {
  await sendNodeResponse(res, withoutSetCookie(res, response)).catch(() => res.destroy())
}

/**
 * Puts the response's Set-Cookie headers on `res` as one list and returns the response without
 * them. srvx hands `writeHead()` a raw header list, and once another middleware has set a header
 * (Express's X-Powered-By, Vite's CORS Vary), Node 20 applies that list with `setHeader()`: each
 * Set-Cookie then replaces the previous one, and only the last cookie reaches the browser. On a
 * bare `res` the list goes out as it is, repeated headers included, so nothing needs moving (and
 * srvx keeps its fast path for a `FastResponse`).
 */
function withoutSetCookie(res: ServerResponse, response: Response): Response {
  if (res.headersSent || res.getHeaderNames().length === 0)
    return response
  const cookies = response.headers.getSetCookie()
  if (cookies.length === 0)
    return response
  res.appendHeader('set-cookie', cookies)
  try {
    response.headers.delete('set-cookie')
    return response
  }
  catch {
    // The headers of a fetch() answer or of Response.redirect() are immutable.
    const copy = new Response(response.body, response)
    copy.headers.delete('set-cookie')
    return copy
  }
}
