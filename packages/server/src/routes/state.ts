import type { WechatLoginMode, WechatReturnPathRefusal, WechatStateResponse } from '@wechat-qr-login/core'
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
 * `GET {basePath}/state?mode&self_redirect&return_to`: a fresh state bound to this browser by a
 * signed, HttpOnly, single-use cookie (10 minutes) → `WechatStateResponse`.
 */
export const stateRoute: Route = {
  method: 'GET',
  async handle(context, runtime) {
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
