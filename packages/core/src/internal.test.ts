import { expect, it } from 'vitest'

it('exports the helpers the packages share', async () => {
  expect(Object.keys(await import('./internal')).sort()).toMatchInlineSnapshot(`
    [
      "DEFAULT_EMULATOR_PORT",
      "DOCS_URL",
      "LOGIN_MODES",
      "MESSAGE_PREFIX",
      "OFFICIAL_ACCOUNT_SCOPES",
      "REPOSITORY_URL",
      "WECHAT_ENVIRONMENTS",
      "bareMessage",
      "devOnly",
      "errorDocsUrl",
      "escapeHtml",
      "escapeText",
      "findLanAddress",
      "invalidOption",
      "isLoginMode",
      "isOfficialAccountScope",
      "isWechatEnvironment",
      "safeDecode",
      "scriptJson",
      "warn",
    ]
  `)
})
