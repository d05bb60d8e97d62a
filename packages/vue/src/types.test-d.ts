import type { isWechatLoginError, WechatCallback, WechatLang, WechatLoginError, WechatLoginErrorCode, WechatLoginErrorDetails, WechatLoginMode, WechatQrStyle, WechatRelayMessage, WechatUser } from '@wechat-qr-login/core'
import type { WechatCallbackOutcome, WechatLoginCallback, WechatLoginStatus, WechatLoginTicket, WechatLoginUser, WechatQrExpiredEvent, WechatQrLogin, WechatQrReadyEvent } from './index'
import { describe, expectTypeOf, it } from 'vitest'
import * as Vue from './index'
import { createWechatLogin, handleWechatCallback, useWechatAuthStore, useWechatLogin } from './index'

type QrLogin = InstanceType<typeof WechatQrLogin>
type Callback = InstanceType<typeof WechatLoginCallback>

describe('vue types', () => {
  it('types the props of <WechatQrLogin> with WeChat\'s values', () => {
    expectTypeOf<QrLogin['$props']['mode']>().toEqualTypeOf<WechatLoginMode | undefined>()
    expectTypeOf<QrLogin['$props']['theme']>().toEqualTypeOf<'black' | 'white' | undefined>()
    expectTypeOf<QrLogin['$props']['lang']>().toEqualTypeOf<'cn' | 'en' | undefined>()
    expectTypeOf<QrLogin['$props']['loader']>().toEqualTypeOf<'iframe' | 'official' | undefined>()
    expectTypeOf<QrLogin['$props']['selfRedirect']>().toEqualTypeOf<boolean | undefined>()
    expectTypeOf<QrLogin['$props']['width']>().toEqualTypeOf<number | string | undefined>()
  })

  it('types the event payloads of <WechatQrLogin>', () => {
    expectTypeOf<NonNullable<QrLogin['$props']['onReady']>>().parameters.toEqualTypeOf<[WechatQrReadyEvent]>()
    expectTypeOf<NonNullable<QrLogin['$props']['onSuccess']>>().parameters.toEqualTypeOf<[WechatUser]>()
    expectTypeOf<NonNullable<QrLogin['$props']['onError']>>().parameters.toEqualTypeOf<[WechatLoginError]>()
    expectTypeOf<NonNullable<QrLogin['$props']['onExpired']>>().parameters.toEqualTypeOf<[WechatQrExpiredEvent]>()
    expectTypeOf<NonNullable<QrLogin['$props']['onCancel']>>().parameters.toEqualTypeOf<[]>()
    expectTypeOf<WechatQrReadyEvent>().toEqualTypeOf<{ mode: WechatLoginMode, state: string, url: string }>()
  })

  it('types the slot props of <WechatQrLogin>', () => {
    type Slots = QrLogin['$slots']
    expectTypeOf<Parameters<NonNullable<Slots['error']>>[0]>().toEqualTypeOf<{ error: WechatLoginError, retry: () => void, openInThisTab?: () => void }>()
    expectTypeOf<Parameters<NonNullable<Slots['expired']>>[0]>().toEqualTypeOf<{ refresh: () => void }>()
    expectTypeOf<Parameters<NonNullable<Slots['authenticated']>>[0]>().toEqualTypeOf<{ user: WechatUser }>()
    expectTypeOf<Parameters<NonNullable<Slots['button']>>[0]>().toHaveProperty('open').toEqualTypeOf<() => void>()
  })

  it('types <WechatLoginCallback>', () => {
    expectTypeOf<NonNullable<Callback['$props']['onSuccess']>>().parameters.toEqualTypeOf<[WechatUser, (string | undefined)?]>()
    expectTypeOf<NonNullable<Callback['$props']['onRelayed']>>().parameters.toEqualTypeOf<['parent' | 'opener' | 'channel']>()
  })

  it('types every store member', () => {
    const store = useWechatAuthStore()
    expectTypeOf(store.status).toEqualTypeOf<WechatLoginStatus>()
    expectTypeOf(store.user).toEqualTypeOf<WechatUser | null>()
    expectTypeOf(store.error).toEqualTypeOf<WechatLoginError | null>()
    expectTypeOf(store.ticket).toEqualTypeOf<WechatLoginTicket | null>()
    expectTypeOf(store.expiresAt).toEqualTypeOf<number | null>()
    expectTypeOf(store.isAuthenticated).toEqualTypeOf<boolean>()
    expectTypeOf(store.start).returns.toEqualTypeOf<Promise<WechatLoginTicket | null>>()
    expectTypeOf(store.complete).parameter(0).toEqualTypeOf<WechatCallback>()
    expectTypeOf(store.complete).returns.toEqualTypeOf<Promise<WechatUser | null>>()
    expectTypeOf(store.restored).toEqualTypeOf<boolean>()
    expectTypeOf(store).not.toHaveProperty('receive')
    expectTypeOf(store).not.toHaveProperty('fail')
    expectTypeOf(store.restore).returns.toEqualTypeOf<Promise<WechatUser | null>>()
    expectTypeOf(store.logout).returns.toEqualTypeOf<Promise<void>>()
    expectTypeOf(store.$id).toEqualTypeOf<'wechat-qr-login:auth'>()
  })

  it('types the composable, the callback helper and the plugin', () => {
    const login = useWechatLogin({ mode: 'new-window' })
    expectTypeOf(login.status.value).toEqualTypeOf<WechatLoginStatus>()
    expectTypeOf(login.url.value).toEqualTypeOf<string | null>()
    expectTypeOf(login.open).toEqualTypeOf<() => void>()
    expectTypeOf(login.onSuccess).parameter(0).toEqualTypeOf<(user: WechatUser) => void>()
    expectTypeOf(handleWechatCallback).returns.toEqualTypeOf<Promise<WechatCallbackOutcome>>()
    expectTypeOf(createWechatLogin).parameter(0).exclude<undefined>().toHaveProperty('exchange').toEqualTypeOf<((code: string, state: string) => Promise<WechatUser>) | undefined>()
    // @ts-expect-error: only WeChat's modes
    useWechatLogin({ mode: 'popup' })
  })

  it('exports the core types and errors an app needs, so it need not install core', () => {
    expectTypeOf<Vue.WechatUser>().toEqualTypeOf<WechatUser>()
    expectTypeOf<Vue.WechatLoginErrorCode>().toEqualTypeOf<WechatLoginErrorCode>()
    expectTypeOf<Vue.WechatLoginErrorDetails>().toEqualTypeOf<WechatLoginErrorDetails>()
    expectTypeOf<Vue.WechatLoginMode>().toEqualTypeOf<WechatLoginMode>()
    expectTypeOf<Vue.WechatCallback>().toEqualTypeOf<WechatCallback>()
    expectTypeOf<Vue.WechatRelayMessage>().toEqualTypeOf<WechatRelayMessage>()
    expectTypeOf<Vue.WechatLang>().toEqualTypeOf<WechatLang>()
    expectTypeOf<Vue.WechatQrStyle>().toEqualTypeOf<WechatQrStyle>()
    expectTypeOf(Vue.WechatLoginError).toEqualTypeOf<typeof WechatLoginError>()
    expectTypeOf(Vue.isWechatLoginError).toEqualTypeOf<typeof isWechatLoginError>()
  })

  it('defaults the user type to WechatUser until the app registers its own', () => {
    expectTypeOf<WechatLoginUser>().toEqualTypeOf<WechatUser>()
  })
})
