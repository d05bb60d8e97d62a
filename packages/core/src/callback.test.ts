import { describe, expect, it } from 'vitest'
import { parseCallback, stripCallbackParams } from './callback'

describe('parseCallback', () => {
  it('reads code and state from the query', () => {
    expect(parseCallback('https://www.example.com/auth/wechat/callback?code=021gMFkl2OVBOf4Cqdml2r9uEg4gMFkv&state=abc_DEF-123'))
      .toEqual({ type: 'success', code: '021gMFkl2OVBOf4Cqdml2r9uEg4gMFkv', state: 'abc_DEF-123' })
  })

  it('accepts a URL object', () => {
    expect(parseCallback(new URL('https://www.example.com/cb?from=qr&code=C1&state=S1')))
      .toEqual({ type: 'success', code: 'C1', state: 'S1' })
  })

  it('treats state without code as denied', () => {
    expect(parseCallback('https://www.example.com/cb?state=S1')).toEqual({ type: 'denied', state: 'S1' })
    expect(parseCallback('https://www.example.com/cb?code=&state=S1')).toEqual({ type: 'denied', state: 'S1' })
  })

  it('reports none for pages that are not callbacks', () => {
    expect(parseCallback('https://www.example.com/login')).toEqual({ type: 'none' })
    expect(parseCallback('https://www.example.com/#/login?name=test')).toEqual({ type: 'none' })
    expect(parseCallback('not a url')).toEqual({ type: 'none' })
  })

  it('reads a hash route\'s query, where the QR flow appends to hash-router URLs', () => {
    expect(parseCallback('https://www.baidu.com/#/login?name=test&code=C2&state=S2'))
      .toEqual({ type: 'success', code: 'C2', state: 'S2' })
  })

  it('reads the fast-login misplacement before the hash (?code=…&state=…/#/route)', () => {
    expect(parseCallback('https://www.baidu.com?code=C3&state=S3/#/login?name=test'))
      .toEqual({ type: 'success', code: 'C3', state: 'S3' })
  })

  it('reads the fast-login misplacement into the path (/code=…#/route)', () => {
    expect(parseCallback('https://developers.weixin.qq.com/code=C4#/community/blog'))
      .toEqual({ type: 'success', code: 'C4', state: '' })
    expect(parseCallback('https://developers.weixin.qq.com/code=C5&state=S5#/community/blog'))
      .toEqual({ type: 'success', code: 'C5', state: 'S5' })
  })

  it('never throws on a malformed escape in a fast-login path segment', () => {
    expect(parseCallback('https://www.example.com/code=C%zz&state=S%E0%A4%A#/login'))
      .toEqual({ type: 'success', code: 'C%zz', state: 'S%E0%A4%A' })
  })

  it('prefers the query over the hash when both carry values', () => {
    expect(parseCallback('https://www.baidu.com?code=C6&state=S6/#/login?code=OLD&state=OLD'))
      .toEqual({ type: 'success', code: 'C6', state: 'S6' })
  })

  it('returns an empty state for a code that came without one, so verification rejects it', () => {
    expect(parseCallback('https://www.example.com/cb?code=C7')).toEqual({ type: 'success', code: 'C7', state: '' })
  })
})

describe('stripCallbackParams', () => {
  it.each([
    ['https://www.example.com/auth/cb?code=C&state=S', 'https://www.example.com/auth/cb'],
    ['https://www.example.com/auth/cb?from=qr&code=C&state=S&x=a%20b', 'https://www.example.com/auth/cb?from=qr&x=a%20b'],
    ['https://www.example.com/cb?state=S', 'https://www.example.com/cb'],
    ['https://www.baidu.com/#/login?name=test&code=C&state=S', 'https://www.baidu.com/#/login?name=test'],
    ['https://www.baidu.com/#/login?code=C&state=S', 'https://www.baidu.com/#/login'],
    ['https://www.baidu.com?code=C&state=S/#/login?name=test', 'https://www.baidu.com/#/login?name=test'],
    ['https://www.example.com/app?code=C&state=S/#/login', 'https://www.example.com/app/#/login'],
    ['https://developers.weixin.qq.com/code=C#/community/blog', 'https://developers.weixin.qq.com/#/community/blog'],
    ['https://www.example.com/login?next=%2Fhome#top', 'https://www.example.com/login?next=%2Fhome#top'],
  ])('%s → %s', (input, expected) => {
    expect(stripCallbackParams(input)).toBe(expected)
    expect(parseCallback(expected)).toEqual({ type: 'none' })
  })

  it('returns input it cannot parse unchanged', () => {
    expect(stripCallbackParams('not a url')).toBe('not a url')
  })
})
