import type { WechatLoginErrorCode } from '@wechat-qr-login/core'
import { WechatLoginError } from '@wechat-qr-login/core'
import { bareMessage, devOnly } from '@wechat-qr-login/core/internal'

/** Options of {@link requestJson}. */
export interface RequestJsonOptions {
  /**
   * HTTP method; a `POST` sends `body` as JSON (the server refuses other content types).
   * @default 'GET'
   */
  method?: 'GET' | 'POST'
  /**
   * JSON body of a `POST`.
   * @default {}
   */
  body?: unknown
  /**
   * Milliseconds before the request fails with `TIMEOUT`, until its JSON body is read.
   * @default 15000
   */
  timeout?: number
}

/** Development-only advice for an answer that is not the server package's. */
const NO_SERVER_FIX = ' Mount the server package at "authBase" (default "/auth/wechat"), or pass "exchange" to createWechatLogin() for your own backend.'

function describeUrl(url: URL): string {
  return url.origin === location.origin ? url.pathname : `${url.origin}${url.pathname}`
}

function readErrorBody(body: unknown): { code: WechatLoginErrorCode, message: string } | undefined {
  const error = (body as { error?: { code?: unknown, message?: unknown } } | null)?.error
  if (typeof error?.code !== 'string' || !/^[A-Z_]+$/.test(error.code))
    return undefined
  return { code: error.code as WechatLoginErrorCode, message: bareMessage(error.message) }
}

/**
 * Calls a JSON route of the server package; `timeout` covers the whole request, JSON body
 * included. Cookies go along (`credentials: 'include'`) only when the route is on another
 * origin; errors become a `WechatLoginError` whose message names the route and the likely fix.
 */
export async function requestJson(url: string, options: RequestJsonOptions = {}): Promise<unknown> {
  const { method = 'GET', body = {}, timeout = 15_000 } = options
  const target = new URL(url, location.href)
  const route = `${method} ${describeUrl(target)}`
  const controller = new AbortController()
  // Aborting also errors a body still being read, so the timer runs until the JSON is in: a
  // server that stalls after its headers times out too.
  const timer = setTimeout(() => controller.abort(), timeout)
  let response: Response | undefined
  let data: unknown
  try {
    response = await fetch(target.href, {
      method,
      credentials: target.origin === location.origin ? 'same-origin' : 'include',
      headers: method === 'POST' ? { 'Accept': 'application/json', 'Content-Type': 'application/json' } : { Accept: 'application/json' },
      body: method === 'POST' ? JSON.stringify(body) : undefined,
      signal: controller.signal,
    })
    data = await response.json()
  }
  catch (cause) {
    if (controller.signal.aborted)
      throw new WechatLoginError('TIMEOUT', devOnly(() => __DEV__ && `${route} did not answer within ${timeout} ms. Check that the server is up, or raise "requestTimeout".`) || `${route} timed out.`, { cause })
    if (!response)
      throw new WechatLoginError('NETWORK_ERROR', devOnly(() => __DEV__ && `${route} could not be reached. Check the network and that the server package is mounted at "authBase" (CORS and credentials are needed when it is on another origin).`) || `${route} could not be reached.`, { cause })
    throw new WechatLoginError('INVALID_RESPONSE', `${route} answered HTTP ${response.status} without JSON.${devOnly(() => __DEV__ && NO_SERVER_FIX) || ''}`, { cause })
  }
  finally {
    clearTimeout(timer)
  }
  if (!response.ok) {
    const error = readErrorBody(data)
    if (error)
      throw new WechatLoginError(error.code, error.message || `${route} failed with HTTP ${response.status}.`)
    throw new WechatLoginError('INVALID_RESPONSE', `${route} failed with HTTP ${response.status}.${devOnly(() => __DEV__ && NO_SERVER_FIX) || ''}`)
  }
  return data
}
