import { fileURLToPath } from 'node:url'
import { resolveConfig } from 'vite'
import { afterEach, describe, expect, it, vi } from 'vitest'
import viteConfig from './vite.config.plugin'

/** guide/tunnels: what the two configs of the page give the dev servers. */
describe('tunnel configs', () => {
  afterEach(() => {
    vi.unstubAllEnvs()
  })

  it('the Vite plugin lists the exact tunnel host for dev and preview, and fixes host and port', async () => {
    // Only the config's tunnel: not one a developer keeps in the shell.
    vi.stubEnv('WECHAT_TUNNEL_URL', '')
    vi.stubEnv('WECHAT_TUNNEL_HOST', '')
    const root = fileURLToPath(new URL('.', import.meta.url))
    const resolved = await resolveConfig({ ...viteConfig, root, configFile: false, envDir: false, logLevel: 'silent' }, 'serve')
    // Vite adds a string `server.host` to the list itself.
    expect(resolved.server.allowedHosts).toEqual(expect.arrayContaining(['abc.natapp4.cc']))
    expect(resolved.preview.allowedHosts).toEqual(expect.arrayContaining(['abc.natapp4.cc']))
    expect(new Set([resolved.server.allowedHosts, resolved.preview.allowedHosts].flat())).toEqual(new Set(['abc.natapp4.cc', '127.0.0.1']))
    expect(resolved.server.host).toBe('127.0.0.1')
    expect(resolved.server.strictPort).toBe(true)
  })

  it('the webpack-dev-server helper gives a host list, never "all"', async () => {
    vi.stubEnv('WECHAT_TUNNEL_URL', '')
    vi.stubEnv('WECHAT_TUNNEL_HOST', '')
    const { default: vueConfig } = await import('./vue.config.mjs')
    expect(vueConfig.devServer).toEqual({
      allowedHosts: ['abc.natapp4.cc'],
      client: { webSocketURL: 'auto://0.0.0.0:0/ws' },
    })
  })
})
