import type {
  WechatAccessTokenResponse,
  WechatRefreshTokenResponse,
  WechatUserInfo,
  WechatUserInfoLang,
} from '@wechat-qr-login/core'
import {
  assertAppid,
  assertBaseUrl,
  isWechatErrorResponse,
  WECHAT_ENDPOINTS,
  WechatApiError,
  WechatLoginError,
} from '@wechat-qr-login/core'
import { assertSecret, assertTimerDelay } from './internal/assert'
import { MAX_CODE_LENGTH } from './internal/login-code'
import { fetchGet, nodeGet } from './internal/transport'

/** Options of {@link createWechatClient}. */
export interface WechatClientOptions {
  /** The website app's AppID (`wx` + 16 hex characters). */
  appid: string
  /** The AppSecret. Server-side only: it is sent to `apiBase` and nowhere else. */
  secret: string
  /**
   * Origin of WeChat's server APIs; point it at the emulator to work offline.
   * @default 'https://api.weixin.qq.com'
   */
  apiBase?: string
  /**
   * The `fetch` to call WeChat with (through a proxy, a test double, a tracing wrapper). Unset,
   * Node's own `http`/`https` clients call WeChat, over kept-alive connections; other runtimes
   * use their global `fetch`.
   * @default Node's http/https clients in Node, else globalThis.fetch
   */
  fetch?: typeof globalThis.fetch
  /**
   * Milliseconds one call may take, body included, before it fails with `WECHAT_UNREACHABLE`
   * (its `cause` a `TimeoutError`): above 0, at
   * most 2147483647 (setTimeout's limit).
   * @default 10000
   */
  timeout?: number
  /**
   * Milliseconds to wait before the single retry of a call that may be retried: 0 to 2147483647
   * (setTimeout's limit).
   * @default 300
   */
  retryDelay?: number
  /**
   * Language of the region names in `/sns/userinfo` (WeChat's own default is disputed, so it is
   * always sent).
   * @default 'zh_CN'
   */
  lang?: WechatUserInfoLang
}

/** The calls of WeChat's website-login API. Every failure is a `WechatLoginError`. */
export interface WechatClient {
  /**
   * `GET /sns/oauth2/access_token`: trades a login code (single use, 10 minutes) for tokens.
   * Retried once only when WeChat answered errcode -1 (busy), never after a timeout or a network
   * error, since the code may already have been consumed.
   */
  exchangeCode: (code: string) => Promise<WechatAccessTokenResponse>
  /** `GET /sns/oauth2/refresh_token`: extends or renews an access token (refresh tokens last 30 days). */
  refreshToken: (refreshToken: string) => Promise<WechatRefreshTokenResponse>
  /**
   * `GET /sns/auth`: `true` while the access token is valid for this openid, `false` when WeChat
   * says it is not (expired, wrong, not this user's); other failures throw.
   */
  checkToken: (accessToken: string, openid: string) => Promise<boolean>
  /** `GET /sns/userinfo`: nickname, avatar and unionid of the token's user. */
  getUserInfo: (accessToken: string, openid: string, lang?: WechatUserInfoLang) => Promise<WechatUserInfo>
}

/** A failure worth one more try of an idempotent call: the answer was HTTP 5xx. */
class WechatHttpStatusError extends WechatLoginError {
  constructor(readonly status: number, endpoint: string) {
    super('INVALID_RESPONSE', `WeChat API ${endpoint} answered HTTP ${status} without a WeChat error body. WeChat or a gateway in front of it failed; try again later.`)
  }
}

type RetryRule = (error: unknown) => boolean

/** errcode -1: WeChat did not process the request, so repeating it is safe even for a code. */
const isBusy: RetryRule = error => error instanceof WechatApiError && error.retryable

/** Idempotent calls also survive a dropped connection or a failing gateway. */
const isTransient: RetryRule = error => isBusy(error)
  || (error instanceof WechatLoginError && error.code === 'WECHAT_UNREACHABLE' && !(error.cause instanceof Error && error.cause.name === 'TimeoutError'))
  || (error instanceof WechatHttpStatusError && error.status >= 500)

function requireString(value: unknown, name: string, maxLength = 1024): asserts value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > maxLength)
    throw new WechatLoginError('INVALID_REQUEST', `Pass "${name}" as a non-empty string of at most ${maxLength} characters (as WeChat gave it).`, { option: name })
}

function requireFields(body: Record<string, unknown>, fields: string[], endpoint: string): void {
  for (const field of fields) {
    if (typeof body[field] !== 'string' || body[field] === '')
      throw new WechatLoginError('INVALID_RESPONSE', `WeChat API ${endpoint} answered without "${field}". Check that "apiBase" points at WeChat or the emulator.`)
  }
}

/**
 * Reads an answer: JSON whatever its Content-Type (WeChat sends `text/plain`), an errcode on any
 * HTTP status, then the status, then empty and non-JSON bodies.
 */
function parseAnswer(text: string, status: number, endpoint: string): Record<string, unknown> {
  let body: unknown
  let parsed = true
  try {
    body = JSON.parse(text)
  }
  catch {
    // The parser's message quotes the body, which may be a gateway page echoing the request URL
    // (secret and code included), so it is not kept as a cause.
    parsed = false
  }
  if (isWechatErrorResponse(body))
    throw new WechatApiError(body, { endpoint })
  if (status < 200 || status > 299)
    throw new WechatHttpStatusError(status, endpoint)
  if (text.trim() === '')
    throw new WechatLoginError('INVALID_RESPONSE', `WeChat API ${endpoint} answered with an empty body (WeChat does this for some wrong appid/secret pairs). Check "appid", "secret" and "apiBase".`)
  if (!parsed)
    throw new WechatLoginError('INVALID_RESPONSE', `WeChat API ${endpoint} answered with a body that is not JSON. Check that "apiBase" points at WeChat or the emulator, not at a web page.`)
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new WechatLoginError('INVALID_RESPONSE', `WeChat API ${endpoint} answered with JSON that is not an object. Check that "apiBase" points at WeChat or the emulator.`)
  return body as Record<string, unknown>
}

function delay(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms))
}

/**
 * A client for WeChat's website-login API with its real quirks handled: GET with query
 * parameters, JSON sent as `text/plain`, `errcode` on HTTP 200 (a {@link WechatApiError}),
 * empty and non-JSON bodies, a timeout per call, and one bounded retry where it is safe.
 *
 * Errors: `WECHAT_API_ERROR` ({@link WechatApiError}, with `errcode`) when WeChat answered an
 * errcode; `INVALID_RESPONSE` for empty, non-JSON, incomplete or HTTP-5xx answers;
 * `WECHAT_UNREACHABLE` when WeChat could not be reached, or did not answer within `timeout` ms
 * (then its `cause` is a `DOMException` named `TimeoutError`). Messages
 * never contain the secret, the code or a token.
 *
 * @example
 * const client = createWechatClient({ appid, secret: process.env.WECHAT_SECRET! })
 * const token = await client.exchangeCode(code)
 * const info = await client.getUserInfo(token.access_token, token.openid)
 */
export function createWechatClient(options: WechatClientOptions): WechatClient {
  const {
    appid,
    secret,
    apiBase = WECHAT_ENDPOINTS.apiBase,
    fetch: fetchImpl,
    timeout = 10_000,
    retryDelay = 300,
    lang = 'zh_CN',
  } = options
  assertAppid(appid)
  assertSecret(secret, 'secret', 1)
  assertBaseUrl(apiBase, 'apiBase')
  assertTimerDelay(timeout, 'timeout')
  assertTimerDelay(retryDelay, 'retryDelay', true)
  if (fetchImpl !== undefined && typeof fetchImpl !== 'function')
    throw new WechatLoginError('INVALID_OPTION', 'Invalid "fetch": pass a fetch function, or leave it out.', { option: 'fetch' })
  const send = fetchImpl ? fetchGet(fetchImpl) : nodeGet() ?? fetchGet(globalThis.fetch)

  const base = apiBase.replace(/\/+$/, '')

  async function get(endpoint: string, query: Record<string, string>): Promise<Record<string, unknown>> {
    const url = `${base}${endpoint}?${new URLSearchParams(query)}`
    const controller = new AbortController()
    // setTimeout rather than AbortSignal.timeout(): fake timers can drive it in tests.
    const timer = setTimeout(() => controller.abort(new DOMException(`No answer within ${timeout} ms.`, 'TimeoutError')), timeout)
    let status: number
    let text: string
    try {
      ({ status, text } = await send(url, controller.signal))
    }
    catch (error) {
      if (controller.signal.aborted)
        throw new WechatLoginError('WECHAT_UNREACHABLE', `WeChat API ${endpoint} did not answer within ${timeout} ms. Raise "timeout" or check the network path to "apiBase".`, { cause: controller.signal.reason })
      // fetch() puts the system error in `cause`; Node's http client throws it itself.
      const failure = error as { code?: unknown, cause?: { code?: unknown } } | undefined
      const reason = failure?.cause?.code ?? failure?.code
      const detail = typeof reason === 'string' && /^[A-Z_]+$/.test(reason) ? ` (${reason})` : ''
      throw new WechatLoginError('WECHAT_UNREACHABLE', `WeChat API ${endpoint} could not be reached${detail}. Check the network path to "apiBase" (DNS, proxy, firewall).`, { cause: error })
    }
    finally {
      clearTimeout(timer)
    }
    return parseAnswer(text, status, endpoint)
  }

  async function withRetry<T>(call: () => Promise<T>, shouldRetry: RetryRule): Promise<T> {
    try {
      return await call()
    }
    catch (error) {
      if (!shouldRetry(error))
        throw error
    }
    await delay(retryDelay)
    return call()
  }

  return {
    async exchangeCode(code) {
      requireString(code, 'code', MAX_CODE_LENGTH)
      const endpoint = '/sns/oauth2/access_token'
      const body = await withRetry(() => get(endpoint, { appid, secret, code, grant_type: 'authorization_code' }), isBusy)
      requireFields(body, ['access_token', 'openid'], endpoint)
      return body as unknown as WechatAccessTokenResponse
    },
    async refreshToken(refreshToken) {
      requireString(refreshToken, 'refreshToken')
      const endpoint = '/sns/oauth2/refresh_token'
      const body = await withRetry(() => get(endpoint, { appid, grant_type: 'refresh_token', refresh_token: refreshToken }), isTransient)
      requireFields(body, ['access_token', 'openid'], endpoint)
      return body as unknown as WechatRefreshTokenResponse
    },
    async checkToken(accessToken, openid) {
      requireString(accessToken, 'accessToken')
      requireString(openid, 'openid')
      try {
        await withRetry(() => get('/sns/auth', { access_token: accessToken, openid }), isTransient)
        return true
      }
      catch (error) {
        if (error instanceof WechatApiError && error.category === 'invalid-token')
          return false
        throw error
      }
    },
    async getUserInfo(accessToken, openid, userLang = lang) {
      requireString(accessToken, 'accessToken')
      requireString(openid, 'openid')
      const endpoint = '/sns/userinfo'
      const body = await withRetry(() => get(endpoint, { access_token: accessToken, openid, lang: userLang }), isTransient)
      requireFields(body, ['openid'], endpoint)
      return body as unknown as WechatUserInfo
    },
  }
}
