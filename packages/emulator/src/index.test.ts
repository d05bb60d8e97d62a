import { expect, it } from 'vitest'

it('exports exactly the public API', async () => {
  expect(Object.keys(await import('./index')).sort()).toMatchInlineSnapshot(`
    [
      "DEMO_APP",
      "DEMO_OFFICIAL_ACCOUNT",
      "DEMO_USERS",
      "WECHAT_USER_AGENTS",
      "createWechatEmulator",
    ]
  `)
})
