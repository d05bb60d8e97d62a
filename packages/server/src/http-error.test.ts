import { WechatApiError, WechatLoginError } from '@wechat-qr-login/core'
import { describe, expect, it } from 'vitest'
import { toHttpError, WechatHttpError } from './http-error'

describe('WechatHttpError', () => {
  it('carries a status and a safe body', () => {
    const error = new WechatHttpError('INVALID_REQUEST', 'Send JSON.', { statusCode: 415 })
    expect(error).toBeInstanceOf(WechatLoginError)
    expect(error.statusCode).toBe(415)
    expect(error.toBody()).toEqual({ error: { code: 'INVALID_REQUEST', message: '[wechat-qr-login] Send JSON.' } })
  })

  it('defaults its status from its code', () => {
    expect(new WechatHttpError('NOT_AUTHENTICATED', 'x').statusCode).toBe(401)
    expect(new WechatHttpError('WECHAT_UNREACHABLE', 'x').statusCode).toBe(502)
    expect(new WechatHttpError('STORE_UNAVAILABLE', 'x').statusCode).toBe(503)
    expect(new WechatHttpError('SECRET_EXPOSED', 'x').statusCode).toBe(500)
  })
})

describe('toHttpError', () => {
  it('keeps the code of a WeChat error but none of its detail', () => {
    const upstream = new WechatApiError({ errcode: 40125, errmsg: 'invalid appsecret, rid: 1234' }, { endpoint: '/sns/oauth2/access_token' })
    const error = toHttpError(upstream)
    expect(error).toMatchObject({ code: 'WECHAT_API_ERROR', statusCode: 502, cause: upstream })
    expect(JSON.stringify(error.toBody()) + JSON.stringify(error)).not.toMatch(/40125|appsecret|rid|access_token/)
  })

  it.each([
    ['STATE_MISMATCH', 400],
    ['WECHAT_UNREACHABLE', 502],
    ['INVALID_RESPONSE', 502],
    ['STORE_UNAVAILABLE', 503],
    ['INVALID_OPTION', 500],
    ['EXCHANGE_FAILED', 500],
  ] as const)('maps %s to %i', (code, status) => {
    const error = toHttpError(new WechatLoginError(code, 'internal detail'))
    expect(error.statusCode).toBe(status)
    expect(error.message).not.toContain('internal detail')
  })

  it('answers WeChat unreachable with 502, or 504 when it did not answer in time, and says so in words', () => {
    const refused = toHttpError(new WechatLoginError('WECHAT_UNREACHABLE', 'WeChat API /sns/userinfo could not be reached (ECONNREFUSED).', { cause: new TypeError('fetch failed') }))
    expect(refused.statusCode).toBe(502)
    expect(refused.toBody()).toEqual({ error: { code: 'WECHAT_UNREACHABLE', message: '[wechat-qr-login] The server could not reach WeChat. Try again later.' } })
    const slow = toHttpError(new WechatLoginError('WECHAT_UNREACHABLE', 'x', { cause: new DOMException('No answer within 10 ms.', 'TimeoutError') }))
    expect(slow.statusCode).toBe(504)
  })

  it('turns anything else into EXCHANGE_FAILED', () => {
    const error = toHttpError(new Error('token abc leaked'))
    expect(error).toMatchObject({ code: 'EXCHANGE_FAILED', statusCode: 500 })
    expect(error.message).not.toContain('abc')
  })

  it('passes a WechatHttpError through', () => {
    const error = new WechatHttpError('INVALID_REQUEST', 'x', { statusCode: 413 })
    expect(toHttpError(error)).toBe(error)
  })
})
