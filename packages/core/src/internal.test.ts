import { expect, it } from 'vitest'

it('exports the helpers the packages share', async () => {
  expect(Object.keys(await import('./internal')).sort()).toMatchInlineSnapshot(`
    [
      "DEFAULT_EMULATOR_PORT",
      "DOCS_URL",
      "LOGIN_MODES",
      "MESSAGE_PREFIX",
      "REPOSITORY_URL",
      "bareMessage",
      "devOnly",
      "errorDocsUrl",
      "escapeHtml",
      "escapeText",
      "findLanAddress",
      "invalidOption",
      "isLoginMode",
      "safeDecode",
      "scriptJson",
      "warn",
    ]
  `)
})
