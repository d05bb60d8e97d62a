import { afterEach, describe, expect, it, vi } from 'vitest'
import { WechatLoginError } from './login-error'
import {
  assertAppid,
  assertBaseUrl,
  assertBoolean,
  assertHref,
  assertLang,
  assertRedirectUri,
  assertScope,
  assertState,
  assertStyle,
} from './validate'

function rejection(run: () => void): WechatLoginError {
  try {
    run()
  }
  catch (error) {
    expect(error).toBeInstanceOf(WechatLoginError)
    return error as WechatLoginError
  }
  throw new Error('expected the check to throw')
}

describe('assertAppid', () => {
  it('accepts wx + 16 lowercase hex characters', () => {
    expect(() => assertAppid('wxce0a56c2bb620e25')).not.toThrow()
  })

  it.each(['', 'wx123', 'wxce0a56c2bb620e25a', 'WXce0a56c2bb620e25', 'wxce0a56c2bb620g25', ' wxce0a56c2bb620e25', 42, undefined])('rejects %j', (appid) => {
    const error = rejection(() => assertAppid(appid))
    expect(error.code).toBe('INVALID_APPID')
    expect(error.option).toBe('appid')
    expect(error.message).toMatch(/^\[wechat-qr-login\] Invalid "appid"/)
    expect(error.message).toContain('Open Platform console')
  })

  it('names the option as the caller spells it', () => {
    expect(rejection(() => assertAppid('x', 'WECHAT_APPID')).message).toContain('"WECHAT_APPID"')
  })
})

describe('assertRedirectUri', () => {
  it.each(['https://www.example.com/cb', 'http://localhost:5173/auth/wechat/callback?next=%2F'])('accepts %s', (uri) => {
    expect(() => assertRedirectUri(uri)).not.toThrow()
  })

  it.each(['/auth/callback', 'www.example.com/cb', 'ftp://www.example.com/cb', 'javascript:alert(1)', '', 3])('rejects %j as not absolute http(s)', (uri) => {
    const error = rejection(() => assertRedirectUri(uri))
    expect(error.code).toBe('INVALID_REDIRECT_URI')
    expect(error.option).toBe('redirectUri')
    expect(error.message).toContain('absolute http(s) URL')
  })

  it('rejects a fragment and explains the hash-router trap', () => {
    const error = rejection(() => assertRedirectUri('https://www.example.com/#/callback'))
    expect(error.code).toBe('INVALID_REDIRECT_URI')
    expect(error.message).toContain('history-mode')
  })
})

describe('assertScope', () => {
  it.each(['snsapi_userinfo', 'snsapi_base', 'snsapi_login,snsapi_userinfo', ''])('rejects %j', (scope) => {
    const error = rejection(() => assertScope(scope))
    expect(error.code).toBe('INVALID_SCOPE')
    expect(error.message).toContain('"snsapi_login"')
  })
})

describe('assertStyle', () => {
  it('accepts black and white', () => {
    expect(() => assertStyle('black')).not.toThrow()
    expect(() => assertStyle('white')).not.toThrow()
  })

  it.each(['dark', 'Black', ''])('rejects %j', (style) => {
    expect(rejection(() => assertStyle(style))).toMatchObject({ code: 'INVALID_STYLE', option: 'style' })
  })
})

describe('assertLang', () => {
  it.each(['zh_CN', 'zh', 'EN', ''])('rejects %j', (lang) => {
    expect(rejection(() => assertLang(lang))).toMatchObject({ code: 'INVALID_LANG', option: 'lang' })
  })
})

describe('assertHref', () => {
  it.each(['https://cdn.example.com/qr.css', 'data:text/css;base64,Lng=', 'data:text/css,.x%7B%7D'])('accepts %s', (href) => {
    expect(() => assertHref(href)).not.toThrow()
  })

  it.each(['http://cdn.example.com/qr.css', '/qr.css', 'data:text/html;base64,PGgxPg==', 'qr.css'])('rejects %j', (href) => {
    const error = rejection(() => assertHref(href))
    expect(error).toMatchObject({ code: 'INVALID_HREF', option: 'href' })
    expect(error.message).toContain('"css" option')
  })
})

describe('assertState', () => {
  it.each(['a', 'abc_DEF-123', 'x'.repeat(128)])('accepts %s', (state) => {
    expect(() => assertState(state)).not.toThrow()
  })

  it.each([
    ['empty', ''],
    ['too long', 'x'.repeat(129)],
    ['with #', 'STATE#wechat_redirect'],
    ['with a space', 'a b'],
    ['with +', 'a+b'],
    ['not a string', 12],
  ])('rejects a state %s', (_, state) => {
    const error = rejection(() => assertState(state))
    expect(error).toMatchObject({ code: 'INVALID_STATE', option: 'state' })
    expect(error.message).toContain('createState()')
  })
})

describe('assertBaseUrl', () => {
  it.each(['https://open.weixin.qq.com', 'http://127.0.0.1:4399/', 'http://localhost:4399/prefix'])('accepts %s', (base) => {
    expect(() => assertBaseUrl(base, 'openBase')).not.toThrow()
  })

  it.each(['open.weixin.qq.com', 'ws://x', 'https://x?y=1', 'https://x#y', 'https://x/?', 'https://x#'])('rejects %j', (base) => {
    expect(rejection(() => assertBaseUrl(base, 'apiBase'))).toMatchObject({ code: 'INVALID_BASE_URL', option: 'apiBase' })
  })
})

describe('assertBoolean', () => {
  it.each([1, 'true', null])('rejects %j', (value) => {
    expect(rejection(() => assertBoolean(value, 'stylelite'))).toMatchObject({ code: 'INVALID_OPTION', option: 'stylelite' })
  })
})

describe('option errors in production builds', () => {
  afterEach(() => {
    vi.unstubAllEnvs()
  })

  it.each([
    ['appid', () => assertAppid('wx123'), 'INVALID_APPID'],
    ['redirectUri', () => assertRedirectUri('https://www.example.com/#/callback'), 'INVALID_REDIRECT_URI'],
    ['scope', () => assertScope('snsapi_base'), 'INVALID_SCOPE'],
    ['state', () => assertState('a b'), 'INVALID_STATE'],
    ['style', () => assertStyle('dark'), 'INVALID_STYLE'],
    ['lang', () => assertLang('zh'), 'INVALID_LANG'],
    ['href', () => assertHref('http://cdn.example.com/qr.css'), 'INVALID_HREF'],
    ['openBase', () => assertBaseUrl('ftp://x', 'openBase'), 'INVALID_BASE_URL'],
    ['stylelite', () => assertBoolean(1, 'stylelite'), 'INVALID_OPTION'],
  ])('keeps the code and %s, with a short message (the fix is development-only text)', (option, check, code) => {
    const development = rejection(check)
    vi.stubEnv('NODE_ENV', 'production')
    const production = rejection(check)
    expect(production).toMatchObject({ code, option, message: `[wechat-qr-login] Invalid "${option}".` })
    expect(development.message.length).toBeGreaterThan(production.message.length + 20)
    expect(development.message.startsWith(`[wechat-qr-login] Invalid "${option}": `)).toBe(true)
  })
})
