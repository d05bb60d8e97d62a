import process from 'node:process'
import { createWechatAuth } from '@wechat-qr-login/server'
import { upsertWechatAccount } from './db'

export const auth = createWechatAuth({
  appid: process.env.WECHAT_APPID!,
  secret: process.env.WECHAT_APPSECRET!,
  sessionSecret: process.env.WECHAT_SESSION_SECRET!,
  openBase: process.env.WECHAT_OPEN_BASE,
  apiBase: process.env.WECHAT_API_BASE,
  // #region on-login
  // Runs once WeChat has confirmed the user, before the session cookie is set.
  async onLogin({ user, token }) {
    // `user.id` is `unionid:…` when WeChat gave a unionid, else `openid:{appid}:…`.
    const account = await upsertWechatAccount(user.id, user.nickname, token.refresh_token)
    // The session now carries your id. Keep it small: the cookie must stay under 4 KB.
    return { ...user, id: account.id }
  },
  // #endregion on-login
})
