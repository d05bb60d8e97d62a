import type { WechatQrLoginOptions } from './options'
import { isWechatLoginError } from '@wechat-qr-login/core'
import { describe, expect, it } from 'vitest'
import { resolveOptions } from './options'

function rejection(options: unknown): { code: string, option?: string, message: string } {
  try {
    resolveOptions(options as WechatQrLoginOptions)
  }
  catch (error) {
    expect(isWechatLoginError(error)).toBe(true)
    return error as { code: string, option?: string, message: string }
  }
  throw new Error('expected a rejection')
}

describe('resolveOptions', () => {
  it('applies the defaults', () => {
    expect(resolveOptions()).toEqual({
      optionTunnels: [],
      warnings: [],
      tunnelPresets: [],
      allowAllHosts: false,
      hmr: undefined,
      host: undefined,
      strictPort: undefined,
      callbackDomain: undefined,
      redirectUri: undefined,
      secretGuard: { names: [/secret/i], values: [] },
      dev: { emulator: { options: {}, port: 4399, lan: false }, authBase: '/auth/wechat', server: {} },
    })
  })

  it('resolves the dev integration: off, or the emulator\'s port, LAN flag and options apart', () => {
    expect(resolveOptions({ dev: false }).dev).toBe(false)
    expect(resolveOptions({ dev: { emulator: false, authBase: '/api/wechat' } }).dev).toEqual({ emulator: false, authBase: '/api/wechat', server: {} })
    expect(resolveOptions({ dev: { emulator: { port: 0, lan: true, qrLifetime: 60 } } }).dev).toMatchObject({ emulator: { options: { qrLifetime: 60 }, port: 0, lan: true } })
  })

  it('normalises the tunnel option once, a single string or a list', () => {
    expect(resolveOptions({ tunnel: 'https://ABC.natapp4.cc/' }).optionTunnels).toEqual([{ host: 'abc.natapp4.cc', origin: 'https://abc.natapp4.cc', source: 'tunnel' }])
    const resolved = resolveOptions({ tunnel: ['a.example.com', '*.natappfree.cc'] })
    expect(resolved.optionTunnels.map(t => t.host)).toEqual(['a.example.com', '.natappfree.cc'])
    expect(resolved.warnings).toHaveLength(1)
  })

  it('keeps only the HMR fields that were set', () => {
    expect(resolveOptions({ hmr: { clientPort: 443 } }).hmr).toEqual({ clientPort: 443 })
  })

  it('accepts a secret guard with its own names and values', () => {
    expect(resolveOptions({ secretGuard: { values: ['0123456789abcdef'] } }).secretGuard).toEqual({ names: [/secret/i], values: ['0123456789abcdef'] })
    expect(resolveOptions({ secretGuard: false }).secretGuard).toBe(false)
  })

  it.each([
    [null, 'INVALID_OPTION', 'options'],
    [{ tunnel: 42 }, 'INVALID_OPTION', 'tunnel'],
    [{ tunnel: ['ok.example.com', 1] }, 'INVALID_OPTION', 'tunnel'],
    [{ tunnel: '.com' }, 'INVALID_TUNNEL_HOST', 'tunnel'],
    [{ tunnelPresets: ['frp'] }, 'INVALID_OPTION', 'tunnelPresets'],
    [{ tunnelPresets: 'natapp' }, 'INVALID_OPTION', 'tunnelPresets'],
    [{ allowAllHosts: 'yes' }, 'INVALID_OPTION', 'allowAllHosts'],
    [{ hmr: 443 }, 'INVALID_OPTION', 'hmr'],
    [{ hmr: { clientPort: 70000 } }, 'INVALID_OPTION', 'hmr.clientPort'],
    [{ hmr: { protocol: 'https' } }, 'INVALID_OPTION', 'hmr.protocol'],
    [{ hmr: { host: '' } }, 'INVALID_OPTION', 'hmr.host'],
    [{ hmr: { path: 'hmr' } }, 'INVALID_OPTION', 'hmr.path'],
    [{ host: true }, 'INVALID_OPTION', 'host'],
    [{ strictPort: 'no' }, 'INVALID_OPTION', 'strictPort'],
    [{ callbackDomain: ' ' }, 'INVALID_OPTION', 'callbackDomain'],
    [{ redirectUri: '/auth/wechat/callback' }, 'INVALID_REDIRECT_URI', 'redirectUri'],
    [{ redirectUri: 'https://abc.natapp4.cc/#/callback' }, 'INVALID_REDIRECT_URI', 'redirectUri'],
    [{ secretGuard: 'on' }, 'INVALID_OPTION', 'secretGuard'],
    [{ secretGuard: { names: ['SECRET'] } }, 'INVALID_OPTION', 'secretGuard.names'],
    [{ secretGuard: { values: [''] } }, 'INVALID_OPTION', 'secretGuard.values'],
    [{ dev: 'yes' }, 'INVALID_OPTION', 'dev'],
    [{ dev: { emulator: 4399 } }, 'INVALID_OPTION', 'dev.emulator'],
    [{ dev: { emulator: { port: 70000 } } }, 'INVALID_OPTION', 'dev.emulator.port'],
    [{ dev: { emulator: { lan: 'yes' } } }, 'INVALID_OPTION', 'dev.emulator.lan'],
    [{ dev: { authBase: 'auth/wechat/' } }, 'INVALID_OPTION', 'dev.authBase'],
    [{ dev: { server: null } }, 'INVALID_OPTION', 'dev.server'],
    [{ dev: { server: { basePath: '/x' } } }, 'INVALID_OPTION', 'dev.server.basePath'],
  ])('rejects %j with %s naming %s', (options, code, option) => {
    const error = rejection(options)
    expect(error.code).toBe(code)
    expect(error.option).toBe(option)
  })

  it('lists the known presets and where frp belongs', () => {
    expect(rejection({ tunnelPresets: ['frp'] }).message).toBe('[wechat-qr-login] Invalid "tunnelPresets": unknown preset "frp"; use "natapp", "ngrok", "cloudflared", "localtunnel". frp and named Cloudflare tunnels use your own domain: put it in "tunnel".\nSee https://wechat-qr-login.github.io/reference/errors#invalid_option')
  })
})
