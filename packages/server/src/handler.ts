import type {
  WechatLoginMode,
  WechatRelayResult,
  WechatReturnPathRefusal,
  WechatSessionResponse,
  WechatStateResponse,
  WechatUser,
} from '@wechat-qr-login/core'
import type { WechatClient } from './client'
import type { RelayTarget } from './internal/relay-page'
import type { RequestContext } from './internal/request-context'
import type { StateRecord } from './internal/state-cookie'
import type { WechatAuthOptions } from './options'
import {
  checkReturnPath,
  createRelayMessage,
  LOGIN_ERROR_PARAM,
  MAX_RETURN_PATH_BYTES,
  STATE_QUERY,
  WechatApiError,
  wechatIdentity,
  WechatLoginError,
} from '@wechat-qr-login/core'
import { bareMessage, isLoginMode, LOGIN_MODES, MESSAGE_PREFIX } from '@wechat-qr-login/core/internal'
import { FastResponse } from 'srvx'
import { toHttpError, WechatHttpError } from './http-error'
import { assertJsonRequest, readJsonBody } from './internal/body'
import { isWellFormedCode } from './internal/login-code'
import { relayPage } from './internal/relay-page'
import { createReplayGuard } from './internal/replay-guard'
import { createRequestContext } from './internal/request-context'
import { clearSessionCookies, createPendingSessionCookie, createSessionCookie, isWechatUser, readSession } from './internal/session-cookie'
import { consumeState, isCrossSiteFrame, issueState, isWellFormedState } from './internal/state-cookie'
import { resolveAuthOptions } from './options'

/**
 * The fetch-standard handler made by {@link createWechatAuth}: a `Response` for the routes under
 * `basePath`, `undefined` for every other request (hand it to the rest of your app).
 */
export interface WechatAuth {
  (request: Request): Promise<Response | undefined>
  /**
   * The session of a request, for your own routes: `{ authenticated: true, user, expiresAt }` or
   * `{ authenticated: false }`. Never throws.
   */
  getSession: (request: Request) => Promise<WechatSessionResponse>
  /** The routes' prefix, e.g. `/auth/wechat`. */
  readonly basePath: string
  /** The WeChat API client the handler uses (for `refreshToken` and `checkToken` in your code). */
  readonly client: WechatClient
}

type Route = 'state' | 'callback' | 'exchange' | 'session' | 'logout'

const ROUTE_METHODS: Record<Route, 'GET' | 'POST'> = {
  state: 'GET',
  callback: 'GET',
  exchange: 'POST',
  session: 'GET',
  logout: 'POST',
}

/** What a browser reads when `return_to` is refused, by reason: fixed sentences, never the path. */
const RETURN_PATH_REFUSALS: Record<WechatReturnPathRefusal, string> = {
  'malformed': `"${STATE_QUERY.returnTo}" must be a path on this site: one leading "/", no backslash, control character or encoded "/".`,
  'not-allowed': `"${STATE_QUERY.returnTo}" is outside the server's "returnPaths".`,
  'too-long': `"${STATE_QUERY.returnTo}" is over ${MAX_RETURN_PATH_BYTES} bytes once percent-encoded: return to a shorter path.`,
}

/**
 * Headers as `[name, value]` pairs: every runtime's `Response` takes them, and srvx's
 * `FastResponse` (a plain `Response` outside Node) hands them to Node as they are.
 */
type HeaderPairs = [string, string][]

function withSetCookies(headers: HeaderPairs, cookies: readonly string[]): HeaderPairs {
  for (const cookie of cookies)
    headers.push(['set-cookie', cookie])
  return headers
}

function json(body: unknown, status: number, cookies: readonly string[], extraHeaders: HeaderPairs = []): Response {
  const headers: HeaderPairs = [
    ['content-type', 'application/json; charset=utf-8'],
    ['cache-control', 'no-store'],
    ['x-content-type-options', 'nosniff'],
    ...extraHeaders,
  ]
  return new FastResponse(JSON.stringify(body), { status, headers: withSetCookies(headers, cookies) })
}

/** Adds Set-Cookie headers to a response the app built (its headers may be immutable). */
function withCookies(response: Response, cookies: readonly string[]): Response {
  if (cookies.length === 0)
    return response
  const copy = new Response(response.body, response)
  for (const cookie of cookies)
    copy.headers.append('set-cookie', cookie)
  return copy
}

function describeFailure(error: WechatHttpError): string {
  const cause = error.cause
  if (cause instanceof WechatApiError) {
    // WeChat's request id is what its support asks for; the rest of errmsg stays out of logs.
    const rid = /(?:rid|req_id):\s*([\w-]+)/.exec(cause.errmsg)?.[1]
    return `${cause.code} errcode ${cause.errcode} (${cause.category}) from ${cause.endpoint}${rid ? ` [rid ${rid}]` : ''}: ${bareMessage(cause.message)}`
  }
  if (cause instanceof WechatLoginError)
    return `${cause.code}: ${bareMessage(cause.message)}`
  if (cause instanceof Error)
    return `${error.code}: onLogin or the runtime threw ${cause.name}: ${cause.message}`
  return `${error.code}: ${bareMessage(error.message)}`
}

function stateQuery(url: URL): { mode: WechatLoginMode, selfRedirect: boolean, returnTo: string | null } {
  const query = url.searchParams
  const selfRedirectValue = query.get(STATE_QUERY.selfRedirect)
  if (selfRedirectValue !== null && selfRedirectValue !== 'true' && selfRedirectValue !== 'false')
    throw new WechatHttpError('INVALID_REQUEST', `"${STATE_QUERY.selfRedirect}" must be "true" or "false".`)
  const selfRedirect = selfRedirectValue === 'true'
  const mode = query.get(STATE_QUERY.mode) ?? (selfRedirect ? 'embedded' : 'redirect')
  if (!isLoginMode(mode))
    throw new WechatHttpError('INVALID_REQUEST', `"${STATE_QUERY.mode}" must be ${LOGIN_MODES.map(name => `"${name}"`).join(', ')}.`)
  if (selfRedirect && mode !== 'embedded')
    throw new WechatHttpError('INVALID_REQUEST', `"${STATE_QUERY.selfRedirect}=true" only applies to mode "embedded".`)
  return { mode, selfRedirect, returnTo: query.get(STATE_QUERY.returnTo) }
}

/** Where the callback of a state lands, known from the state's record (never from the browser). */
function relayTarget(record: StateRecord | undefined): RelayTarget | 'top' {
  if (!record)
    return 'auto'
  if (record.mode === 'new-window')
    return 'opener'
  if (record.mode === 'embedded' && record.selfRedirect)
    return 'parent'
  return 'top'
}

/**
 * Creates the server half of WeChat website QR login as one fetch-standard handler. Routes under
 * `basePath` (default `/auth/wechat`):
 *
 * - `GET /state?mode&self_redirect&return_to`: a fresh state bound to this browser by a signed,
 *   HttpOnly, single-use cookie (10 minutes) → `WechatStateResponse`.
 * - `GET /callback?code&state`: WeChat's `redirect_uri`. Verifies the state, exchanges the code,
 *   opens the session, then redirects the top window to the return path, or answers a relay page
 *   to the popup or `self_redirect` iframe.
 * - `POST /exchange` `{ code, state }`: the same for a front-end callback route → `WechatSessionResponse`.
 * - `GET /session` → `WechatSessionResponse`; `POST /logout` → `{ authenticated: false }`.
 *
 * The session is an encrypted cookie (no server-side store). Nothing it answers carries the secret,
 * a code or a token; errors carry a code and a fixed message.
 *
 * @example
 * const auth = createWechatAuth({
 *   appid: process.env.WECHAT_APPID!,
 *   secret: process.env.WECHAT_SECRET!,
 *   sessionSecret: process.env.SESSION_SECRET!,
 * })
 * createServer(toNodeMiddleware(auth)).listen(3000)
 */
export function createWechatAuth(options: WechatAuthOptions): WechatAuth {
  const resolved = resolveAuthOptions(options)
  const { appid, basePath, client, logger, session: sessionEnabled, onLogin } = resolved
  const guard = createReplayGuard()
  let warnedInsecureFrame = false

  function report(error: WechatHttpError, route: Route): void {
    if (error.code === 'LOGIN_DENIED')
      return
    const level = error.statusCode >= 500 ? 'error' : 'warn'
    logger?.[level](`${MESSAGE_PREFIX} ${ROUTE_METHODS[route]} ${basePath}/${route} failed with ${describeFailure(error)}`)
  }

  /**
   * Exchanges the code and opens the session. `crossSiteFrame`: the answer goes to WeChat's
   * cross-site iframe, which may not set a `Lax` cookie, so the session is handed over pending.
   */
  async function login(context: RequestContext, code: string, crossSiteFrame = false): Promise<{ user: WechatUser, expiresAt: number, cookie?: string } | { response: Response }> {
    const token = await client.exchangeCode(code)
    const userInfo = await client.getUserInfo(token.access_token, token.openid)
    if (userInfo.openid !== token.openid)
      throw new WechatLoginError('INVALID_RESPONSE', 'WeChat API /sns/userinfo answered for another openid than the token\'s. Check that "apiBase" points at WeChat or the emulator.')
    const unionid = (typeof userInfo.unionid === 'string' && userInfo.unionid) || token.unionid || undefined
    let user: WechatUser = {
      id: wechatIdentity({ appid, openid: token.openid, unionid }),
      openid: token.openid,
      ...(unionid ? { unionid } : {}),
      nickname: typeof userInfo.nickname === 'string' ? userInfo.nickname : '',
      avatar: typeof userInfo.headimgurl === 'string' ? userInfo.headimgurl : '',
    }
    const result = await onLogin?.({ user, token, userInfo, request: context.request })
    if (result instanceof Response)
      return { response: result }
    if (result !== undefined) {
      if (!isWechatUser(result))
        throw new WechatLoginError('INVALID_OPTION', '"onLogin" returned a value that is neither a Response nor a WechatUser ({ id, openid, nickname, avatar }).', { option: 'onLogin' })
      user = result
    }
    if (!sessionEnabled)
      return { user, expiresAt: Date.now() + resolved.cookie.maxAge * 1000 }
    return { user, ...await (crossSiteFrame ? createPendingSessionCookie : createSessionCookie)(context, resolved, user) }
  }

  async function state(context: RequestContext, cookies: string[]): Promise<Response> {
    const { mode, selfRedirect, returnTo } = stateQuery(context.url)
    const check = returnTo === null ? { ok: true, path: resolved.defaultReturnPath } as const : checkReturnPath(returnTo, resolved.returnPaths)
    if (!check.ok)
      throw new WechatHttpError('INVALID_RETURN_PATH', RETURN_PATH_REFUSALS[check.reason])
    if (selfRedirect && !context.trustworthy && !warnedInsecureFrame) {
      warnedInsecureFrame = true
      logger?.warn(`${MESSAGE_PREFIX} An embedded QR with self_redirect was started over plain http on a host other than localhost. Its callback runs in a cross-site iframe, where Chromium only sends "SameSite=None; Secure" cookies, and those need https (or localhost). Serve the app over https, or use self_redirect: false.`)
    }
    const issued = await issueState(context, resolved, { mode, selfRedirect, returnTo: check.path })
    cookies.push(...issued.cookies)
    const body: WechatStateResponse = { state: issued.state, expiresAt: issued.expiresAt, expiresIn: issued.expiresAt - Date.now(), appid, redirectUri: context.redirectUri, openBase: resolved.openBase }
    return json(body, 200, cookies)
  }

  async function callback(context: RequestContext, cookies: string[]): Promise<Response> {
    const query = context.url.searchParams
    const stateParam = query.get('state') ?? ''
    const consumed = await consumeState(context, resolved, guard, stateParam)
    cookies.push(...consumed.cookies)
    const { record } = consumed
    const target = relayTarget(record)
    const returnTo = record?.returnTo ?? resolved.defaultReturnPath
    const crossSiteFrame = isCrossSiteFrame(context, resolved, record)
    let handOver = false

    function respond(result: WechatRelayResult, status: number): Response {
      const back = new URL(returnTo, context.appOrigin)
      back.searchParams.delete(LOGIN_ERROR_PARAM)
      if (result.type === 'error' || result.type === 'denied')
        back.searchParams.set(LOGIN_ERROR_PARAM, result.type === 'error' ? result.code : 'LOGIN_DENIED')
      if (target === 'top') {
        const headers: HeaderPairs = [['location', back.href], ['cache-control', 'no-store'], ['referrer-policy', 'no-referrer']]
        return new FastResponse(null, { status: 302, headers: withSetCookies(headers, cookies) })
      }
      const message = createRelayMessage(record?.state ?? (isWellFormedState(stateParam) ? stateParam : ''), result)
      const sessionUrl = handOver ? new URL(`${basePath}/session`, context.url.origin).href : undefined
      return relayPage({ message, targetOrigin: context.appOrigin, target, backUrl: back.href, sessionUrl, status, cookies })
    }

    try {
      if (!record)
        throw new WechatHttpError('STATE_MISMATCH', 'The login state is missing, expired or already used. Start the login again.')
      const code = query.get('code')
      if (!code)
        throw new WechatHttpError('LOGIN_DENIED', 'The login was cancelled in WeChat.')
      const outcome = await login(context, code, crossSiteFrame)
      if ('response' in outcome)
        return withCookies(outcome.response, cookies)
      if (outcome.cookie) {
        cookies.push(outcome.cookie)
        handOver = crossSiteFrame
      }
      return respond({ type: 'authenticated', user: outcome.user }, 200)
    }
    catch (thrown) {
      const error = toHttpError(thrown)
      report(error, 'callback')
      return respond(error.code === 'LOGIN_DENIED' ? { type: 'denied' } : { type: 'error', code: error.code }, error.statusCode)
    }
  }

  async function exchange(context: RequestContext, cookies: string[]): Promise<Response> {
    const body = await readJsonBody(context.request) as { code?: unknown, state?: unknown } | undefined
    const { code, state: stateValue } = body ?? {}
    if (!isWellFormedCode(code) || typeof stateValue !== 'string')
      throw new WechatHttpError('INVALID_REQUEST', 'Send { "code": string, "state": string } as JSON.')
    const { record, cookies: stateCookies } = await consumeState(context, resolved, guard, stateValue)
    cookies.push(...stateCookies)
    if (!record)
      throw new WechatHttpError('STATE_MISMATCH', 'The login state is missing, expired or already used. Start the login again.')
    const outcome = await login(context, code)
    if ('response' in outcome)
      return withCookies(outcome.response, cookies)
    if (outcome.cookie)
      cookies.push(outcome.cookie)
    const answer: WechatSessionResponse = { authenticated: true, user: outcome.user, expiresAt: outcome.expiresAt }
    return json(answer, 200, cookies)
  }

  async function currentSession(context: RequestContext, cookies: string[], handOver: boolean): Promise<WechatSessionResponse> {
    const { session, cookies: sessionCookies } = await readSession(context, resolved, handOver)
    cookies.push(...sessionCookies)
    return session ? { authenticated: true, user: session.user, expiresAt: session.expiresAt } : { authenticated: false }
  }

  async function session(context: RequestContext, cookies: string[]): Promise<Response> {
    return json(await currentSession(context, cookies, true), 200, cookies)
  }

  async function logout(context: RequestContext, cookies: string[]): Promise<Response> {
    assertJsonRequest(context.request)
    cookies.push(...clearSessionCookies(context, resolved))
    const answer: WechatSessionResponse = { authenticated: false }
    return json(answer, 200, cookies)
  }

  const handlers: Record<Route, (context: RequestContext, cookies: string[]) => Promise<Response>> = { state, callback, exchange, session, logout }

  function routeOf(pathname: string): Route | undefined {
    if (!pathname.startsWith(`${basePath}/`))
      return undefined
    const route = pathname.slice(basePath.length + 1)
    if (!Object.hasOwn(ROUTE_METHODS, route))
      return undefined
    if (!sessionEnabled && (route === 'session' || route === 'logout'))
      return undefined
    return route as Route
  }

  const auth = async (request: Request): Promise<Response | undefined> => {
    const url = new URL(request.url)
    const route = routeOf(url.pathname)
    if (!route)
      return undefined
    const cookies: string[] = []
    try {
      if (request.method !== ROUTE_METHODS[route]) {
        const error = new WechatHttpError('INVALID_REQUEST', `Use ${ROUTE_METHODS[route]} for this route.`, { statusCode: 405 })
        return json(error.toBody(), 405, [], [['allow', ROUTE_METHODS[route]]])
      }
      return await handlers[route](createRequestContext(request, resolved, url), cookies)
    }
    catch (thrown) {
      const error = toHttpError(thrown)
      report(error, route)
      return json(error.toBody(), error.statusCode, cookies)
    }
  }

  return Object.assign(auth, {
    async getSession(request: Request): Promise<WechatSessionResponse> {
      try {
        return await currentSession(createRequestContext(request, resolved), [], false)
      }
      catch {
        return { authenticated: false as const }
      }
    },
    basePath,
    client,
  })
}
