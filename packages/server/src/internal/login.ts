import type { WechatUser } from '@wechat-qr-login/core'
import type { RequestContext } from './request-context'
import type { AuthRuntime } from './route'
import type { StateRecord } from './state-cookie'
import { wechatIdentity, WechatLoginError } from '@wechat-qr-login/core'
import { createPendingSessionCookie, createSessionCookie, isWechatUser } from './session-cookie'

/** A completed login: the session is open (its cookie is in `context.setCookies`), or the app answered. */
export type LoginOutcome = { user: WechatUser, expiresAt: number } | { response: Response }

/**
 * Exchanges `code` with the credentials of the state's flow, reads the user, runs `onLogin` and
 * opens the session. `crossSiteFrame`: the answer goes to WeChat's cross-site iframe, which may
 * not set a `Lax` cookie, so the session is handed over pending (see `createPendingSessionCookie`).
 */
export async function completeLogin(context: RequestContext, runtime: AuthRuntime, code: string, record: StateRecord, crossSiteFrame: boolean): Promise<LoginOutcome> {
  const { options } = runtime
  const { appid, client } = options.apps[record.flow]
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
  const result = await options.onLogin?.({ user, token, userInfo, request: context.request })
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
