// src/wechat-login.d.ts, or any TypeScript file of your app
import '@wechat-qr-login/vue'

/** What your backend's exchange(code, state) and session() return. */
export interface AppUser {
  id: number
  name: string
  roles: string[]
}

declare module '@wechat-qr-login/vue' {
  interface WechatLoginRegister {
    user: AppUser
  }
}
