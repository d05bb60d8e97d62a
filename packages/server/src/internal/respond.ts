import type { RequestContext } from './request-context'
import { FastResponse } from 'srvx'

/**
 * Headers as `[name, value]` pairs: every runtime's `Response` takes them, and srvx's
 * `FastResponse` (a plain `Response` outside Node) hands them to Node as they are.
 */
export type HeaderPairs = [string, string][]

function withSetCookies(context: RequestContext, headers: HeaderPairs): HeaderPairs {
  for (const cookie of context.setCookies)
    headers.push(['set-cookie', cookie])
  return headers
}

/** A JSON answer that no cache keeps and no browser sniffs, with the request's cookies. */
export function json(context: RequestContext, body: unknown, status = 200, extraHeaders: HeaderPairs = []): Response {
  const headers: HeaderPairs = [
    ['content-type', 'application/json; charset=utf-8'],
    ['cache-control', 'no-store'],
    ['x-content-type-options', 'nosniff'],
    ...extraHeaders,
  ]
  return new FastResponse(JSON.stringify(body), { status, headers: withSetCookies(context, headers) })
}

/** A 302 of the top window, with the request's cookies; the URL it leaves (code, state) goes to no one. */
export function redirect(context: RequestContext, location: string): Response {
  const headers: HeaderPairs = [['location', location], ['cache-control', 'no-store'], ['referrer-policy', 'no-referrer']]
  return new FastResponse(null, { status: 302, headers: withSetCookies(context, headers) })
}

/** A response the app built (its headers may be immutable), with the request's cookies added. */
export function withCookies(context: RequestContext, response: Response): Response {
  if (context.setCookies.length === 0)
    return response
  const copy = new Response(response.body, response)
  for (const cookie of context.setCookies)
    copy.headers.append('set-cookie', cookie)
  return copy
}
