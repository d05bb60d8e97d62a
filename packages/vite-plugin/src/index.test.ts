import { expect, it } from 'vitest'

it('exports exactly the public API', async () => {
  expect(Object.keys(await import('./index')).sort()).toMatchInlineSnapshot(`
    [
      "TUNNEL_PRESETS",
      "checkRedirectUri",
      "default",
      "wechatDevServerConfig",
      "wechatQrLogin",
    ]
  `)
})

it('exports the plugin factory as the default export too', async () => {
  const module = await import('./index')
  expect(module.default).toBe(module.wechatQrLogin)
})
