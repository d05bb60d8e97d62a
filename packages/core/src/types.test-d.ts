import type { WechatCallback, WechatRelayResult } from './index'
import { describe, expectTypeOf, it } from 'vitest'
import { buildEmbedUrl, parseCallback } from './index'

describe('core types', () => {
  it('narrows a callback by its type', () => {
    const result = parseCallback('https://www.example.com/cb?code=C&state=S')
    expectTypeOf(result).toEqualTypeOf<WechatCallback>()
    if (result.type === 'success')
      expectTypeOf(result.code).toBeString()
    if (result.type === 'denied')
      expectTypeOf(result).not.toHaveProperty('code')
  })

  it('accepts only WeChat\'s values for style and lang', () => {
    expectTypeOf(buildEmbedUrl).parameter(0).toHaveProperty('style').toEqualTypeOf<'black' | 'white' | undefined>()
    expectTypeOf(buildEmbedUrl).parameter(0).toHaveProperty('lang').toEqualTypeOf<'cn' | 'en' | undefined>()
  })

  it('gives relay errors a known error code', () => {
    type ErrorResult = Extract<WechatRelayResult, { type: 'error' }>
    expectTypeOf<ErrorResult['code']>().toEqualTypeOf<import('./index').WechatLoginErrorCode>()
  })
})
