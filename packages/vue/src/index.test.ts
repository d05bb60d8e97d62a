import { expect, it } from 'vitest'

it('exports exactly the public API', async () => {
  expect(Object.keys(await import('./index')).sort()).toMatchInlineSnapshot(`
    [
      "WECHAT_LOGIN_OPTIONS",
      "WechatLoginCallback",
      "WechatLoginError",
      "WechatQrLogin",
      "createWechatLogin",
      "handleWechatCallback",
      "isWechatLoginError",
      "loadWxLogin",
      "useWechatAuthStore",
      "useWechatLogin",
    ]
  `)
})
