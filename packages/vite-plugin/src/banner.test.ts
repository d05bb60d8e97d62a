import type { BannerInput, DevBannerInput } from './banner'
import { captureLogger } from '@wechat-qr-login/test-utils/vite-app'
import { describe, expect, it } from 'vitest'
import { createBanner, printBanner } from './banner'

const none: BannerInput = {
  localUrl: 'http://127.0.0.1:5173/',
  tunnels: [],
  allowedHosts: [],
  allowAllHosts: false,
  callbackDomain: undefined,
  redirectUri: undefined,
}

/** The emulator's demo Official Account on a dev server's port. */
const demoOfficialAccount = { appid: 'wxfeedface0ff1c1a1', demo: true, webAuthDomain: ['localhost:5173', '127.0.0.1:5173'] }

/** The dev integration in emulator mode, with the demo app, the demo Official Account and the given emulator. */
function emulatorDev(emulator: NonNullable<DevBannerInput['emulator']>): DevBannerInput {
  return { mode: 'emulator', authBase: '/auth/wechat', appid: 'wxdeadbeefcafef00d', emulator, officialAccount: demoOfficialAccount }
}

describe('createBanner', () => {
  it('stays quiet when nothing WeChat-related is configured', () => {
    expect(createBanner(none)).toBeUndefined()
  })

  it('shows where the tunnel points, the callback domain to register and an example redirect URI', () => {
    const banner = createBanner({ ...none, tunnels: [{ host: 'abc.natapp4.cc', origin: 'https://abc.natapp4.cc', source: 'tunnel' }], allowedHosts: ['abc.natapp4.cc'] })
    expect(banner).toEqual({
      lines: [
        '  ➜  WeChat login (wechat-qr-login)',
        '     Tunnel:           https://abc.natapp4.cc → http://127.0.0.1:5173/ (point the tunnel at 127.0.0.1:5173)',
        '     Callback domain:  abc.natapp4.cc  ← 授权回调域 (your website app\'s 网站信息 in the WeChat Open Platform console)',
        '     Redirect URI:     any path on https://abc.natapp4.cc, e.g. https://abc.natapp4.cc/auth/wechat/callback',
        '     Allowed hosts:    abc.natapp4.cc',
      ],
      warnings: [],
    })
  })

  it('shows the local URL and the redirect URI when there is only a callback domain and a redirect URI', () => {
    const banner = createBanner({ ...none, callbackDomain: 'abc.natapp4.cc', redirectUri: 'https://abc.natapp4.cc/cb' })
    expect(banner?.lines).toEqual([
      '  ➜  WeChat login (wechat-qr-login)',
      '     Local:            http://127.0.0.1:5173/',
      '     Callback domain:  abc.natapp4.cc  ← 授权回调域 (your website app\'s 网站信息 in the WeChat Open Platform console)',
      '     Redirect URI:     https://abc.natapp4.cc/cb',
      '     Allowed hosts:    none added',
    ])
  })

  it('makes a provider preset a tunnel: any of its hosts, the host to register, the redirect URI per request', () => {
    const suffixes = ['.natappfree.cc', '.natapp1.cc', '.natapp4.cc']
    const banner = createBanner({ ...none, allowedHosts: suffixes })
    expect(banner?.lines).toEqual([
      '  ➜  WeChat login (wechat-qr-login)',
      '     Tunnel:           any host under .natappfree.cc, .natapp1.cc, .natapp4.cc → http://127.0.0.1:5173/ (point the tunnel at 127.0.0.1:5173)',
      '     Callback domain:  your tunnel\'s own host, e.g. abc.natappfree.cc  ← 授权回调域 (your website app\'s 网站信息 in the WeChat Open Platform console); the emulator accepts any host under .natappfree.cc, .natapp1.cc, .natapp4.cc',
      '     Redirect URI:     on the host each request comes through, e.g. http://abc.natappfree.cc/auth/wechat/callback',
      '     Allowed hosts:    .natappfree.cc, .natapp1.cc, .natapp4.cc',
    ])
    expect(banner?.warnings).toEqual([expect.stringMatching(/^natapp's free tunnels \(\.natappfree\.cc\) are plain http, so an embedded QR code with selfRedirect cannot log in through it/)])
  })

  it('says an IP address cannot be the callback domain, and never calls it local', () => {
    const banner = createBanner({ ...none, tunnels: [{ host: '203.0.113.5', origin: 'http://203.0.113.5', source: 'tunnel' }], allowedHosts: ['203.0.113.5'] })
    expect(banner?.lines).toContain('     Callback domain:  none: 203.0.113.5 is not a domain name, and a website app\'s 授权回调域 must be one (see the warning below)')
    expect(banner?.warnings).toEqual([
      expect.stringContaining('The tunnel "http://203.0.113.5" is an IP address, but a website app\'s 授权回调域 must be a domain name'),
      expect.stringContaining('The tunnel "http://203.0.113.5" is plain http'),
    ])
    expect(banner?.warnings.join('\n')).not.toContain('local address')
  })

  it('keeps the port of a tunnel written as host:port, and warns about it as for a URL', () => {
    const banner = createBanner({ ...none, tunnels: [{ host: 'abc.natapp4.cc', port: '8080', source: 'tunnel' }], allowedHosts: ['abc.natapp4.cc'] })
    expect(banner?.lines).toContain('     Tunnel:           abc.natapp4.cc:8080 → http://127.0.0.1:5173/ (point the tunnel at 127.0.0.1:5173)')
    expect(banner?.warnings).toEqual([expect.stringContaining('The tunnel "abc.natapp4.cc:8080" uses port 8080: 授权回调域 cannot carry a port')])
  })

  it('warns at start-up that an http tunnel cannot carry the embedded QR with selfRedirect', () => {
    const http = createBanner({ ...none, tunnels: [{ host: 'dev.example.com', origin: 'http://dev.example.com', source: 'WECHAT_TUNNEL_URL' }], allowedHosts: ['dev.example.com'] })
    expect(http?.warnings).toEqual([expect.stringContaining('The tunnel "http://dev.example.com" is plain http, so an embedded QR code with selfRedirect cannot log in through it: its callback runs in WeChat\'s cross-site iframe, where browsers keep only "SameSite=None; Secure" cookies, and those need https (or localhost). That login ends in STATE_MISMATCH.')])
    expect(createBanner({ ...none, tunnels: [{ host: 'dev.example.com', origin: 'https://dev.example.com', source: 'tunnel' }], allowedHosts: ['dev.example.com'] })?.warnings).toEqual([])
    expect(createBanner({ ...none, redirectUri: 'http://localhost:5173/auth/wechat/callback' })?.warnings.join('\n')).not.toContain('plain http')
  })

  it('says every host is allowed with allowAllHosts', () => {
    expect(createBanner({ ...none, allowAllHosts: true })?.lines).toContain('     Allowed hosts:    every host (allowAllHosts: true, see the warning above)')
  })

  it('describes the emulator of the dev integration, even without a tunnel, in words a user acts on', () => {
    const banner = createBanner({
      ...none,
      dev: emulatorDev({ url: 'http://127.0.0.1:51234', busyPort: 4399, lan: false, callbackDomains: ['localhost', '127.0.0.1'], subdomains: false, demoApp: true }),
    })
    expect(banner).toEqual({
      lines: [
        '  ➜  WeChat login (wechat-qr-login)',
        '     Mode:             emulator: offline login with fake users; for the real WeChat, set WECHAT_APPID and WECHAT_APPSECRET in .env.local',
        '     Emulator:         http://127.0.0.1:51234 (port 4399 was taken): WeChat\'s login pages and APIs with fake users, on another site than your app, as WeChat is',
        '     Phone page:       to confirm a login on this computer, click “Open the phone page” (打开手机页) under the QR code',
        '     Real phones:      to scan the QR code with a phone, set WECHAT_TUNNEL_URL=https://<your tunnel> in .env.local (the QR code then opens through the tunnel), or pass dev: { emulator: { lan: true } } for a phone on the same Wi-Fi',
        '     App:              wxdeadbeefcafef00d (the emulator\'s demo app; its secret is public), callback domains localhost, 127.0.0.1',
        '     In WeChat:        Official Account wxfeedface0ff1c1a1 (the emulator\'s demo test account; its secret is public), 网页授权域名 this dev server\'s host and your tunnel\'s',
        '     At your desk:     the cookie wechat_emulator_ua=wechatIos makes this browser WeChat to the emulator: https://wechat-qr-login.github.io/guide/in-wechat#at-your-desk',
        '     Auth routes:      /auth/wechat/state, /callback, /exchange, /session, /logout (on this server)',
      ],
      warnings: [],
    })
  })

  it('says when the emulator has no Official Account, and names a verification file it serves', () => {
    const emulator = { url: 'http://127.0.0.1:4399', lan: false, callbackDomains: ['localhost'], subdomains: false, demoApp: true }
    const without = createBanner({ ...none, dev: { ...emulatorDev(emulator), officialAccount: undefined } })
    expect(without?.lines).toContain('     In WeChat:        no Official Account (officialAccounts: []): pages inside WeChat get OFFICIAL_ACCOUNT_NOT_CONFIGURED')
    const withFile = createBanner({ ...none, dev: { ...emulatorDev(emulator), officialAccount: { appid: 'wx00112233445566bb', demo: false, webAuthDomain: ['localhost:5173', 'abc.natapp4.cc'], verificationFile: 'MP_verify_abc.txt' } } })
    expect(withFile?.lines).toEqual(expect.arrayContaining([
      '     In WeChat:        Official Account wx00112233445566bb, 网页授权域名 localhost:5173, abc.natapp4.cc',
      '     Verification:     /MP_verify_abc.txt, served by this dev server',
    ]))
  })

  it('names the Official Account in real-WeChat mode, the 网页授权域名 to register and the verification file served through the tunnel', () => {
    const tunnel = { tunnels: [{ host: 'abc.natapp4.cc', origin: 'https://abc.natapp4.cc', source: 'tunnel' }], allowedHosts: ['abc.natapp4.cc'] }
    const real: DevBannerInput = { mode: 'wechat', authBase: '/auth/wechat', appid: 'wx0123456789abcdef', redirectUri: 'https://abc.natapp4.cc/auth/wechat/callback', appUrl: 'https://abc.natapp4.cc' }
    const officialAccount = { appid: 'wx00112233445566bb', demo: false, webAuthDomain: [] }
    const served = createBanner({ ...none, ...tunnel, dev: { ...real, officialAccount: { ...officialAccount, verificationFile: 'MP_verify_JAvcbC1J7nmyASIJ.txt' } } })
    expect(served?.lines).toEqual(expect.arrayContaining([
      '     In WeChat:        Official Account wx00112233445566bb; its AppSecret stays on this server',
      '     Web auth domain:  abc.natapp4.cc  ← 网页授权域名 (公众平台 → 设置与开发 → 账号设置 → 功能设置)',
      '     Verification:     /MP_verify_JAvcbC1J7nmyASIJ.txt, served by this dev server, through the tunnel too',
    ]))
    const unserved = createBanner({ ...none, ...tunnel, dev: { ...real, officialAccount } })
    expect(unserved?.lines).toContain('     Verification:     none served: download MP_verify_….txt where you register the domain and set WECHAT_OA_VERIFY_FILE=./MP_verify_….txt')
    const none_ = createBanner({ ...none, ...tunnel, dev: real })
    expect(none_?.lines).toContain('     In WeChat:        no Official Account, so users inside WeChat cannot log in: set WECHAT_OA_APPID and WECHAT_OA_APPSECRET of a verified 服务号 bound to your website app\'s Open Platform account')
  })

  it('shows where phones reach the emulator through the tunnel, then the tunnel lines', () => {
    const banner = createBanner({
      ...none,
      tunnels: [{ host: 'abc.natapp4.cc', origin: 'https://abc.natapp4.cc', source: 'tunnel' }],
      allowedHosts: ['abc.natapp4.cc'],
      dev: emulatorDev({ url: 'http://127.0.0.1:4399', publicUrl: 'https://abc.natapp4.cc/__wechat-emulator', lan: false, callbackDomains: ['localhost', '127.0.0.1', 'abc.natapp4.cc'], subdomains: false, demoApp: true }),
    })
    expect(banner?.lines).toContain('     Real phones:      scan the QR code: it opens https://abc.natapp4.cc/__wechat-emulator/connect/confirm?uuid=… through your tunnel')
    expect(banner?.lines).toContain('     Tunnel:           https://abc.natapp4.cc → http://127.0.0.1:5173/ (point the tunnel at 127.0.0.1:5173)')
  })

  it('says that phones reach the phone page through the tunnel host the app was opened on behind a provider preset, and which hosts the emulator accepts', () => {
    const banner = createBanner({
      ...none,
      allowedHosts: ['.natappfree.cc'],
      dev: emulatorDev({ url: 'http://127.0.0.1:4399', lan: false, callbackDomains: ['localhost', '127.0.0.1', 'natappfree.cc'], subdomains: true, demoApp: true }),
    })
    expect(banner?.lines).toContain('     Real phones:      open your app through the tunnel (any host under .natappfree.cc) and scan the QR code: it opens the phone page through the same host')
    expect(banner?.lines).toContain('     App:              wxdeadbeefcafef00d (the emulator\'s demo app; its secret is public), callback domains localhost, 127.0.0.1, natappfree.cc and their subdomains')
  })

  it('says that phones reach the phone page through a tunnel given by host only, on which the app is opened', () => {
    const banner = createBanner({
      ...none,
      tunnels: [{ host: 'abc.natappfree.cc', source: 'WECHAT_TUNNEL_HOST' }],
      allowedHosts: ['abc.natappfree.cc'],
      dev: emulatorDev({ url: 'http://127.0.0.1:4399', lan: false, callbackDomains: ['localhost', '127.0.0.1', 'abc.natappfree.cc'], subdomains: false, demoApp: true }),
    })
    expect(banner?.lines).toContain('     Real phones:      open your app through the tunnel (abc.natappfree.cc) and scan the QR code: it opens the phone page through the same host')
  })

  it('describes the real WeChat: where to open the app, the callback domain and the redirect URI it sends', () => {
    const banner = createBanner({
      ...none,
      dev: { mode: 'wechat', authBase: '/auth/wechat', appid: 'wx0123456789abcdef', redirectUri: 'https://abc.natapp4.cc/auth/wechat/callback', appUrl: 'https://abc.natapp4.cc' },
    })
    expect(banner?.lines.slice(0, 4)).toEqual([
      '  ➜  WeChat login (wechat-qr-login)',
      '     Mode:             real WeChat · AppID wx0123456789abcdef; the AppSecret stays on this server',
      '     Auth routes:      /auth/wechat/state, /callback, /exchange, /session, /logout (on this server)',
      '     Open the app at:  https://abc.natapp4.cc/ (the login\'s cookies belong to the tunnel\'s host, not to localhost)',
    ])
    expect(banner?.lines).toContain('     Callback domain:  abc.natapp4.cc  ← 授权回调域 (your website app\'s 网站信息 in the WeChat Open Platform console)')
    expect(banner?.lines).toContain('     Redirect URI:     https://abc.natapp4.cc/auth/wechat/callback')
  })

  it.each([
    ['a non-default port', { redirectUri: 'https://abc.natapp4.cc:8443/cb' }, 'uses port 8443'],
    ['a host outside the callback domain', { redirectUri: 'https://abc.natapp4.cc/cb', callbackDomain: 'www.example.com' }, 'is not on the callback domain "www.example.com"'],
    ['http behind an https tunnel', { redirectUri: 'http://abc.natapp4.cc/cb', tunnels: [{ host: 'abc.natapp4.cc', origin: 'https://abc.natapp4.cc', source: 'tunnel' }] }, 'uses http, but your tunnel serves https'],
    ['a free domain that changes on every start', { tunnels: [{ host: 'abc.natappfree.cc', source: 'WECHAT_TUNNEL_HOST' }] }, 'changes each time the tunnel starts'],
    ['a local redirect URI', { redirectUri: 'http://localhost:5173/cb' }, 'is a local address'],
  ])('warns about %s', (_, input, text) => {
    const banner = createBanner({ ...none, ...input })
    expect(banner?.warnings[0]).toContain(text)
  })
})

describe('printBanner', () => {
  it('prints the lines as info and each warning with the package prefix', () => {
    const log = captureLogger()
    printBanner(log.logger, { lines: ['a', 'b'], warnings: ['careful'] })
    expect(log.output()).toBe('a\nb\n[wechat-qr-login] careful')
    expect(log.warnings()).toEqual(['[wechat-qr-login] careful'])
  })
})
