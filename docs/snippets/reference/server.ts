import process from 'node:process'
import { createWechatClient, toHttpError, WechatHttpError } from '@wechat-qr-login/server'

// #region client
const client = createWechatClient({
  appid: process.env.WECHAT_APPID!,
  secret: process.env.WECHAT_APPSECRET!,
  apiBase: process.env.WECHAT_API_BASE, // the emulator's URL in development
})

/** Renews a stored refresh token's access token and reads the profile again. */
export async function refreshProfile(refreshToken: string): Promise<string> {
  const token = await client.refreshToken(refreshToken)
  if (!await client.checkToken(token.access_token, token.openid))
    throw new WechatHttpError('NOT_AUTHENTICATED', 'Sign in with WeChat again.')
  const info = await client.getUserInfo(token.access_token, token.openid)
  return info.nickname
}
// #endregion client

// #region http-error
/** Your own JSON route, answering errors the way the handler does. */
export async function profileRoute(request: Request): Promise<Response> {
  try {
    const { refreshToken } = await request.json() as { refreshToken: string }
    return Response.json({ nickname: await refreshProfile(refreshToken) })
  }
  catch (thrown) {
    // Keeps the code and the status, replaces any upstream detail with a fixed sentence.
    const error = toHttpError(thrown)
    return Response.json(error.toBody(), { status: error.statusCode })
  }
}
// #endregion http-error
