// An app that registers its own user type, as the store guide shows. It changes the user type of
// the whole program, so it is checked in a program of its own: against the sources, against the
// declarations this package builds (declarations.node.test.ts), and in a consumer app installed
// from the packed tarball (consumer/).
import type { useWechatAuthStore, useWechatLogin, WechatCallbackOutcome, WechatLoginCallback, WechatLoginSuccess, WechatQrLogin } from '@wechat-qr-login/vue'
import { createWechatLogin } from '@wechat-qr-login/vue'

export interface AppUser {
  id: number
  name: string
}

declare module '@wechat-qr-login/vue' {
  interface WechatLoginRegister {
    user: AppUser
  }
}

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false
type Expect<T extends true> = T
type Listener<Component extends abstract new (...args: any) => any, Name extends string>
  = NonNullable<InstanceType<Component>['$props'][`on${Name}`]>
type SlotProps<Component extends abstract new (...args: any) => any, Name extends string>
  = Parameters<NonNullable<InstanceType<Component>['$slots'][Name]>>[0]

type Store = ReturnType<typeof useWechatAuthStore>
type Login = ReturnType<typeof useWechatLogin>

export type RegisteredUserReachesEveryMember = [
  Expect<Equal<Store['user'], AppUser | null>>,
  Expect<Equal<ReturnType<Store['restore']>, Promise<AppUser | null>>>,
  Expect<Equal<ReturnType<Store['complete']>, Promise<AppUser | null>>>,
  Expect<Equal<Login['user']['value'], AppUser | null>>,
  Expect<Equal<Parameters<Listener<typeof WechatQrLogin, 'Success'>>, [AppUser, WechatLoginSuccess]>>,
  Expect<Equal<SlotProps<typeof WechatQrLogin, 'authenticated'>, { user: AppUser }>>,
  Expect<Equal<Parameters<Listener<typeof WechatLoginCallback, 'Success'>>, [AppUser, (string | undefined)?]>>,
  Expect<Equal<SlotProps<typeof WechatLoginCallback, 'default'>['user'], AppUser | null>>,
  Expect<Equal<Extract<WechatCallbackOutcome, { type: 'authenticated' }>['user'], AppUser>>,
]

createWechatLogin({
  appid: 'wx0123456789abcdef',
  redirectUri: 'https://www.example.com/login/callback',
  exchange: async () => ({ id: 42, name: 'Zhang Wei' }),
  session: async () => null,
})

createWechatLogin({
  // @ts-expect-error: an exchange must resolve with the registered user
  exchange: async () => ({ nickname: 'not an AppUser' }),
})
