import { createWechatAuth } from '@wechat-qr-login/server'
import { wechatOptions } from './auth'
import { upsertWechatAccount } from './db'

export const auth = createWechatAuth({
  ...wechatOptions,
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
