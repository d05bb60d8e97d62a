import { describe, expect, it } from 'vitest'
import { WechatLoginError } from './login-error'
import { buildOfficialAccountAuthorizeUrl } from './official-account-url'
import { createState } from './state'

const appid = 'wxfeedface0ff1c1a1'
const redirectUri = 'https://www.example.com/auth/wechat/callback?next=/a b&x=1'
const state = 'Jx0b1N3uQ6m2yL8cVt5rP4aZ9kWd7eHs'

describe('buildOfficialAccountAuthorizeUrl', () => {
  it('builds the documented oauth2/authorize URL, in WeChat\'s order, #wechat_redirect last', () => {
    expect(buildOfficialAccountAuthorizeUrl({ appid, redirectUri: 'https://www.example.com/cb', scope: 'snsapi_userinfo', state })).toBe(
      'https://open.weixin.qq.com/connect/oauth2/authorize?appid=wxfeedface0ff1c1a1&redirect_uri=https%3A%2F%2Fwww.example.com%2Fcb&response_type=code&scope=snsapi_userinfo&state=Jx0b1N3uQ6m2yL8cVt5rP4aZ9kWd7eHs#wechat_redirect',
    )
  })

  it('encodes redirect_uri exactly once, so its own query survives the round trip', () => {
    const url = new URL(buildOfficialAccountAuthorizeUrl({ appid, redirectUri, scope: 'snsapi_base', state }))
    expect(url.searchParams.get('redirect_uri')).toBe(redirectUri)
    expect(url.searchParams.get('scope')).toBe('snsapi_base')
    expect(url.search).not.toContain('%25')
    expect(url.hash).toBe('#wechat_redirect')
  })

  it('puts forcePopup=true before the fragment, where WeChat reads it, and only when asked', () => {
    expect(buildOfficialAccountAuthorizeUrl({ appid, redirectUri, scope: 'snsapi_userinfo', state, forcePopup: false })).not.toContain('forcePopup')
    expect(buildOfficialAccountAuthorizeUrl({ appid, redirectUri: 'https://www.example.com/cb', scope: 'snsapi_userinfo', state, forcePopup: true }))
      .toMatch(/&state=Jx0b1N3uQ6m2yL8cVt5rP4aZ9kWd7eHs&forcePopup=true#wechat_redirect$/)
  })

  it('uses openBase, with or without a trailing slash', () => {
    expect(buildOfficialAccountAuthorizeUrl({ appid, redirectUri, scope: 'snsapi_userinfo', state, openBase: 'http://127.0.0.1:4399/' }))
      .toMatch(/^http:\/\/127\.0\.0\.1:4399\/connect\/oauth2\/authorize\?appid=/)
  })

  it('takes every state createState() mints', () => {
    for (let index = 0; index < 50; index++)
      expect(() => buildOfficialAccountAuthorizeUrl({ appid, redirectUri, scope: 'snsapi_userinfo', state: createState({ bytes: 96 }) })).not.toThrow()
  })

  it.each([
    ['appid', { appid: 'wx123' }, 'INVALID_APPID'],
    ['redirectUri', { redirectUri: 'https://www.example.com/#/callback' }, 'INVALID_REDIRECT_URI'],
    ['scope', { scope: 'snsapi_login' }, 'INVALID_SCOPE'],
    ['scope', { scope: undefined }, 'INVALID_SCOPE'],
    ['state', { state: undefined }, 'INVALID_STATE'],
    ['state', { state: 'a'.repeat(129) }, 'INVALID_STATE'],
    ['state', { state: 'Jx0b1N3u_Q6m2yL8-cVt5' }, 'INVALID_STATE'],
    ['forcePopup', { forcePopup: 'yes' }, 'INVALID_OPTION'],
    ['openBase', { openBase: 'open.weixin.qq.com' }, 'INVALID_BASE_URL'],
  ])('refuses a bad %s with a typed error that names it (%o)', (option, override, code) => {
    let error: unknown
    try {
      buildOfficialAccountAuthorizeUrl({ appid, redirectUri, scope: 'snsapi_userinfo', state, ...override } as never)
    }
    catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(WechatLoginError)
    expect(error).toMatchObject({ code, option })
  })

  it('says what an Official Account\'s state may hold', () => {
    expect(() => buildOfficialAccountAuthorizeUrl({ appid, redirectUri, scope: 'snsapi_userinfo', state: 'with-dash' }))
      .toThrowError(/only accepts letters and digits in "state"/)
  })
})
