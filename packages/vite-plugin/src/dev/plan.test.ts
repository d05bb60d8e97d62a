import type { ResolvedDevOptions } from '../options'
import type { TunnelHost } from '../tunnel/hosts'
import type { DevPlanInput } from './plan'
import { isWechatLoginError } from '@wechat-qr-login/core'
import { DEMO_APP } from '@wechat-qr-login/emulator'
import { describe, expect, it } from 'vitest'
import { planDev } from './plan'

const dev: ResolvedDevOptions = { emulator: { options: {}, port: 4399, lan: false }, authBase: '/auth/wechat', server: {} }
const credentials = { WECHAT_APPID: 'wx0123456789abcdef', WECHAT_APPSECRET: 'real-app-secret-0123456789abcdef' }
const tunnel: TunnelHost = { host: 'abc.natapp4.cc', origin: 'https://abc.natapp4.cc', source: 'tunnel' }

function plan(input: Partial<DevPlanInput> = {}): ReturnType<typeof planDev> {
  return planDev({ dev, env: {}, tunnels: [], redirectUri: undefined, ...input })
}

describe('planDev', () => {
  it('uses the emulator\'s demo app without credentials, accepted on localhost, 127.0.0.1 and the tunnels', () => {
    const result = plan({ tunnels: [tunnel, { host: '.natappfree.cc', source: 'tunnelPresets' }] })
    expect(result.mode).toBe('emulator')
    expect(result.auth).toMatchObject({ appid: DEMO_APP.appid, secret: DEMO_APP.secret, basePath: '/auth/wechat', trustProxy: true })
    expect(result.auth.redirectUri).toBeUndefined()
    expect(result.emulator?.app.callbackDomain).toEqual(['localhost', '127.0.0.1', 'abc.natapp4.cc'])
    expect(result.emulator?.options.apps).toEqual([result.emulator?.app])
    expect(result.emulator?.tunnelPublicUrl).toBe('https://abc.natapp4.cc/__wechat-emulator')
    expect(result.warnings).toEqual([])
  })

  it('keeps emulator sessions across restarts with a fixed dev-only secret, and trusts no proxy without a tunnel', () => {
    const [first, second] = [plan(), plan()]
    expect(first.auth.sessionSecret).toBe(second.auth.sessionSecret)
    expect((first.auth.sessionSecret as string).length).toBeGreaterThanOrEqual(32)
    expect(first.auth.trustProxy).toBe(false)
    expect(first.emulator?.tunnelPublicUrl).toBeUndefined()
  })

  it('logs in with the emulator\'s first app when apps are given', () => {
    const app = { appid: 'wx00000000000000aa', secret: 'own', callbackDomain: 'localhost' }
    const result = plan({ dev: { ...dev, emulator: { options: { apps: [app] }, port: 0, lan: false } } })
    expect(result.auth).toMatchObject({ appid: app.appid, secret: 'own' })
    expect(result.emulator?.options.apps).toEqual([app])
  })

  it('chooses the real WeChat when WECHAT_APPID and WECHAT_APPSECRET are set, with the tunnel\'s redirect URI', () => {
    const result = plan({ env: { ...credentials, WECHAT_SESSION_SECRET: 's'.repeat(32) }, tunnels: [tunnel] })
    expect(result.mode).toBe('wechat')
    expect(result.emulator).toBeUndefined()
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
    const result = plan({ env: { WECHAT_APPID: credentials.WECHAT_APPID } })
    expect(result.mode).toBe('emulator')
    expect(result.auth.appid).toBe(DEMO_APP.appid)
    expect(result.warnings).toEqual(['WECHAT_APPID is set but WECHAT_APPSECRET is not, so the dev server logs in through the emulator. Set both for the real WeChat.'])
    expect(plan({ dev: { ...dev, server: { appid: credentials.WECHAT_APPID } } }).auth.appid).toBe(DEMO_APP.appid)
  })

  it('refuses a tunnel host the emulator cannot take as callback domain, naming where it was set', () => {
    const underscore: TunnelHost = { host: 'my_app.frp.example.com', origin: 'https://my_app.frp.example.com', source: 'WECHAT_TUNNEL_URL' }
    expect(() => plan({ tunnels: [tunnel, underscore] })).toThrowError(expect.objectContaining({
      code: 'INVALID_TUNNEL_HOST',
      option: 'WECHAT_TUNNEL_URL',
      message: expect.stringContaining('Invalid tunnel host in "WECHAT_TUNNEL_URL": "my_app.frp.example.com" is not a valid hostname'),
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
