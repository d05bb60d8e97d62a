import type { WebpackDevServerVersion } from './webpack-dev-server'
import { createRequire } from 'node:module'
import { isWechatLoginError } from '@wechat-qr-login/core'
import { describe, expect, it, vi } from 'vitest'
import { wechatDevServerConfig } from './webpack-dev-server'

// schema-utils is webpack-dev-server's own dependency (not hoisted): resolve it from there, and
// validate exactly as its Server constructor does.
const require = createRequire(import.meta.url)
const fromDevServer = createRequire(require.resolve('webpack-dev-server'))
const { validate } = fromDevServer('schema-utils') as { validate: (schema: object, options: object, config: object) => void }
const schema = fromDevServer('./options.json') as object

function validateDevServerOptions(options: object): void {
  validate(schema, options, { name: 'Dev Server', baseDataPath: 'options' })
}

describe('wechatDevServerConfig', () => {
  it('lists the tunnel hosts and takes the HMR socket URL from the page (webpack-dev-server 4+)', () => {
    const fragment = wechatDevServerConfig({ tunnel: 'https://abc.natapp4.cc', tunnelPresets: ['natapp'], env: {} })
    expect(fragment).toEqual({
      allowedHosts: ['abc.natapp4.cc', '.natappfree.cc', '.natapp1.cc', '.natapp4.cc'],
      client: { webSocketURL: 'auto://0.0.0.0:0/ws' },
    })
    expect(() => validateDevServerOptions(fragment)).not.toThrow()
    expect(() => validateDevServerOptions({ port: 8080, ...fragment })).not.toThrow()
  })

  it('returns nothing to spread without a tunnel, which keeps webpack-dev-server\'s \'auto\'', () => {
    const fragment = wechatDevServerConfig({ env: {} })
    expect(fragment).toEqual({})
    expect(() => validateDevServerOptions(fragment)).not.toThrow()
  })

  it('reads WECHAT_TUNNEL_URL and WECHAT_TUNNEL_HOST from process.env by default', () => {
    vi.stubEnv('WECHAT_TUNNEL_URL', 'https://me.ngrok-free.app')
    vi.stubEnv('WECHAT_TUNNEL_HOST', 'frp.example.com')
    try {
      expect(wechatDevServerConfig().allowedHosts).toEqual(['me.ngrok-free.app', 'frp.example.com'])
    }
    finally {
      vi.unstubAllEnvs()
    }
  })

  it('gives \'all\' only when asked, with the DNS-rebinding warning', () => {
    const onWarn = vi.fn()
    const fragment = wechatDevServerConfig({ allowAllHosts: true, tunnel: 'abc.natapp4.cc', env: {}, onWarn })
    expect(fragment).toEqual({ allowedHosts: 'all', client: { webSocketURL: 'auto://0.0.0.0:0/ws' } })
    expect(() => validateDevServerOptions(fragment)).not.toThrow()
    expect(onWarn).toHaveBeenCalledExactlyOnceWith(expect.stringMatching(/^\[wechat-qr-login\] wechatDevServerConfig\(\{ allowAllHosts: true \}\) sets allowedHosts: 'all', which turns off the Host check: .*DNS rebinding/))
  })

  it('passes normalisation warnings on', () => {
    const onWarn = vi.fn()
    expect(wechatDevServerConfig({ tunnel: '*.natappfree.cc', env: {}, onWarn }).allowedHosts).toEqual(['.natappfree.cc'])
    expect(onWarn).toHaveBeenCalledExactlyOnceWith(expect.stringContaining('allowedHosts has no "*" glob'))
  })

  it('uses the list form for webpack-dev-server 3 too, with a `public` the HMR client takes from the page', () => {
    expect(wechatDevServerConfig({ version: 3, tunnel: ['https://abc.natapp4.cc', 'abc.natappfree.cc'], env: {} })).toEqual({
      allowedHosts: ['abc.natapp4.cc', 'abc.natappfree.cc'],
      public: '0.0.0.0:0',
    })
    expect(wechatDevServerConfig({ version: 3, tunnelPresets: ['cloudflared'], env: {} })).toEqual({ allowedHosts: ['.trycloudflare.com'], public: '0.0.0.0:0' })
    expect(wechatDevServerConfig({ version: 3, env: {} })).toEqual({})
  })

  it('gives disableHostCheck to webpack-dev-server 3 only when asked, with the warning', () => {
    const onWarn = vi.fn()
    expect(wechatDevServerConfig({ version: 3, allowAllHosts: true, env: {}, onWarn })).toEqual({ disableHostCheck: true, public: '0.0.0.0:0' })
    expect(onWarn).toHaveBeenCalledExactlyOnceWith(expect.stringContaining('sets disableHostCheck: true, which turns off the Host check'))
  })

  it('is why the version matters: webpack-dev-server 4+ rejects the v3 spellings', () => {
    const { public: publicUrl, disableHostCheck } = wechatDevServerConfig({ version: 3, allowAllHosts: true, tunnel: 'https://abc.natapp4.cc', env: {}, onWarn: () => {} })
    expect(() => validateDevServerOptions({ public: publicUrl })).toThrow(/options has an unknown property 'public'/)
    expect(() => validateDevServerOptions({ disableHostCheck })).toThrow(/options has an unknown property 'disableHostCheck'/)
  })

  it.each([4, 5, 6] as const)('gives webpack-dev-server %i the same valid fragment', (version) => {
    const fragment = wechatDevServerConfig({ version, tunnel: 'https://abc.natapp4.cc', env: {} })
    expect(fragment).toEqual({ allowedHosts: ['abc.natapp4.cc'], client: { webSocketURL: 'auto://0.0.0.0:0/ws' } })
    expect(() => validateDevServerOptions(fragment)).not.toThrow()
  })

  it('rejects an unknown version and a bad tunnel with typed errors', () => {
    expect(() => wechatDevServerConfig({ version: 2 as WebpackDevServerVersion })).toThrow(expect.objectContaining({ code: 'INVALID_OPTION', option: 'version' }))
    try {
      wechatDevServerConfig({ tunnel: '.com', env: {} })
      expect.unreachable()
    }
    catch (error) {
      expect(isWechatLoginError(error, 'INVALID_TUNNEL_HOST')).toBe(true)
    }
  })
})
