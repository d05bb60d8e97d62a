import type { WechatSessionResponse, WechatUser } from '@wechat-qr-login/core'
import type { WechatClient } from './client'
import type { AuthRuntime, Route } from './internal/route'
import type { WechatAuthOptions } from './options'
import { WechatLoginError } from '@wechat-qr-login/core'
import { invalidOption } from '@wechat-qr-login/core/internal'
import { toHttpError, WechatHttpError } from './http-error'
import { createCodeDeliveries } from './internal/code-deliveries'
import { createReplayGuard } from './internal/replay-guard'
import { reportFailure } from './internal/report'
import { createRequestContext } from './internal/request-context'
import { json } from './internal/respond'
import { readSession } from './internal/session-cookie'
import { resolveAuthOptions } from './options'
import { callbackRoute } from './routes/callback'
import { exchangeRoute } from './routes/exchange'
import { logoutRoute } from './routes/logout'
import { sessionRoute } from './routes/session'
import { stateRoute } from './routes/state'
import { verificationFileRoute } from './routes/verification-file'

/**
 * The fetch-standard handler made by {@link createWechatAuth}: a `Response` for the routes under
 * `basePath` (and the Official Account's verification file), `undefined` for every other request
 * (hand it to the rest of your app).
 */
export interface WechatAuth {
  (request: Request): Promise<Response | undefined>
  /**
   * The session of a request, for your own routes: `{ authenticated: true, user, expiresAt }` or
   * `{ authenticated: false }`. Never throws (a failing session store is logged and counts as no
   * session).
   */
  getSession: (request: Request) => Promise<WechatSessionResponse>
  /**
   * Guards one of your API routes: the session of the request, or the answer to send instead, a
   * `401` (`NOT_AUTHENTICATED`) or, when the session store fails, a `503` (`STORE_UNAVAILABLE`),
   * as JSON (`WechatErrorBody`). For Node's `(req, res, next)` style, see `requireSession()` in
   * `@wechat-qr-login/server/node`.
   *
   * @example
   * const session = await auth.requireSession(request)
   * if (session instanceof Response)
   *   return session
   * return Response.json({ nickname: session.user.nickname })
   */
  requireSession: (request: Request) => Promise<WechatSession | Response>
  /**
   * Ends every session of a user on every instance ("log out everywhere"), e.g. after an account
   * is blocked. Needs a `store`; sessions opened afterwards are not affected.
   * @throws {WechatLoginError} `INVALID_OPTION` without a store; `STORE_UNAVAILABLE` when it fails.
   */
  revokeSessions: (userId: string) => Promise<void>
  /** The routes' prefix, e.g. `/auth/wechat`. */
  readonly basePath: string
  /** The website app's WeChat API client (for `refreshToken` and `checkToken` of QR logins in your code). */
  readonly client: WechatClient
  /** The Official Account's WeChat API client, when one is configured (for the tokens of logins inside WeChat). */
  readonly officialAccountClient: WechatClient | undefined
}

/** A signed-in user's session, as {@link WechatAuth.requireSession} gives it to your routes. */
export interface WechatSession {
  user: WechatUser
  /** When it ends (epoch milliseconds). */
  expiresAt: number
}

/** The routes under `basePath`, by the path segment after it. */
const ROUTES: Record<string, Route> = {
  state: stateRoute,
  callback: callbackRoute,
  exchange: exchangeRoute,
  session: sessionRoute,
  logout: logoutRoute,
}

/**
 * Creates the server half of WeChat login as one fetch-standard handler: the website app's QR
 * login and, with `officialAccount`, the Official Account's web authorization inside WeChat.
 * Routes under `basePath` (default `/auth/wechat`):
 *
 * - `GET /state?mode&self_redirect&return_to` (QR) or `GET /state?flow=oa&scope&return_to`
 *   (inside WeChat): a fresh state bound to this browser by a signed, HttpOnly, single-use cookie
 *   (10 minutes) → `WechatStateResponse`.
 * - `GET /callback?code&state`: WeChat's `redirect_uri`. Verifies the state, exchanges the code
 *   with the credentials of the state's flow, opens the session, then redirects the top window
 *   to the return path, or answers a relay page to the popup or `self_redirect` iframe.
 * - `POST /exchange` `{ code, state }`: the same for a front-end callback route → `WechatSessionResponse`.
 * - `GET /session` → `WechatSessionResponse`; `POST /logout` → `{ authenticated: false }`.
 *
 * With `officialAccount.verificationFile`, it also answers `GET /MP_verify_….txt`.
 *
 * The session is an encrypted cookie; with a `store` (unstorage, e.g. Redis) it can also be
 * revoked on every instance. Nothing it answers carries the secret, a code or a token; errors
 * carry a code and a fixed message.
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
  const { basePath, logger } = resolved
  const warned = new Set<string>()
  const runtime: AuthRuntime = {
    options: resolved,
    guard: resolved.sessions?.guard ?? createReplayGuard(),
    deliveries: createCodeDeliveries(),
    warnOnce(key, message) {
      if (warned.has(key))
        return
      warned.add(key)
      logger?.warn(message)
    },
  }

  function routeOf(pathname: string): [name: string, route: Route] | undefined {
    if (!pathname.startsWith(`${basePath}/`))
      return undefined
    const name = pathname.slice(basePath.length + 1)
    const route = Object.hasOwn(ROUTES, name) ? ROUTES[name] : undefined
    if (!route || (route.session && !resolved.session))
      return undefined
    return [name, route]
  }

  const auth = async (request: Request): Promise<Response | undefined> => {
    const url = new URL(request.url)
    const found = routeOf(url.pathname)
    if (!found)
      return verificationFileRoute(request, url, resolved.verificationFile)
    const [name, route] = found
    const context = createRequestContext(request, resolved, url)
    try {
      if (request.method !== route.method) {
        const error = new WechatHttpError('INVALID_REQUEST', `Use ${route.method} for this route.`, { statusCode: 405 })
        return json(context, error.toBody(), 405, [['allow', route.method]])
      }
      return await route.handle(context, runtime)
    }
    catch (thrown) {
      const error = toHttpError(thrown)
      reportFailure(logger, error, `${route.method} ${basePath}/${name}`)
      return json(context, error.toBody(), error.statusCode)
    }
  }

  return Object.assign(auth, {
    async getSession(request: Request): Promise<WechatSessionResponse> {
      try {
        const session = await readSession(createRequestContext(request, resolved), resolved)
        return session ? { authenticated: true as const, user: session.user, expiresAt: session.expiresAt } : { authenticated: false as const }
      }
      catch (thrown) {
        reportFailure(logger, toHttpError(thrown), `getSession() for ${request.method} ${new URL(request.url).pathname}`)
        return { authenticated: false as const }
      }
    },
    async requireSession(request: Request): Promise<WechatSession | Response> {
      const context = createRequestContext(request, resolved)
      try {
        const session = await readSession(context, resolved)
        if (session)
          return { user: session.user, expiresAt: session.expiresAt }
        return json(context, new WechatHttpError('NOT_AUTHENTICATED', 'Not signed in.').toBody(), 401)
      }
      catch (thrown) {
        const error = toHttpError(thrown)
        reportFailure(logger, error, `requireSession() for ${request.method} ${context.url.pathname}`)
        return json(context, error.toBody(), error.statusCode)
      }
    },
    async revokeSessions(userId: string): Promise<void> {
      if (!resolved.sessions)
        throw invalidOption('store', 'revokeSessions() needs a session store: pass "store" to createWechatAuth().')
      if (typeof userId !== 'string' || userId === '')
        throw new WechatLoginError('INVALID_REQUEST', 'Pass revokeSessions() the id of a user (WechatUser["id"]).')
      await resolved.sessions.endAll(userId)
    },
    basePath,
    client: resolved.apps.qr.client,
    officialAccountClient: resolved.apps.oa?.client,
  })
}
