import { describe, expect, it } from 'vitest'
import { buildAuthorizeUrl } from './authorize-url'
import { WechatLoginError } from './login-error'

const appid = 'wx0123456789abcdef'
const redirectUri = 'https://www.example.com/auth/wechat/callback?next=/a b&x=1'
const state = 'Jx0b1N3uQ6m2yL8cVt5rP4aZ9kWd7eHs'

function errorOf(run: () => unknown): WechatLoginError {
  try {
    run()
  }
  catch (error) {
    if (error instanceof WechatLoginError)
      return error
    throw error
  }
  throw new Error('expected a WechatLoginError')
}

describe('buildAuthorizeUrl', () => {
  it('builds the documented qrconnect URL with #wechat_redirect last', () => {
    expect(buildAuthorizeUrl({ appid, redirectUri: 'https://www.example.com/cb', state })).toBe(
      'https://open.weixin.qq.com/connect/qrconnect?appid=wx0123456789abcdef&redirect_uri=https%3A%2F%2Fwww.example.com%2Fcb&response_type=code&scope=snsapi_login&state=Jx0b1N3uQ6m2yL8cVt5rP4aZ9kWd7eHs#wechat_redirect',
    )
  })

  it('encodes redirect_uri exactly once, so its own query survives the round trip', () => {
    const url = new URL(buildAuthorizeUrl({ appid, redirectUri, state }))
    expect(url.searchParams.get('redirect_uri')).toBe(redirectUri)
    expect(url.search).not.toContain('%25')
    expect(url.hash).toBe('#wechat_redirect')
  })

  it('adds lang only when it is set', () => {
    expect(buildAuthorizeUrl({ appid, redirectUri, state })).not.toContain('lang=')
    expect(new URL(buildAuthorizeUrl({ appid, redirectUri, state, lang: 'en' })).searchParams.get('lang')).toBe('en')
    expect(new URL(buildAuthorizeUrl({ appid, redirectUri, state, lang: 'cn' })).searchParams.get('lang')).toBe('cn')
  })

  it('uses openBase, with or without a trailing slash', () => {
    expect(buildAuthorizeUrl({ appid, redirectUri, state, openBase: 'http://127.0.0.1:4399/' }))
      .toMatch(/^http:\/\/127\.0\.0\.1:4399\/connect\/qrconnect\?appid=/)
    expect(buildAuthorizeUrl({ appid, redirectUri, state, openBase: 'http://127.0.0.1:4399/wechat' }))
      .toMatch(/^http:\/\/127\.0\.0\.1:4399\/wechat\/connect\/qrconnect\?/)
  })

  it('rejects a missing state instead of sending a login without CSRF protection', () => {
    const error = errorOf(() => buildAuthorizeUrl({ appid, redirectUri } as never))
    expect(error.code).toBe('INVALID_STATE')
    expect(error.message).toContain('createState()')
  })

  it.each([
    ['appid', { appid: 'wx123' }, 'INVALID_APPID'],
    ['redirectUri', { redirectUri: '/callback' }, 'INVALID_REDIRECT_URI'],
    ['scope', { scope: 'snsapi_userinfo' }, 'INVALID_SCOPE'],
    ['lang', { lang: 'zh_CN' }, 'INVALID_LANG'],
    ['openBase', { openBase: 'open.weixin.qq.com' }, 'INVALID_BASE_URL'],
  ])('rejects a bad %s with a typed error that names it', (option, override, code) => {
    const error = errorOf(() => buildAuthorizeUrl({ appid, redirectUri, state, ...override } as never))
    expect(error.code).toBe(code)
    expect(error.option).toBe(option)
    expect(error.message).toContain(`"${option}"`)
  })
})
