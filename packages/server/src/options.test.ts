import { describe, expect, it } from 'vitest'
import { resolveAuthOptions } from './options'

const base = { appid: 'wx0123456789abcdef', secret: 'secret', sessionSecret: 'x'.repeat(32) }

describe('resolveAuthOptions', () => {
  it('applies the defaults', () => {
    const options = resolveAuthOptions(base)
    expect(options).toMatchObject({
      basePath: '/auth/wechat',
      trustProxy: false,
      returnPaths: ['/'],
      defaultReturnPath: '/',
      cookie: { name: 'wechat_session', maxAge: 604_800, secure: 'auto' },
      session: true,
      logger: console,
    })
    expect(options.openBase({ flow: 'qr', url: new URL('https://www.example.com/auth/wechat/state') })).toBe('https://open.weixin.qq.com')
    expect(options.apps.oa).toBeUndefined()
    expect(options.redirectUri).toBeUndefined()
    expect(options.appOrigin).toBeUndefined()
  })

  it('keeps the default return path normalized, as return_to paths are', () => {
    expect(resolveAuthOptions({ ...base, defaultReturnPath: '/a/./../account' }).defaultReturnPath).toBe('/account')
  })

  it('takes the app origin from the redirect URI', () => {
    expect(resolveAuthOptions({ ...base, redirectUri: 'https://www.example.com/auth/wechat/callback' }).appOrigin).toBe('https://www.example.com')
    expect(resolveAuthOptions({ ...base, redirectUri: 'https://api.example.com/cb', appOrigin: 'https://www.example.com/' }).appOrigin).toBe('https://www.example.com')
  })

  it.each([
    [{ sessionSecret: 'short' }, 'sessionSecret'],
    [{ sessionSecret: [] }, 'sessionSecret'],
    [{ sessionSecret: ['x'.repeat(32), 'short'] }, 'sessionSecret'],
    [{ secret: '' }, 'secret'],
    [{ basePath: 'auth' }, 'basePath'],
    [{ basePath: '/auth/' }, 'basePath'],
    [{ basePath: '/auth/../wechat' }, 'basePath'],
    [{ appOrigin: 'https://www.example.com/path' }, 'appOrigin'],
    [{ returnPaths: ['//evil'] }, 'returnPaths'],
    [{ defaultReturnPath: '/admin', returnPaths: ['/app'] }, 'defaultReturnPath'],
    [{ defaultReturnPath: 42 }, 'defaultReturnPath'],
    [{ defaultReturnPath: '/.//evil.example' }, 'defaultReturnPath'],
    [{ cookie: null }, 'cookie'],
    [{ cookie: { name: '__Host-x' } }, 'cookie.name'],
    [{ cookie: { maxAge: -1 } }, 'cookie.maxAge'],
    [{ cookie: { maxAge: 0.5 } }, 'cookie.maxAge'],
    [{ cookie: { maxAge: 3600.5 } }, 'cookie.maxAge'],
    [{ cookie: { maxAge: 400 * 86_400 + 1 } }, 'cookie.maxAge'],
    [{ timeout: 2 ** 31 }, 'timeout'],
    [{ cookie: { secure: 'yes' } }, 'cookie.secure'],
    [{ session: false }, 'onLogin'],
    [{ logger: {} }, 'logger'],
    [{ store: {} }, 'store'],
    [{ store: { getItem: async () => null } }, 'store'],
    [{ trustProxy: 'yes' }, 'trustProxy'],
    [{ officialAccount: 'wx00112233445566bb' }, 'officialAccount'],
    [{ officialAccount: { appid: 'wx00112233445566bb', secret: '' } }, 'officialAccount.secret'],
    [{ officialAccount: { appid: 'wx00112233445566bb', secret: 's', verificationFile: { name: 'verify.txt', content: 'abc' } } }, 'officialAccount.verificationFile.name'],
    [{ officialAccount: { appid: 'wx00112233445566bb', secret: 's', verificationFile: { name: '../MP_verify_abc.txt', content: 'abc' } } }, 'officialAccount.verificationFile.name'],
    [{ officialAccount: { appid: 'wx00112233445566bb', secret: 's', verificationFile: { name: 'MP_verify_abc.txt', content: '' } } }, 'officialAccount.verificationFile.content'],
    [{ officialAccount: { appid: 'wx00112233445566bb', secret: 's', verificationFile: 'MP_verify_abc.txt' } }, 'officialAccount.verificationFile.name'],
  ])('refuses %j', (override, option) => {
    expect(() => resolveAuthOptions({ ...base, ...override } as never)).toThrow(expect.objectContaining({ code: 'INVALID_OPTION', option }))
  })

  it('refuses a fractional cookie.maxAge rather than rounding it to Max-Age=0, which deletes the cookie', () => {
    expect(() => resolveAuthOptions({ ...base, cookie: { maxAge: 0.5 } })).toThrow(expect.objectContaining({ code: 'INVALID_OPTION', option: 'cookie.maxAge', message: expect.stringMatching(/whole number of seconds from 1/) }))
    expect(resolveAuthOptions({ ...base, cookie: { maxAge: 1 } }).cookie.maxAge).toBe(1)
  })

  it('refuses a cookie.maxAge beyond the 400 days a browser keeps a cookie', () => {
    expect(() => resolveAuthOptions({ ...base, cookie: { maxAge: 400 * 86_400 + 1 } })).toThrow(expect.objectContaining({ code: 'INVALID_OPTION', option: 'cookie.maxAge', message: expect.stringContaining('400 days') }))
    expect(resolveAuthOptions({ ...base, cookie: { maxAge: 400 * 86_400 } }).cookie.maxAge).toBe(34_560_000)
  })

  it('copies RegExp return paths without the g and y flags, which make test() stateful', () => {
    const global = /^\/account/gi
    const sticky = /^\/home/y
    const plain = /^\/docs/
    const { returnPaths } = resolveAuthOptions({ ...base, returnPaths: ['/', global, sticky, plain] })
    expect(returnPaths.map(String)).toEqual(['/', '/^\\/account/i', '/^\\/home/', '/^\\/docs/'])
    expect(returnPaths[3]).toBe(plain)
  })

  it('never prints a secret in its errors', () => {
    const secret = 'too-short-secret'
    expect(() => resolveAuthOptions({ ...base, sessionSecret: secret })).toThrow(expect.not.objectContaining({ message: expect.stringContaining(secret) }))
  })

  it('checks appid, URLs and the redirect URI with core\'s validators', () => {
    expect(() => resolveAuthOptions({ ...base, appid: 'wx1' })).toThrow(expect.objectContaining({ code: 'INVALID_APPID' }))
    expect(() => resolveAuthOptions({ ...base, openBase: 'open.weixin.qq.com' })).toThrow(expect.objectContaining({ code: 'INVALID_BASE_URL' }))
    expect(() => resolveAuthOptions({ ...base, redirectUri: '/auth/wechat/callback' })).toThrow(expect.objectContaining({ code: 'INVALID_REDIRECT_URI' }))
  })

  it('takes an Official Account beside the website app, with its own AppID', () => {
    const options = resolveAuthOptions({ ...base, officialAccount: { appid: 'wx00112233445566bb', secret: 'oa-secret', verificationFile: { name: 'MP_verify_JAvcbC1J7nmyASIJ.txt', content: 'JAvcbC1J7nmyASIJ' } } })
    expect(options.apps.oa?.appid).toBe('wx00112233445566bb')
    expect(options.verificationFile).toEqual({ name: 'MP_verify_JAvcbC1J7nmyASIJ.txt', content: 'JAvcbC1J7nmyASIJ' })
    expect(() => resolveAuthOptions({ ...base, officialAccount: { appid: 'wx123', secret: 's' } })).toThrow(expect.objectContaining({ code: 'INVALID_APPID', option: 'officialAccount.appid' }))
    expect(() => resolveAuthOptions({ ...base, officialAccount: { appid: base.appid, secret: 's' } })).toThrow(expect.objectContaining({ code: 'INVALID_OPTION', option: 'officialAccount.appid', message: expect.stringContaining('website app\'s AppID') }))
  })

  it('checks a fixed openBase at once, and a function\'s answer on each call', () => {
    expect(() => resolveAuthOptions({ ...base, openBase: 'open.weixin.qq.com' })).toThrow(expect.objectContaining({ code: 'INVALID_BASE_URL', option: 'openBase' }))
    const options = resolveAuthOptions({ ...base, openBase: ({ url }) => url.searchParams.get('base')! })
    const at = (value: string): string => options.openBase({ flow: 'qr', url: new URL(`https://app.test/?base=${encodeURIComponent(value)}`) })
    expect(at('http://127.0.0.1:4399//')).toBe('http://127.0.0.1:4399')
    expect(() => at('ftp://x')).toThrow(expect.objectContaining({ code: 'INVALID_BASE_URL' }))
  })
})
