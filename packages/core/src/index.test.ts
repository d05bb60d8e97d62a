import { expect, it } from 'vitest'

it('exports exactly the public API', async () => {
  expect(Object.keys(await import('./index')).sort()).toMatchInlineSnapshot(`
    [
      "LOGIN_ERROR_PARAM",
      "MAX_RETURN_PATH_BYTES",
      "MAX_STATE_LENGTH",
      "STATE_QUERY",
      "WECHAT_ENDPOINTS",
      "WECHAT_ERRCODES",
      "WECHAT_LOGIN_SCOPE",
      "WECHAT_RELAY_CHANNEL",
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
      "buildOfficialAccountAuthorizeUrl",
      "checkReturnPath",
      "createRelayMessage",
      "createState",
      "cssToHref",
      "describeErrcode",
      "detectWechatEnvironment",
      "isRelayMessage",
      "isWechatErrorResponse",
      "isWechatLoginError",
      "parseCallback",
      "stripCallbackParams",
      "wechatIdentity",
    ]
  `)
})
