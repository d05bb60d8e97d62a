import type { WechatAccessTokenResponse, WechatUser } from '@wechat-qr-login/core'
import type { WechatLoginFlow } from '../options'
import type { RequestContext } from './request-context'
import type { AuthRuntime } from './route'
import type { StateRecord } from './state-cookie'
import { wechatIdentity, WechatLoginError } from '@wechat-qr-login/core'
import { WechatHttpError } from '../http-error'
import { createPendingSessionCookie, createSessionCookie, isWechatUser } from './session-cookie'

/** A completed login: the session is open (its cookie is in `context.setCookies`), or the app answered. */
export type LoginOutcome = { user: WechatUser, expiresAt: number } | { response: Response }

/** The user of a session: which login signed them in, and to which AppID their openid belongs. */
type SignedInUser = WechatUser & { flow: WechatLoginFlow, appid: string }

/** Why a login inside WeChat cannot run: the server has no Official Account. */
export function notConfigured(): WechatLoginError {
  return new WechatLoginError('OFFICIAL_ACCOUNT_NOT_CONFIGURED', 'A page inside WeChat asked for an Official Account\'s login (flow=oa), and "officialAccount" is not configured: such users cannot log in. Pass officialAccount: { appid, secret } of a verified 服务号, bound to the website app\'s Open Platform account, to createWechatAuth().')
}

/**
 * WeChat's snapshot page (快照页) logs in a virtual account (`is_snapshotuser: 1`, spec §1.4):
 * its openid and unionid are not the user's.
 */
function isSnapshotUser(token: WechatAccessTokenResponse): boolean {
  return (token as { is_snapshotuser?: unknown }).is_snapshotuser === 1
}

/**
 * Exchanges `code` with the credentials of the state's flow, reads the user (no `/sns/userinfo`
 * for `snsapi_base`), runs `onLogin` and opens the session. A snapshot page's virtual account
 * gets none of it. `crossSiteFrame`: the answer goes to WeChat's cross-site iframe, which may
 * not set a `Lax` cookie, so the session is handed over pending (see `createPendingSessionCookie`).
 */
export async function completeLogin(context: RequestContext, runtime: AuthRuntime, code: string, record: StateRecord, crossSiteFrame: boolean): Promise<LoginOutcome> {
  const { options } = runtime
  const { flow, scope } = record
  const app = options.apps[flow]
  // A state issued before a restart that removed the Official Account.
  if (!app)
    throw notConfigured()
  const { appid, client } = app
  const token = await client.exchangeCode(code)
  if (isSnapshotUser(token))
    throw new WechatLoginError('SNAPSHOT_USER', 'WeChat answered the code of its snapshot page (is_snapshotuser: 1): a virtual account, not the user, so no session opens and onLogin is not called. WeChat shows that page when snsapi_userinfo starts without a tap of the user: start it from a button.')
  const userInfo = scope === 'snsapi_base' ? undefined : await client.getUserInfo(token.access_token, token.openid)
  if (userInfo && userInfo.openid !== token.openid)
    throw new WechatLoginError('INVALID_RESPONSE', 'WeChat API /sns/userinfo answered for another openid than the token\'s. Check that "apiBase" points at WeChat or the emulator.')
  const unionid = (typeof userInfo?.unionid === 'string' && userInfo.unionid) || token.unionid || undefined
  const signedIn: SignedInUser = {
    id: wechatIdentity({ appid, openid: token.openid, unionid }),
    openid: token.openid,
    ...(unionid ? { unionid } : {}),
    nickname: typeof userInfo?.nickname === 'string' ? userInfo.nickname : '',
    avatar: typeof userInfo?.headimgurl === 'string' ? userInfo.headimgurl : '',
    flow,
    appid,
  }
  let user: WechatUser = signedIn
  const result = await options.onLogin?.({ user, flow, appid, ...(scope ? { scope } : {}), token, userInfo, request: context.request })
  if (result instanceof Response)
    return { response: result }
  if (result !== undefined) {
    if (!isWechatUser(result))
      throw new WechatLoginError('INVALID_OPTION', '"onLogin" returned a value that is neither a Response nor a WechatUser ({ id, openid, nickname, avatar }).', { option: 'onLogin' })
    user = result
  }
  const expiresAt = Date.now() + options.cookie.maxAge * 1000
  if (!options.session)
    return { user, expiresAt }
  const handle = await options.sessions?.open(user.id, expiresAt)
  context.setCookies.push(await (crossSiteFrame ? createPendingSessionCookie : createSessionCookie)(context, options, user, expiresAt, handle))
  return { user, expiresAt }
}

/**
 * The login of a callback (or an exchange) whose state this browser holds (`record`, from its
 * cookie): the first use of the state completes it with `code` (none: the user cancelled). A
 * later use is refused, unless WeChat delivered the same code again (spec §5.1): that one gets
 * the first delivery's outcome.
 */
export async function loginOnce(context: RequestContext, runtime: AuthRuntime, record: StateRecord | undefined, code: string | null, crossSiteFrame: boolean): Promise<LoginOutcome> {
  if (record && await runtime.guard.use(record.state, record.exp)) {
    if (!code)
      throw new WechatHttpError('LOGIN_DENIED', 'The login was cancelled in WeChat.')
    return runtime.deliveries.first(context, record.state, code, () => completeLogin(context, runtime, code, record, crossSiteFrame))
  }
  const repeated = record && code ? await runtime.deliveries.repeat(context, record.state, code) : undefined
  if (!repeated)
    throw new WechatHttpError('STATE_MISMATCH', 'The login state is missing, expired or already used. Start the login again.')
  return repeated
}
