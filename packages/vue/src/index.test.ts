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

it('exports the router helpers from their own entry, so apps without a router pay nothing', async () => {
  expect(Object.keys(await import('./router')).sort()).toEqual(['createWechatAuthGuard', 'useReturnAfterLogin'])
  expect(Object.keys(await import('./index'))).not.toContain('createWechatAuthGuard')
})
