import type { WechatLoginErrorCode } from '@wechat-qr-login/core'
import { WechatLoginError } from '@wechat-qr-login/core'
import { bareMessage, devOnly } from '@wechat-qr-login/core/internal'

/** Options of {@link requestJson}. */
export interface RequestJsonOptions {
  /**
   * JSON body: when set, the request is a `POST` (the server refuses other content types).
   * @default undefined (a `GET`)
   */
  body?: object
  /**
   * Milliseconds before the request fails with `TIMEOUT`, until its JSON body is read.
   * @default 15000
   */
  timeout?: number
}

/** Development-only advice for an answer that is not the server package's. */
const NO_SERVER_FIX = ' Mount the server package at "authBase" (default "/auth/wechat"), or pass "exchange" to createWechatLogin() for your own backend.'

/**
 * Calls a JSON route of the server package; `timeout` covers the whole request, JSON body
 * included. Cookies go along (`credentials: 'include'`) only when the route is on another
 * origin; errors become a `WechatLoginError` whose message names the route and the likely fix.
 */
export async function requestJson(url: string, options: RequestJsonOptions = {}): Promise<unknown> {
  const { body, timeout = 15_000 } = options
  const target = new URL(url, location.href)
  const sameOrigin = target.origin === location.origin
  const route = `${body ? 'POST' : 'GET'} ${sameOrigin ? target.pathname : target.origin + target.pathname}`
  const controller = new AbortController()
  // Aborting also errors a body still being read, so the timer runs until the JSON is in: a
  // server that stalls after its headers times out too.
  const timer = setTimeout(() => controller.abort(), timeout)
  let response: Response | undefined
  let data: any
  try {
    response = await fetch(target.href, {
      method: body ? 'POST' : 'GET',
      credentials: sameOrigin ? 'same-origin' : 'include',
      // The server package refuses a POST body of any other type.
      headers: body && { 'Content-Type': 'application/json' },
      body: body && JSON.stringify(body),
      signal: controller.signal,
    })
    data = await response.json()
  }
  catch (cause) {
    throw controller.signal.aborted
      ? new WechatLoginError('TIMEOUT', devOnly(() => __DEV__ && `${route} did not answer within ${timeout} ms. Check that the server is up, or raise "requestTimeout".`) || `${route} timed out.`, { cause })
      : response
        ? new WechatLoginError('INVALID_RESPONSE', `${route} answered HTTP ${response.status} without JSON.${devOnly(() => __DEV__ && NO_SERVER_FIX) || ''}`, { cause })
        : new WechatLoginError('NETWORK_ERROR', devOnly(() => __DEV__ && `${route} could not be reached. Check the network and that the server package is mounted at "authBase" (CORS and credentials are needed when it is on another origin).`) || `${route} could not be reached.`, { cause })
  }
  finally {
    clearTimeout(timer)
  }
  if (response.ok)
    return data
  // The server package's error body: `{ error: { code, message } }`.
  const code: unknown = data?.error?.code
  throw typeof code === 'string' && /^[A-Z_]+$/.test(code)
    ? new WechatLoginError(code as WechatLoginErrorCode, bareMessage(data.error.message) || `${route} failed with HTTP ${response.status}.`)
    : new WechatLoginError('INVALID_RESPONSE', `${route} failed with HTTP ${response.status}.${devOnly(() => __DEV__ && NO_SERVER_FIX) || ''}`)
}
