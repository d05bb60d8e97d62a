import { describe, expect, it } from 'vitest'
import { wechatIdentity } from './identity'

describe('wechatIdentity', () => {
  it('uses unionid when WeChat gives one', () => {
    expect(wechatIdentity({ appid: 'wx0123456789abcdef', openid: 'o1', unionid: 'u1' })).toBe('u1')
  })

  it('falls back to appid + openid, since an openid is only unique per app', () => {
    expect(wechatIdentity({ appid: 'wx0123456789abcdef', openid: 'o1' })).toBe('openid:wx0123456789abcdef:o1')
    expect(wechatIdentity({ appid: 'wx0123456789abcdef', openid: 'o1', unionid: '' })).toBe('openid:wx0123456789abcdef:o1')
  })
})
