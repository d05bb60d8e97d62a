import type { WechatApp } from './wechat-api'
import { exchangeCode, getUserInfo, WechatCallError, wechatUserId } from './wechat-api'

/**
 * `POST /api/wechat/login` `{ code, state }`: what the Vue package's `exchange(code, state)`
 * calls. The browser has already checked the state it minted; this route exchanges the code
 * once, opens your own session and answers the user, never a token.
 */
export function createLoginEndpoint(app: WechatApp, openSession: (userId: string) => Promise<string>) {
  return async (request: Request): Promise<Response> => {
    // A cross-site form cannot send JSON without a CORS preflight, which this route never grants.
    if (request.method !== 'POST' || !request.headers.get('content-type')?.startsWith('application/json'))
      return Response.json({ error: 'send { code, state } as JSON' }, { status: 415 })
    const { code } = await request.json() as { code?: unknown }
    if (typeof code !== 'string' || !code)
      return Response.json({ error: 'missing code' }, { status: 400 })
    try {
      const token = await exchangeCode(app, code)
      const profile = await getUserInfo(app, String(token.access_token), String(token.openid))
      const user = { id: wechatUserId(app.appid, token), nickname: String(profile.nickname), avatar: String(profile.headimgurl) }
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
