import { isWechatLoginError } from '@wechat-qr-login/core'
import { describe, expect, it } from 'vitest'
import { allowAllHostsWarning, isAllowedHost, normalizeTunnelHost, resolveTunnelHosts, splitList, TUNNEL_PRESETS } from './hosts'

function rejection(run: () => unknown): { code: string, option?: string, message: string } {
  try {
    run()
  }
  catch (error) {
    expect(isWechatLoginError(error, 'INVALID_TUNNEL_HOST')).toBe(true)
    return error as { code: string, option?: string, message: string }
  }
  throw new Error('expected a rejection')
}

describe('normalizeTunnelHost', () => {
  it.each([
    ['abc.natappfree.cc', 'abc.natappfree.cc'],
    ['ABC.NatappFree.CC', 'abc.natappfree.cc'],
    ['abc.natapp4.cc/auth/wechat/callback', 'abc.natapp4.cc'],
    ['  abc.natapp4.cc.  ', 'abc.natapp4.cc'],
    ['.natappfree.cc', '.natappfree.cc'],
    ['.NGROK-FREE.app', '.ngrok-free.app'],
    ['my_app.frp.example.com', 'my_app.frp.example.com'],
    ['例子.测试', 'xn--fsqu00a.xn--0zwm56d'],
  ])('turns %j into %j', (value, host) => {
    const { tunnel, warning } = normalizeTunnelHost(value, 'tunnel')
    expect(tunnel).toEqual({ host, source: 'tunnel' })
    expect(warning).toBeUndefined()
  })

  it('keeps the port of a bare host:port for the start-up checks, and allows the bare host', () => {
    expect(normalizeTunnelHost('abc.natapp4.cc:8080', 'tunnel').tunnel).toEqual({ host: 'abc.natapp4.cc', port: '8080', source: 'tunnel' })
    expect(normalizeTunnelHost('abc.natapp4.cc:80', 'tunnel').tunnel).toEqual({ host: 'abc.natapp4.cc', source: 'tunnel' })
  })

  it('keeps the origin of a URL and strips its path, port and case', () => {
    expect(normalizeTunnelHost('HTTPS://Abc.Natapp4.cc:443/auth?x=1', 'tunnel').tunnel).toEqual({ host: 'abc.natapp4.cc', origin: 'https://abc.natapp4.cc', source: 'tunnel' })
    expect(normalizeTunnelHost('http://abc.natappfree.cc:8080/', 'tunnel').tunnel.origin).toBe('http://abc.natappfree.cc:8080')
  })

  it('reads *.domain as .domain, with a warning that explains the syntax', () => {
    const { tunnel, warning } = normalizeTunnelHost('*.Ngrok.io', 'WECHAT_TUNNEL_HOST')
    expect(tunnel.host).toBe('.ngrok.io')
    expect(warning).toContain('"*.Ngrok.io" in "WECHAT_TUNNEL_HOST" was read as ".ngrok.io": allowedHosts has no "*" glob')
  })

  it.each(['', '   ', 'abc*.natapp4.cc', 'https://*.ngrok.io', 'a.cc"', 'a b.cc', 'ftp://abc.natapp4.cc', 'wss://abc.natapp4.cc', '.https://abc.cc', 'http://', '[bad'])('rejects %j and says what to write', (value) => {
    const error = rejection(() => normalizeTunnelHost(value, 'tunnel'))
    expect(error.option).toBe('tunnel')
    expect(error.message).toMatch(/^\[wechat-qr-login\] Invalid "tunnel": /)
    expect(error.message).toContain('"abc.natapp4.cc"')
  })

  it.each(['.com', '.cc', '*.com'])('refuses the top-level-domain suffix %j because of DNS rebinding', (value) => {
    expect(rejection(() => normalizeTunnelHost(value, 'tunnel')).message).toContain('DNS rebinding')
  })
})

describe('splitList', () => {
  it('splits on commas and drops blanks', () => {
    expect(splitList(' a.cc, ,b.cc,')).toEqual(['a.cc', 'b.cc'])
    expect(splitList(undefined)).toEqual([])
  })
})

describe('resolveTunnelHosts', () => {
  it('puts the environment first (URL, then HOST), then the option, then the presets, without duplicates', () => {
    const optionTunnels = [normalizeTunnelHost('team.natapp4.cc', 'tunnel').tunnel]
    const result = resolveTunnelHosts({
      optionTunnels,
      presets: ['cloudflared', 'localtunnel'],
      env: { WECHAT_TUNNEL_HOST: 'host.example.com, team.natapp4.cc', WECHAT_TUNNEL_URL: 'https://me.natapp4.cc' },
    })
    expect(result.tunnels.map(t => [t.host, t.source])).toEqual([
      ['me.natapp4.cc', 'WECHAT_TUNNEL_URL'],
      ['host.example.com', 'WECHAT_TUNNEL_HOST'],
      ['team.natapp4.cc', 'WECHAT_TUNNEL_HOST'],
      ['team.natapp4.cc', 'tunnel'],
    ])
    expect(result.allowedHosts).toEqual(['me.natapp4.cc', 'host.example.com', 'team.natapp4.cc', '.trycloudflare.com', '.loca.lt'])
    expect(result.warnings).toEqual([])
  })

  it('names the variable at fault', () => {
    const error = rejection(() => resolveTunnelHosts({ optionTunnels: [], presets: [], env: { WECHAT_TUNNEL_URL: 'ok.example.com,not a host' } }))
    expect(error.option).toBe('WECHAT_TUNNEL_URL')
  })

  it('collects normalisation warnings', () => {
    expect(resolveTunnelHosts({ optionTunnels: [], presets: [], env: { WECHAT_TUNNEL_HOST: '*.natappfree.cc' } }).warnings).toHaveLength(1)
  })
})

describe('isAllowedHost', () => {
  it('matches an exact entry, and a .suffix entry\'s domain and its subdomains, as Vite does', () => {
    const allowedHosts = ['abc.natapp4.cc', '.natappfree.cc']
    expect(isAllowedHost('abc.natapp4.cc', allowedHosts)).toBe(true)
    expect(isAllowedHost('www.abc.natapp4.cc', allowedHosts)).toBe(false)
    expect(isAllowedHost('xyz789.natappfree.cc', allowedHosts)).toBe(true)
    expect(isAllowedHost('natappfree.cc', allowedHosts)).toBe(true)
    expect(isAllowedHost('evilnatappfree.cc', allowedHosts)).toBe(false)
    expect(isAllowedHost('localhost', allowedHosts)).toBe(false)
  })
})

describe('TUNNEL_PRESETS', () => {
  it('holds only dotted suffixes of at least two labels, which normalise to themselves', () => {
    for (const suffix of Object.values(TUNNEL_PRESETS).flat())
      expect(normalizeTunnelHost(suffix, 'tunnelPresets').tunnel.host).toBe(suffix)
  })

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(TUNNEL_PRESETS)).toBe(true)
  })
})

describe('allowAllHostsWarning', () => {
  it('names the setting, the danger and the safe alternative', () => {
    expect(allowAllHostsWarning('disableHostCheck: true', 'wechatDevServerConfig')).toBe('disableHostCheck: true turns off the Host check: any website you visit can read your dev server (source code, env values, proxied APIs) through DNS rebinding, even when no tunnel is running. List your tunnel instead: wechatDevServerConfig({ tunnel: \'https://abc.natapp4.cc\' }), WECHAT_TUNNEL_URL, or an opt-in provider suffix with tunnelPresets.')
  })
})
