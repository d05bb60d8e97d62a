import type { WechatApp } from './wechat-api'
import { exchangeCode, getUserInfo, WechatCallError, wechatUserId } from './wechat-api'

/**
 * `POST /api/wechat/login` `{ code, state, flow }`: what the Vue package's
 * `exchange(code, state, { flow })` calls. The browser has already checked the state it minted;
 * this route exchanges the code once, with the credentials of the login that ran (`qr`: the
 * website app's, `oa`: the Official Account's, inside WeChat), opens your own session and
 * answers the user, never a token.
 */
export function createLoginEndpoint(apps: { qr: WechatApp, oa?: WechatApp }, openSession: (userId: string) => Promise<string>) {
  return async (request: Request): Promise<Response> => {
    // A cross-site form cannot send JSON without a CORS preflight, which this route never grants.
    if (request.method !== 'POST' || !request.headers.get('content-type')?.startsWith('application/json'))
      return Response.json({ error: 'send { code, state, flow } as JSON' }, { status: 415 })
    const { code, flow = 'qr' } = await request.json() as { code?: unknown, flow?: unknown }
    const app = flow === 'qr' ? apps.qr : flow === 'oa' ? apps.oa : undefined
    if (typeof code !== 'string' || !code || !app)
      return Response.json({ error: 'missing code, or a flow this site has no app for' }, { status: 400 })
    try {
      const token = await exchangeCode(app, code)
      // WeChat's snapshot page logs in a virtual account: never a session, never a linked account.
      if (token.is_snapshotuser === 1)
        return Response.json({ error: 'snapshot page: tap 使用完整服务 and log in again' }, { status: 403 })
      // snsapi_base grants the openid only: /sns/userinfo would answer 48001.
      const profile = token.scope === 'snsapi_base' ? {} : await getUserInfo(app, String(token.access_token), String(token.openid))
      const user = { id: wechatUserId(app.appid, token), nickname: String(profile.nickname ?? ''), avatar: String(profile.headimgurl ?? '') }
      const cookie = await openSession(user.id)
      return Response.json(user, { headers: { 'set-cookie': cookie } })
    }
    catch (error) {
      // The errcode goes to your logs (never the code or a token); the user just scans again.
      console.error(error instanceof WechatCallError ? error.message : 'WeChat login failed')
      return Response.json({ error: 'login failed' }, { status: 502 })
    }
  }
}
