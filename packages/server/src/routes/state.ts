import type { WechatReturnPathRefusal, WechatStateResponse } from '@wechat-qr-login/core'
import type { RequestContext } from '../internal/request-context'
import type { Route } from '../internal/route'
import type { StateRequest } from '../internal/state-cookie'
import type { WechatLoginFlow, WechatOfficialAccountScope } from '../options'
import { checkReturnPath, MAX_RETURN_PATH_BYTES, STATE_QUERY } from '@wechat-qr-login/core'
import { bareMessage, isLoginMode, LOGIN_MODES, MESSAGE_PREFIX } from '@wechat-qr-login/core/internal'
import { toHttpError, WechatHttpError } from '../http-error'
import { notConfigured } from '../internal/login'
import { json } from '../internal/respond'
import { issueState } from '../internal/state-cookie'

/** What a browser reads when `return_to` is refused, by reason: fixed sentences, never the path. */
const RETURN_PATH_REFUSALS: Record<WechatReturnPathRefusal, string> = {
  'malformed': `"${STATE_QUERY.returnTo}" must be a path on this site: one leading "/", no backslash, control character or encoded "/".`,
  'not-allowed': `"${STATE_QUERY.returnTo}" is outside the server's "returnPaths".`,
  'too-long': `"${STATE_QUERY.returnTo}" is over ${MAX_RETURN_PATH_BYTES} bytes once percent-encoded: return to a shorter path.`,
}

/** Query parameters of `GET /state` that choose the login: `flow` (`qr` when left out) and an Official Account's `scope`. */
const FLOW_QUERY = { flow: 'flow', scope: 'scope' } as const
const OFFICIAL_ACCOUNT_SCOPES: readonly WechatOfficialAccountScope[] = ['snsapi_userinfo', 'snsapi_base']

/** The answer: the QR login's fields, and which login they are for. */
type StateBody = WechatStateResponse & { flow: WechatLoginFlow, scope?: WechatOfficialAccountScope }

type LoginQuery = Omit<StateRequest, 'returnTo'> & { returnTo: string | null }

/**
 * An Official Account's login: the authorization always returns through the top window, so the
 * QR login's `mode` and `self_redirect` do not apply (`mode=redirect` says just that).
 */
function officialAccountQuery(query: URLSearchParams): LoginQuery {
  const scope = query.get(FLOW_QUERY.scope) ?? 'snsapi_userinfo'
  if (!OFFICIAL_ACCOUNT_SCOPES.includes(scope as WechatOfficialAccountScope))
    throw new WechatHttpError('INVALID_REQUEST', `"${FLOW_QUERY.scope}" must be ${OFFICIAL_ACCOUNT_SCOPES.map(name => `"${name}"`).join(' or ')}.`)
  const mode = query.get(STATE_QUERY.mode)
  if ((mode !== null && mode !== 'redirect') || (query.get(STATE_QUERY.selfRedirect) ?? 'false') !== 'false')
    throw new WechatHttpError('INVALID_REQUEST', `An Official Account's login always returns through the top window: leave out "${STATE_QUERY.mode}" and "${STATE_QUERY.selfRedirect}" with "${FLOW_QUERY.flow}=oa".`)
  return { flow: 'oa', scope: scope as WechatOfficialAccountScope, mode: 'redirect', selfRedirect: false, returnTo: query.get(STATE_QUERY.returnTo) }
}

function stateQuery(url: URL): LoginQuery {
  const query = url.searchParams
  const flow = query.get(FLOW_QUERY.flow) ?? 'qr'
  if (flow === 'oa')
    return officialAccountQuery(query)
  if (flow !== 'qr')
    throw new WechatHttpError('INVALID_REQUEST', `"${FLOW_QUERY.flow}" must be "qr" (the QR login) or "oa" (an Official Account's, inside WeChat).`)
  if (query.has(FLOW_QUERY.scope))
    throw new WechatHttpError('INVALID_REQUEST', `"${FLOW_QUERY.scope}" only applies to "${FLOW_QUERY.flow}=oa": the QR login's scope is always snsapi_login.`)
  const selfRedirectValue = query.get(STATE_QUERY.selfRedirect)
  if (selfRedirectValue !== null && selfRedirectValue !== 'true' && selfRedirectValue !== 'false')
    throw new WechatHttpError('INVALID_REQUEST', `"${STATE_QUERY.selfRedirect}" must be "true" or "false".`)
  const selfRedirect = selfRedirectValue === 'true'
  const mode = query.get(STATE_QUERY.mode) ?? (selfRedirect ? 'embedded' : 'redirect')
  if (!isLoginMode(mode))
    throw new WechatHttpError('INVALID_REQUEST', `"${STATE_QUERY.mode}" must be ${LOGIN_MODES.map(name => `"${name}"`).join(', ')}.`)
  if (selfRedirect && mode !== 'embedded')
    throw new WechatHttpError('INVALID_REQUEST', `"${STATE_QUERY.selfRedirect}=true" only applies to mode "embedded".`)
  return { flow: 'qr', mode, selfRedirect, returnTo: query.get(STATE_QUERY.returnTo) }
}

/**
 * Whether the browser says a page of another site sent this request. Every mode asks for its
 * state with a `fetch()` from the app's own page (`same-origin`, or `same-site` for an API on a
 * sibling subdomain); a server calling on a browser's behalf sends neither header. A cross-site
 * page that opens or frames `/state` would otherwise plant state cookies at will: a few of the
 * largest make every request of the app too big to answer (HTTP 431), and each evicts one of the
 * user's pending logins. `appOrigin`, when the app's pages live on another site and call this
 * server with CORS, is the one cross-site origin allowed. Browsers without `Sec-Fetch-Site`
 * (before 2023) send `Origin` on a cross-origin `fetch()`.
 */
function isCrossSite(context: RequestContext): boolean {
  const { headers } = context.request
  const origin = headers.get('origin')
  if (origin !== null && origin === context.appOrigin)
    return false
  const site = headers.get('sec-fetch-site')
  if (site !== null)
    return site === 'cross-site'
  return origin !== null && origin !== context.url.origin
}

/**
 * `GET {basePath}/state?mode&self_redirect&return_to` (the QR login) or
 * `GET {basePath}/state?flow=oa&scope&return_to` (an Official Account's): a fresh state bound to
 * this browser by a signed, HttpOnly, single-use cookie (10 minutes) → `WechatStateResponse`
 * with the `flow` and its AppID.
 */
export const stateRoute: Route = {
  method: 'GET',
  async handle(context, runtime) {
    if (isCrossSite(context))
      throw new WechatHttpError('INVALID_REQUEST', 'A login state is only issued to the app\'s own pages: the browser says a page of another site asked for it. Fetch it from the app (or set "appOrigin" to the origin of its pages).', { statusCode: 403 })
    const { options } = runtime
    const { returnTo, ...login } = stateQuery(context.url)
    const { flow, scope, selfRedirect } = login
    const app = options.apps[flow]
    if (!app) {
      // Each page opened inside WeChat asks: one line in the log says it all.
      const cause = notConfigured()
      const error = toHttpError(cause)
      runtime.warnOnce('no-official-account', `${MESSAGE_PREFIX} GET ${options.basePath}/state failed with ${error.code}: ${bareMessage(cause.message)}`)
      return json(context, error.toBody(), error.statusCode)
    }
    const check = returnTo === null ? { ok: true, path: options.defaultReturnPath } as const : checkReturnPath(returnTo, options.returnPaths)
    if (!check.ok)
      throw new WechatHttpError('INVALID_RETURN_PATH', RETURN_PATH_REFUSALS[check.reason])
    if (selfRedirect && !context.trustworthy)
      runtime.warnOnce('insecure-frame', `${MESSAGE_PREFIX} An embedded QR with self_redirect was started over plain http on a host other than localhost. Its callback runs in a cross-site iframe, where Chromium only sends "SameSite=None; Secure" cookies, and those need https (or localhost). Serve the app over https, or use self_redirect: false.`)
    // Before the state's cookie: a failing openBase function answers with no state.
    const openBase = options.openBase({ flow, url: context.url })
    const issued = await issueState(context, options, { ...login, returnTo: check.path })
    const body: StateBody = { state: issued.state, expiresAt: issued.expiresAt, expiresIn: issued.expiresAt - Date.now(), appid: app.appid, redirectUri: context.redirectUri, openBase, flow, ...(scope ? { scope } : {}) }
    return json(context, body)
  },
}
