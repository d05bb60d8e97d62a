import { describe, expect, it } from 'vitest'
import { apiError, authorizeUrl, badAppid, busy, callback, cleaned, denied, embedUrl, environment, explain, message, officialAccountUrl, userId, WechatLoginError } from './core'

/** reference/core: the results the page's comments promise. */
describe('reference/core examples', () => {
  it('builds the URLs as commented', () => {
    expect(authorizeUrl).toMatch(/^https:\/\/open\.weixin\.qq\.com\/connect\/qrconnect\?appid=wx0123456789abcdef&redirect_uri=https%3A%2F%2Fwww\.example\.com%2Fauth%2Fwechat%2Fcallback&response_type=code&scope=snsapi_login&state=[A-Za-z\d]{32}#wechat_redirect$/)
    expect(embedUrl).toMatch(/&login_type=jssdk&self_redirect=true&href=data%3Atext%2Fcss%3Bbase64%2C[\w%]+&lang=en$/)
    expect(embedUrl).not.toContain('#')
  })

  it('places a phone\'s WeChat and builds its Official Account\'s URL as commented', () => {
    expect(environment).toBe('wechat-mobile')
    expect(officialAccountUrl).toMatch(/^https:\/\/open\.weixin\.qq\.com\/connect\/oauth2\/authorize\?appid=wxfeedface0ff1c1a1&redirect_uri=https%3A%2F%2Fwww\.example\.com%2Fauth%2Fwechat%2Fcallback&response_type=code&scope=snsapi_userinfo&state=[A-Za-z\d]{32}#wechat_redirect$/)
  })

  it('reads and cleans callback URLs as commented', () => {
    expect(callback).toEqual({ type: 'success', code: '061abc', state: 'Jx0b1N3u' })
    expect(denied).toEqual({ type: 'denied', state: 'Jx0b1N3u' })
    expect(cleaned).toBe('https://www.example.com/account?tab=1')
  })

  it('types the errors as commented', () => {
    expect(badAppid).toBeInstanceOf(WechatLoginError)
    expect(badAppid).toMatchObject({ code: 'INVALID_APPID', option: 'appid' })
    expect(explain(badAppid)).toBe('Fix the option "appid".')
    expect(apiError).toMatchObject({ code: 'WECHAT_API_ERROR', errcode: 40163, category: 'invalid-code', retryable: false, endpoint: '/sns/oauth2/access_token' })
    expect(explain(apiError)).toBe('Scan again.')
    expect(busy).toMatchObject({ category: 'busy', meaning: expect.stringMatching(/^系统繁忙/) })
  })

  it('derives ids and relay messages as commented', () => {
    expect(userId).toBe('openid:wx0123456789abcdef:o6_bmjrPTlm6_2sgVt7hMZOPfL2M')
    expect(message).toEqual({ source: 'wechat-qr-login', version: 1, state: 'Jx0b1N3u', result: { type: 'denied' } })
  })
})
