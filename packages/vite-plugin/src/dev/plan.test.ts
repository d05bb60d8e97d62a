import type { ResolvedDevOptions } from '../options'
import type { TunnelHost } from '../tunnel/hosts'
import type { DevPlan, DevPlanInput, EmulatorDevPlan, WechatDevPlan } from './plan'
import { isWechatLoginError } from '@wechat-qr-login/core'
import { DEMO_APP } from '@wechat-qr-login/emulator'
import { describe, expect, it } from 'vitest'
import { planDev } from './plan'

const dev: ResolvedDevOptions = { emulator: { options: {}, port: 4399, lan: false }, authBase: '/auth/wechat', server: {} }
const credentials = { WECHAT_APPID: 'wx0123456789abcdef', WECHAT_APPSECRET: 'real-app-secret-0123456789abcdef' }
const tunnel: TunnelHost = { host: 'abc.natapp4.cc', origin: 'https://abc.natapp4.cc', source: 'tunnel' }

/** `tunnels`: the configured tunnels; `presets`: `.suffix` entries that only `allowedHosts` holds. */
function plan(input: Omit<Partial<DevPlanInput>, 'tunnels'> & { tunnels?: TunnelHost[], presets?: string[] } = {}): DevPlan {
  const { tunnels = [], presets = [], ...rest } = input
  const allowedHosts = [...new Set([...tunnels.map(tunnel => tunnel.host), ...presets])]
  return planDev({ dev, env: {}, allowAllHosts: false, redirectUri: undefined, ...rest, tunnels: { tunnels, allowedHosts, warnings: [] } })
}

function emulatorPlan(input: Parameters<typeof plan>[0] = {}): EmulatorDevPlan {
  const result = plan(input)
  expect(result.mode).toBe('emulator')
  return result as EmulatorDevPlan
}

function wechatPlan(input: Parameters<typeof plan>[0] = {}): WechatDevPlan {
  const result = plan(input)
  expect(result.mode).toBe('wechat')
  return result as WechatDevPlan
}

describe('planDev', () => {
  it('plans the emulator without credentials, its demo app accepted on localhost, 127.0.0.1 and the tunnels', () => {
    const result = emulatorPlan({ tunnels: [tunnel] })
    expect(result.auth).toEqual({ sessionSecret: expect.any(String), basePath: '/auth/wechat', trustProxy: true })
    expect(result.emulator).toEqual({
      settings: dev.emulator,
      callbackDomains: ['localhost', '127.0.0.1', 'abc.natapp4.cc'],
      allowSubdomains: false,
      tunnelPublicUrl: 'https://abc.natapp4.cc/__wechat-emulator',
      tunnelHosts: ['abc.natapp4.cc'],
      tunnelWebAuthDomain: 'abc.natapp4.cc',
    })
    expect(result.verificationFile).toBeUndefined()
    expect(result.warnings).toEqual([])
  })

  it('makes a provider preset a tunnel: its domains as callback domains with their subdomains, and the forwarded headers trusted', () => {
    const result = emulatorPlan({ presets: ['.natappfree.cc', '.natapp1.cc', '.natapp4.cc'] })
    expect(result.auth.trustProxy).toBe(true)
    expect(result.emulator).toMatchObject({ callbackDomains: ['localhost', '127.0.0.1', 'natappfree.cc', 'natapp1.cc', 'natapp4.cc'], allowSubdomains: true, tunnelPublicUrl: undefined, tunnelHosts: ['.natappfree.cc', '.natapp1.cc', '.natapp4.cc'], tunnelWebAuthDomain: 'natappfree.cc' })
  })

  it('trusts the forwarded headers with allowAllHosts, through which any host may come', () => {
    expect(plan({ allowAllHosts: true }).auth.trustProxy).toBe(true)
  })

  it('keeps emulator sessions across restarts with a fixed dev-only secret, and trusts no proxy without a tunnel', () => {
    const [first, second] = [emulatorPlan(), emulatorPlan()]
    expect(first.auth.sessionSecret).toBe(second.auth.sessionSecret)
    expect((first.auth.sessionSecret as string).length).toBeGreaterThanOrEqual(32)
    expect(first.auth.trustProxy).toBe(false)
    expect(first.emulator.tunnelPublicUrl).toBeUndefined()
  })

  it('chooses the real WeChat when WECHAT_APPID and WECHAT_APPSECRET are set, with the tunnel\'s redirect URI', () => {
    const result = plan({ env: { ...credentials, WECHAT_SESSION_SECRET: 's'.repeat(32) }, tunnels: [tunnel] })
    expect(result.mode).toBe('wechat')
    expect(result).not.toHaveProperty('emulator')
    expect(result.auth).toEqual({
      appid: credentials.WECHAT_APPID,
      secret: credentials.WECHAT_APPSECRET,
      sessionSecret: 's'.repeat(32),
      basePath: '/auth/wechat',
      trustProxy: true,
      redirectUri: 'https://abc.natapp4.cc/auth/wechat/callback',
    })
    expect(result.warnings).toEqual([])
  })

  it('takes credentials and options from dev.server, and the plugin\'s redirectUri over the tunnel\'s', () => {
    const result = plan({
      dev: { ...dev, server: { appid: credentials.WECHAT_APPID, secret: 'from-config', sessionSecret: 'x'.repeat(40), returnPaths: ['/app'] } },
      tunnels: [tunnel],
      redirectUri: 'https://abc.natapp4.cc/login/done',
    })
    expect(result.mode).toBe('wechat')
    expect(result.auth).toMatchObject({ secret: 'from-config', sessionSecret: 'x'.repeat(40), returnPaths: ['/app'], redirectUri: 'https://abc.natapp4.cc/login/done' })
  })

  it('generates a session secret per start, and says so', () => {
    const [first, second] = [plan({ env: credentials, tunnels: [tunnel] }), plan({ env: credentials, tunnels: [tunnel] })]
    expect(first.auth.sessionSecret).not.toBe(second.auth.sessionSecret)
    expect(first.warnings).toEqual([expect.stringMatching(/^WECHAT_SESSION_SECRET is not set, so a random session secret was generated/)])
  })

  it('warns that WeChat cannot reach localhost without a tunnel', () => {
    const result = plan({ env: { ...credentials, WECHAT_SESSION_SECRET: 's'.repeat(32) } })
    expect(result.auth.redirectUri).toBeUndefined()
    expect(result.warnings).toEqual([expect.stringContaining('no tunnel: WeChat only redirects to the 授权回调域 registered for your website app, never to localhost. Set WECHAT_TUNNEL_URL=')])
  })

  it('derives the redirect URI per request for a tunnel given without a scheme, and says how to pin it', () => {
    const result = plan({ env: { ...credentials, WECHAT_SESSION_SECRET: 's'.repeat(32) }, tunnels: [{ host: 'abc.natappfree.cc', source: 'WECHAT_TUNNEL_HOST' }] })
    expect(result.auth.redirectUri).toBeUndefined()
    expect(result.auth.trustProxy).toBe(true)
    expect(result.warnings).toEqual([expect.stringContaining('WECHAT_TUNNEL_URL=https://abc.natappfree.cc, to pin it')])
  })

  it('stays on the emulator with only one credential, and says which one is missing', () => {
    const result = emulatorPlan({ env: { WECHAT_APPID: credentials.WECHAT_APPID } })
    expect(result.auth).not.toHaveProperty('appid')
    expect(result.warnings).toEqual(['WECHAT_APPID is set but WECHAT_APPSECRET is not, so the dev server logs in through the emulator. Set both for the real WeChat.'])
    // A lone appid belongs to the real app, not to the emulator's.
    expect(emulatorPlan({ dev: { ...dev, server: { appid: credentials.WECHAT_APPID } } }).auth).not.toHaveProperty('appid')
  })

  it('takes the real Official Account from WECHAT_OA_APPID and WECHAT_OA_APPSECRET, and its verification file\'s path', () => {
    const env = { ...credentials, WECHAT_SESSION_SECRET: 's'.repeat(32), WECHAT_OA_APPID: 'wx00112233445566bb', WECHAT_OA_APPSECRET: 'oa-secret', WECHAT_OA_VERIFY_FILE: './verify/MP_verify_JAvcbC1J7nmyASIJ.txt' }
    const result = wechatPlan({ env, tunnels: [tunnel] })
    expect(result.auth.officialAccount).toEqual({ appid: 'wx00112233445566bb', secret: 'oa-secret' })
    expect(result.verificationFile).toEqual({ name: 'MP_verify_JAvcbC1J7nmyASIJ.txt', path: './verify/MP_verify_JAvcbC1J7nmyASIJ.txt' })
    expect(result.warnings).toEqual([])
    // dev.server's own, file and all, over the variables.
    const officialAccount = { appid: 'wx00112233445566cc', secret: 'from-config', verificationFile: { name: 'MP_verify_abc.txt', content: 'abc' } }
    const configured = wechatPlan({ env, tunnels: [tunnel], dev: { ...dev, server: { officialAccount } } })
    expect(configured.auth.officialAccount).toEqual(officialAccount)
    expect(configured.verificationFile).toEqual(officialAccount.verificationFile)
  })

  it('says when only half of the Official Account is set, or a verification file without one', () => {
    const env = { ...credentials, WECHAT_SESSION_SECRET: 's'.repeat(32) }
    const half = wechatPlan({ env: { ...env, WECHAT_OA_APPID: 'wx00112233445566bb', WECHAT_OA_VERIFY_FILE: 'MP_verify_abc.txt' }, tunnels: [tunnel] })
    expect(half.auth.officialAccount).toBeUndefined()
    expect(half.verificationFile).toBeUndefined()
    expect(half.warnings).toEqual([
      'WECHAT_OA_APPID is set but WECHAT_OA_APPSECRET is not, so no Official Account logs users in inside WeChat. Set both.',
      'WECHAT_OA_VERIFY_FILE is set but no Official Account is, so the file is not served. Set WECHAT_OA_APPID and WECHAT_OA_APPSECRET.',
    ])
  })

  it('stays on the emulator\'s Official Account without the website app\'s credentials, serving the verification file', () => {
    const result = emulatorPlan({ env: { WECHAT_OA_APPID: 'wx00112233445566bb', WECHAT_OA_APPSECRET: 'oa-secret', WECHAT_OA_VERIFY_FILE: 'MP_verify_abc.txt' } })
    expect(result.auth).not.toHaveProperty('officialAccount')
    expect(result.verificationFile).toEqual({ name: 'MP_verify_abc.txt', path: 'MP_verify_abc.txt' })
    expect(result.warnings).toEqual([expect.stringContaining('An Official Account is configured but WECHAT_APPID and WECHAT_APPSECRET are not, so the dev server logs in through the emulator')])
  })

  it('says how to pin the redirect URI of the real WeChat behind a preset, whose host is known per request', () => {
    const result = plan({ env: { ...credentials, WECHAT_SESSION_SECRET: 's'.repeat(32) }, presets: ['.natappfree.cc'] })
    expect(result.auth).toMatchObject({ trustProxy: true })
    expect(result.auth.redirectUri).toBeUndefined()
    expect(result.warnings).toEqual([expect.stringContaining('derived from the host each request comes through, and WeChat accepts only the exact host registered as 授权回调域')])
  })

  it('refuses a tunnel host the emulator cannot take as callback domain, naming where it was set', () => {
    const underscore: TunnelHost = { host: 'my_app.frp.example.com', origin: 'https://my_app.frp.example.com', source: 'WECHAT_TUNNEL_URL' }
    expect(() => plan({ tunnels: [tunnel, underscore] })).toThrowError(expect.objectContaining({
      code: 'INVALID_TUNNEL_HOST',
      option: 'WECHAT_TUNNEL_URL',
      message: expect.stringContaining('Invalid "WECHAT_TUNNEL_URL": "my_app.frp.example.com" is not a valid hostname'),
    }))
    expect(() => plan({ tunnels: [underscore] })).toThrowError(/授权回调域.*\(no "_"\)\. Rename the tunnel's subdomain without "_" \(e\.g\. "my-app\.frp\.example\.com"\) and update "WECHAT_TUNNEL_URL"/)
    // Your own apps carry their own callback domains; the real WeChat decides for itself.
    expect(plan({ tunnels: [underscore], dev: { ...dev, emulator: { options: { apps: [DEMO_APP] }, port: 0, lan: false } } }).mode).toBe('emulator')
    expect(plan({ tunnels: [underscore], env: { ...credentials, WECHAT_SESSION_SECRET: 's'.repeat(32) } }).mode).toBe('wechat')
  })

  it.each([
    ['emulator: false without credentials', { dev: { ...dev, emulator: false as const } }, 'INVALID_OPTION', 'dev.emulator'],
    ['a malformed WECHAT_APPID', { env: { ...credentials, WECHAT_APPID: 'wx123' } }, 'INVALID_APPID', 'WECHAT_APPID'],
    ['a short WECHAT_SESSION_SECRET', { env: { ...credentials, WECHAT_SESSION_SECRET: 'short' } }, 'INVALID_OPTION', 'WECHAT_SESSION_SECRET'],
  ])('refuses %s', (_, input, code, option) => {
    let error: unknown
    try {
      plan(input)
    }
    catch (caught) {
      error = caught
    }
    expect(isWechatLoginError(error, code as 'INVALID_OPTION')).toBe(true)
    expect(error).toMatchObject({ option })
    expect(String((error as Error).message)).not.toContain(credentials.WECHAT_APPSECRET)
  })
})
