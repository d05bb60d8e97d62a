import type { WechatRelayResult } from '@wechat-qr-login/core'
import type { RelayTarget } from '../internal/relay-page'
import type { Route } from '../internal/route'
import type { StateRecord } from '../internal/state-cookie'
import { createRelayMessage, LOGIN_ERROR_PARAM } from '@wechat-qr-login/core'
import { toHttpError } from '../http-error'
import { loginOnce } from '../internal/login'
import { relayPage } from '../internal/relay-page'
import { reportFailure } from '../internal/report'
import { redirect, withCookies } from '../internal/respond'
import { isCrossSiteFrame, isWellFormedState, takeState } from '../internal/state-cookie'

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
 * `GET {basePath}/callback?code&state`: WeChat's `redirect_uri`. Verifies the state, exchanges
 * the code, opens the session, then redirects the top window to the return path, or answers a
 * relay page to the popup or `self_redirect` iframe. A failure ends the same way, with its code
 * (in the return URL's `wechat_login_error`, or in the relay message).
 */
export const callbackRoute: Route = {
  method: 'GET',
  async handle(context, runtime) {
    const { options } = runtime
    const query = context.url.searchParams
    const stateParam = query.get('state') ?? ''
    const record = await takeState(context, options, stateParam)
    const target = relayTarget(record)
    const crossSiteFrame = isCrossSiteFrame(context, options, record)
    let handOver = false

    function respond(result: WechatRelayResult, status: number): Response {
      const back = new URL(record?.returnTo ?? options.defaultReturnPath, context.appOrigin)
      back.searchParams.delete(LOGIN_ERROR_PARAM)
      if (result.type === 'error' || result.type === 'denied')
        back.searchParams.set(LOGIN_ERROR_PARAM, result.type === 'error' ? result.code : 'LOGIN_DENIED')
      if (target === 'top')
        return redirect(context, back.href)
      const message = createRelayMessage(record?.state ?? (isWellFormedState(stateParam) ? stateParam : ''), result)
      const sessionUrl = handOver ? new URL(`${options.basePath}/session`, context.url.origin).href : undefined
      return relayPage({ message, targetOrigin: context.appOrigin, target, backUrl: back.href, sessionUrl, status, cookies: context.setCookies })
    }

    try {
      const outcome = await loginOnce(context, runtime, record, query.get('code'), crossSiteFrame)
      if ('response' in outcome)
        return withCookies(context, outcome.response)
      handOver = crossSiteFrame && options.session
      return respond({ type: 'authenticated', user: outcome.user }, 200)
    }
    catch (thrown) {
      const error = toHttpError(thrown)
      reportFailure(options.logger, error, `GET ${options.basePath}/callback`)
      return respond(error.code === 'LOGIN_DENIED' ? { type: 'denied' } : { type: 'error', code: error.code }, error.statusCode)
    }
  },
}
