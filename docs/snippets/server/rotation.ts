import process from 'node:process'
import { createWechatAuth } from '@wechat-qr-login/server'

export const auth = createWechatAuth({
  appid: process.env.WECHAT_APPID!,
  secret: process.env.WECHAT_APPSECRET!,
  // #region rotation
  // WECHAT_SESSION_SECRETS="new-secret,old-secret": the first seals new cookies, every one
  // unseals. Remove the old secret once `cookie.maxAge` (7 days by default) has passed.
  sessionSecret: process.env.WECHAT_SESSION_SECRETS!.split(','),
  // #endregion rotation
  openBase: process.env.WECHAT_OPEN_BASE,
  apiBase: process.env.WECHAT_API_BASE,
})
