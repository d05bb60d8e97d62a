import type { BannerInput } from './banner'
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

  it('shows the local URL and the redirect URI when there is no exact tunnel', () => {
    const banner = createBanner({ ...none, allowedHosts: ['.natappfree.cc'], redirectUri: 'https://abc.natappfree.cc/cb' })
    expect(banner?.lines).toEqual([
      '  ➜  WeChat login (wechat-qr-login)',
      '     Local:            http://127.0.0.1:5173/',
      '     Callback domain:  abc.natappfree.cc  ← 授权回调域 (your website app\'s 网站信息 in the WeChat Open Platform console)',
      '     Redirect URI:     https://abc.natappfree.cc/cb',
      '     Allowed hosts:    .natappfree.cc',
    ])
  })

  it('says every host is allowed with allowAllHosts', () => {
    expect(createBanner({ ...none, allowAllHosts: true })?.lines).toContain('     Allowed hosts:    every host (allowAllHosts: true, see the warning above)')
  })

  it('describes the emulator of the dev integration, even without a tunnel', () => {
    const banner = createBanner({
      ...none,
      dev: {
        mode: 'emulator',
        authBase: '/auth/wechat',
        appid: 'wxdeadbeefcafef00d',
        emulator: { url: 'http://127.0.0.1:51234', busyPort: 4399, lan: false, callbackDomains: ['localhost', '127.0.0.1'], demoApp: true },
      },
    })
    expect(banner).toEqual({
      lines: [
        '  ➜  WeChat login (wechat-qr-login)',
        '     Mode:             emulator: offline login with fake users (set WECHAT_APPID and WECHAT_APPSECRET for the real WeChat)',
        '     Emulator:         http://127.0.0.1:51234 (port 4399 was taken); pages on 127.0.0.1 get http://localhost:51234, another site as WeChat is',
        '     Phone page:       http://127.0.0.1:51234/connect/confirm?uuid=… (“打开手机页” under each QR opens it)',
        '     Phones:           none: set a tunnel URL (WECHAT_TUNNEL_URL=https://…) or dev.emulator.lan for a real phone',
        '     App:              wxdeadbeefcafef00d (the emulator\'s demo app; its secret is public), callback domains localhost, 127.0.0.1',
        '     Auth routes:      /auth/wechat/state, /callback, /exchange, /session, /logout (on this server)',
      ],
      warnings: [],
    })
  })

  it('shows where phones reach the emulator through the tunnel, then the tunnel lines', () => {
    const banner = createBanner({
      ...none,
      tunnels: [{ host: 'abc.natapp4.cc', origin: 'https://abc.natapp4.cc', source: 'tunnel' }],
      allowedHosts: ['abc.natapp4.cc'],
      dev: {
        mode: 'emulator',
        authBase: '/auth/wechat',
        appid: 'wxdeadbeefcafef00d',
        emulator: { url: 'http://127.0.0.1:4399', publicUrl: 'https://abc.natapp4.cc/__wechat-emulator', lan: false, callbackDomains: ['localhost', '127.0.0.1', 'abc.natapp4.cc'], demoApp: true },
      },
    })
    expect(banner?.lines).toContain('     Phones:           https://abc.natapp4.cc/__wechat-emulator/connect/confirm?uuid=… (the QR\'s link, through your tunnel)')
    expect(banner?.lines).toContain('     Tunnel:           https://abc.natapp4.cc → http://127.0.0.1:5173/ (point the tunnel at 127.0.0.1:5173)')
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
    expect(banner?.warnings).toEqual([expect.stringContaining(text)])
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
