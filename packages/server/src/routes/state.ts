import type { WechatLoginMode, WechatReturnPathRefusal, WechatStateResponse } from '@wechat-qr-login/core'
import type { RequestContext } from '../internal/request-context'
import type { Route } from '../internal/route'
import { checkReturnPath, MAX_RETURN_PATH_BYTES, STATE_QUERY } from '@wechat-qr-login/core'
import { isLoginMode, LOGIN_MODES, MESSAGE_PREFIX } from '@wechat-qr-login/core/internal'
import { WechatHttpError } from '../http-error'
import { json } from '../internal/respond'
import { issueState } from '../internal/state-cookie'

/** What a browser reads when `return_to` is refused, by reason: fixed sentences, never the path. */
const RETURN_PATH_REFUSALS: Record<WechatReturnPathRefusal, string> = {
  'malformed': `"${STATE_QUERY.returnTo}" must be a path on this site: one leading "/", no backslash, control character or encoded "/".`,
  'not-allowed': `"${STATE_QUERY.returnTo}" is outside the server's "returnPaths".`,
  'too-long': `"${STATE_QUERY.returnTo}" is over ${MAX_RETURN_PATH_BYTES} bytes once percent-encoded: return to a shorter path.`,
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
 * `GET {basePath}/state?mode&self_redirect&return_to`: a fresh state bound to this browser by a
 * signed, HttpOnly, single-use cookie (10 minutes) → `WechatStateResponse`.
 */
export const stateRoute: Route = {
  method: 'GET',
  async handle(context, runtime) {
    if (isCrossSite(context))
      throw new WechatHttpError('INVALID_REQUEST', 'A login state is only issued to the app\'s own pages: the browser says a page of another site asked for it. Fetch it from the app (or set "appOrigin" to the origin of its pages).', { statusCode: 403 })
    const { options } = runtime
    const { mode, selfRedirect, returnTo } = stateQuery(context.url)
    const check = returnTo === null ? { ok: true, path: options.defaultReturnPath } as const : checkReturnPath(returnTo, options.returnPaths)
    if (!check.ok)
      throw new WechatHttpError('INVALID_RETURN_PATH', RETURN_PATH_REFUSALS[check.reason])
    if (selfRedirect && !context.trustworthy)
      runtime.warnOnce('insecure-frame', `${MESSAGE_PREFIX} An embedded QR with self_redirect was started over plain http on a host other than localhost. Its callback runs in a cross-site iframe, where Chromium only sends "SameSite=None; Secure" cookies, and those need https (or localhost). Serve the app over https, or use self_redirect: false.`)
    const issued = await issueState(context, options, { flow: 'qr', mode, selfRedirect, returnTo: check.path })
    const { appid } = options.apps.qr
    const body: WechatStateResponse = { state: issued.state, expiresAt: issued.expiresAt, expiresIn: issued.expiresAt - Date.now(), appid, redirectUri: context.redirectUri, openBase: options.openBase }
    return json(context, body)
  },
}
