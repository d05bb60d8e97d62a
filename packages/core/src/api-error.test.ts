import { describe, expect, it } from 'vitest'
import { WechatApiError } from './api-error'
import { isWechatErrorResponse } from './api-types'
import { describeErrcode, WECHAT_ERRCODES } from './errcodes'
import { isWechatLoginError, WechatLoginError } from './login-error'

describe('WECHAT_ERRCODES', () => {
  it.each([
    [[40029, 40163, 42003, 41008], 'invalid-code'],
    [[40001, 40014, 42001, 40003], 'invalid-token'],
    [[40013, 40125, 41002, 41004, 40164, 48001], 'configuration'],
    [[40030, 42002], 'invalid-refresh-token'],
    [[-1], 'busy'],
  ])('classifies %j as %s', (errcodes, category) => {
    for (const errcode of errcodes)
      expect(WECHAT_ERRCODES[errcode]?.category).toBe(category)
  })

  it('gives every row a meaning and a fix', () => {
    for (const info of Object.values(WECHAT_ERRCODES)) {
      expect(info.meaning).not.toBe('')
      expect(info.fix).toMatch(/\.$/)
    }
  })

  it('describes unknown errcodes as unknown', () => {
    expect(describeErrcode(99999).category).toBe('unknown')
  })
})

describe('WechatApiError', () => {
  it('compares errcode, whatever rid suffix errmsg carries', () => {
    const first = new WechatApiError({ errcode: 40163, errmsg: 'code been used, rid: 6270dbb5-47d9f324-018472b7' })
    const second = new WechatApiError({ errcode: 40163, errmsg: 'code been used, hints: [ req_id: MdoBRh4FE-_iqKea ]' })
    expect(first.is(40163)).toBe(true)
    expect(second.is(40029, 40163)).toBe(true)
    expect(first.is(40029)).toBe(false)
    expect(first.category).toBe(second.category)
    expect(first.message).toBe(second.message)
  })

  it('is a WechatLoginError with code WECHAT_API_ERROR and a message that says the fix', () => {
    const error = new WechatApiError({ errcode: 42003, errmsg: 'code expired' }, { endpoint: '/sns/oauth2/access_token' })
    expect(error).toBeInstanceOf(WechatLoginError)
    expect(isWechatLoginError(error, 'WECHAT_API_ERROR')).toBe(true)
    expect(error.name).toBe('WechatApiError')
    expect(error.endpoint).toBe('/sns/oauth2/access_token')
    expect(error.message).toBe('[wechat-qr-login] WeChat API /sns/oauth2/access_token answered errcode 42003 (oauth_code 超时). Codes expire after 10 minutes; start a new login.\nSee https://wechat-qr-login.github.io/reference/errors#wechat_api_error')
  })

  it('has an empty errmsg when WeChat answered an errcode without one', () => {
    const body: unknown = JSON.parse('{"errcode":40029}')
    if (!isWechatErrorResponse(body))
      throw new Error('expected an error response')
    const error = new WechatApiError(body, { endpoint: '/sns/oauth2/access_token' })
    expect(error.errmsg).toBe('')
    expect(error.category).toBe('invalid-code')
  })

  it('is retryable only when WeChat was busy', () => {
    expect(new WechatApiError({ errcode: -1, errmsg: 'system error' }).retryable).toBe(true)
    expect(new WechatApiError({ errcode: 40029, errmsg: 'invalid code' }).retryable).toBe(false)
  })

  it('serialises without errmsg, stack or cause', () => {
    const json = JSON.parse(JSON.stringify(new WechatApiError({ errcode: 40125, errmsg: 'invalid appsecret, rid: x' }))) as Record<string, unknown>
    expect(json).toEqual({ name: 'WechatApiError', code: 'WECHAT_API_ERROR', message: expect.stringContaining('40125') as string })
    expect(JSON.stringify(json)).not.toContain('rid')
  })
})

describe('WechatLoginError', () => {
  it('keeps its cause and option', () => {
    const cause = new TypeError('fetch failed')
    const error = new WechatLoginError('NETWORK_ERROR', 'WeChat could not be reached.', { cause, option: 'apiBase' })
    expect(error.cause).toBe(cause)
    expect(error.option).toBe('apiBase')
    expect(error.toJSON()).toEqual({ name: 'WechatLoginError', code: 'NETWORK_ERROR', option: 'apiBase', message: '[wechat-qr-login] WeChat could not be reached.\nSee https://wechat-qr-login.github.io/reference/errors#network_error' })
  })

  it('is recognised by isWechatLoginError, with or without codes', () => {
    const error = new WechatLoginError('POPUP_BLOCKED', 'The popup was blocked.')
    expect(isWechatLoginError(error)).toBe(true)
    expect(isWechatLoginError(error, 'TIMEOUT', 'POPUP_BLOCKED')).toBe(true)
    expect(isWechatLoginError(error, 'TIMEOUT')).toBe(false)
    expect(isWechatLoginError(new Error('x'))).toBe(false)
  })
})

describe('isWechatErrorResponse', () => {
  it.each([
    [{ errcode: 40029, errmsg: 'invalid code' }, true],
    [{ errcode: -1, errmsg: 'busy' }, true],
    [{ errcode: 0, errmsg: 'ok' }, false],
    [{ access_token: 'x' }, false],
    [null, false],
    ['{"errcode":1}', false],
  ])('%j → %s', (body, expected) => {
    expect(isWechatErrorResponse(body)).toBe(expected)
  })
})
