import { expect, it } from 'vitest'

it('exports the helpers the packages share', async () => {
  expect(Object.keys(await import('./internal')).sort()).toMatchInlineSnapshot(`
    [
      "DEFAULT_EMULATOR_PORT",
      "LOGIN_MODES",
      "MESSAGE_PREFIX",
      "bareMessage",
      "devOnly",
      "escapeHtml",
      "findLanAddress",
      "invalidOption",
      "isLoginMode",
      "safeDecode",
      "scriptJson",
      "warn",
    ]
  `)
})
