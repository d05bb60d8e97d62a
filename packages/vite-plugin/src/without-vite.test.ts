import { expect, it, vi } from 'vitest'

// What a vue-cli or webpack app has: no Vite (an optional peer). Importing any of these fails.
function unresolvable(name: string): () => never {
  return () => {
    throw new Error(`Cannot find package '${name}'`)
  }
}
vi.mock('vite', unresolvable('vite'))
// Loaded on demand by the dev integration only, never with the package.
vi.mock('@wechat-qr-login/server', unresolvable('@wechat-qr-login/server'))
vi.mock('@wechat-qr-login/server/node', unresolvable('@wechat-qr-login/server/node'))
vi.mock('@wechat-qr-login/emulator', unresolvable('@wechat-qr-login/emulator'))

it('gives webpack-dev-server its settings with Vite unresolvable, loading neither the server nor the emulator', async () => {
  const { wechatDevServerConfig, wechatQrLogin } = await import('./index')
  expect(wechatDevServerConfig({ tunnel: 'https://abc.natapp4.cc', version: 3, env: {} })).toMatchObject({ allowedHosts: ['abc.natapp4.cc'] })
  expect(wechatDevServerConfig({ tunnel: 'https://abc.natapp4.cc', env: {} })).toMatchObject({ allowedHosts: ['abc.natapp4.cc'] })
  // Creating the Vite plugin checks its options without Vite too; Vite loads it in its config hook.
  expect(wechatQrLogin({ tunnel: 'https://abc.natapp4.cc' }).name).toBe('wechat-qr-login')
})
