import type * as Core from '@wechat-qr-login/core'
import type * as Server from './index'
import { describe, expectTypeOf, it } from 'vitest'

describe('server types', () => {
  it('exports the core types and errors a server needs, so it need not install core', () => {
    expectTypeOf<Server.WechatUser>().toEqualTypeOf<Core.WechatUser>()
    expectTypeOf<Server.WechatUserInfo>().toEqualTypeOf<Core.WechatUserInfo>()
    expectTypeOf<Server.WechatUserInfoLang>().toEqualTypeOf<Core.WechatUserInfoLang>()
    expectTypeOf<Server.WechatAccessTokenResponse>().toEqualTypeOf<Core.WechatAccessTokenResponse>()
    expectTypeOf<Server.WechatRefreshTokenResponse>().toEqualTypeOf<Core.WechatRefreshTokenResponse>()
    expectTypeOf<Server.WechatSessionResponse>().toEqualTypeOf<Core.WechatSessionResponse>()
    expectTypeOf<Server.WechatErrorBody>().toEqualTypeOf<Core.WechatErrorBody>()
    expectTypeOf<Server.WechatLoginErrorCode>().toEqualTypeOf<Core.WechatLoginErrorCode>()
    expectTypeOf<Server.WechatLoginErrorDetails>().toEqualTypeOf<Core.WechatLoginErrorDetails>()
    expectTypeOf<typeof Server.WechatLoginError>().toEqualTypeOf<typeof Core.WechatLoginError>()
    expectTypeOf<typeof Server.WechatApiError>().toEqualTypeOf<typeof Core.WechatApiError>()
    expectTypeOf<typeof Server.isWechatLoginError>().toEqualTypeOf<typeof Core.isWechatLoginError>()
  })
})
