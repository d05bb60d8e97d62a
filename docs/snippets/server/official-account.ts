import { readFileSync } from 'node:fs'
import process from 'node:process'
import { createWechatAuth } from '@wechat-qr-login/server'
import { wechatOptions } from './auth'
import { linkWechatIdentity } from './db'

export const auth = createWechatAuth({
  ...wechatOptions,
  // #region official-account
  // Inside WeChat: a verified 服务号, bound to the website app's Open Platform account.
  officialAccount: {
    appid: process.env.WECHAT_OA_APPID!,
    secret: process.env.WECHAT_OA_APPSECRET!,
    // The 公众平台's file for the 网页授权域名 (下载文件), answered at /MP_verify_….txt.
    verificationFile: {
      name: 'MP_verify_JAvcbC1J7nmyASIJ.txt',
      content: readFileSync(new URL('./MP_verify_JAvcbC1J7nmyASIJ.txt', import.meta.url), 'utf8'),
    },
  },
  // Each login's (appid, openid) pair joins the account of the person: `user.id` is their
  // unionid, the same by QR and inside WeChat.
  async onLogin({ user, appid, token }) {
    const account = await linkWechatIdentity(user.id, user.nickname, appid, token.openid)
    return { ...user, id: account.id }
  },
  // #endregion official-account
})
