import { createWechatLogin, useWechatAuthStore } from '@wechat-qr-login/vue'
import './register-user'

// #region usage
createWechatLogin({
  appid: 'wx0123456789abcdef',
  redirectUri: 'https://www.example.com/login/callback',
  // Must now resolve with an AppUser.
  exchange: async () => ({ id: 42, name: 'Zhang Wei', roles: ['editor'] }),
})

const auth = useWechatAuthStore()
export const isEditor = auth.user?.roles.includes('editor') ?? false
// @ts-expect-error: the store's user is an AppUser, which has no WeChat nickname
export const nickname = auth.user?.nickname
// #endregion usage

createWechatLogin({
  // @ts-expect-error: an exchange that resolves with something else is refused
  exchange: async () => ({ nickname: 'not an AppUser' }),
})
