import { expect, it } from 'vitest'

it('exports exactly the public API', async () => {
  expect(Object.keys(await import('./index')).sort()).toMatchInlineSnapshot(`
    [
      "MAX_STATE_LENGTH",
      "WECHAT_ENDPOINTS",
      "WECHAT_ERRCODES",
      "WECHAT_LOGIN_SCOPE",
      "WechatApiError",
      "WechatLoginError",
      "assertAppid",
      "assertBaseUrl",
      "assertBoolean",
      "assertHref",
      "assertLang",
      "assertRedirectUri",
      "assertScope",
      "assertState",
      "assertStyle",
      "buildAuthorizeUrl",
      "buildEmbedUrl",
      "createState",
      "cssToHref",
      "describeErrcode",
      "isWechatErrorResponse",
      "isWechatLoginError",
      "parseCallback",
      "stripCallbackParams",
      "wechatIdentity",
    ]
  `)
})
