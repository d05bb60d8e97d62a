import { WECHAT_ENDPOINTS } from '@wechat-qr-login/core'
import { APPID, EMULATOR, REDIRECT_URI } from '@wechat-qr-login/test-utils/vue'
import { describe, expect, it } from 'vitest'
import { resolveScriptUrl } from './official-qr'

const ticket = { state: 'state-0123456789abcdef', expiresAt: 0, appid: APPID, redirectUri: REDIRECT_URI, openBase: EMULATOR, mode: 'embedded' as const, selfRedirect: true }

describe('resolveScriptUrl', () => {
  it('takes the option, else the emulator\'s copy, else WeChat\'s script', () => {
    expect(resolveScriptUrl(ticket, { scriptUrl: 'https://cdn.example.com/wxLogin.js' })).toBe('https://cdn.example.com/wxLogin.js')
    expect(resolveScriptUrl({ ...ticket, openBase: `${EMULATOR}/` }, {})).toBe(`${EMULATOR}/connect/zh_CN/htmledition/js/wxLogin.js`)
    expect(resolveScriptUrl({ ...ticket, openBase: WECHAT_ENDPOINTS.openBase }, {})).toBe(WECHAT_ENDPOINTS.wxLoginScript)
  })

  it('names `scriptUrl` when it is not an absolute http(s) URL', () => {
    expect(() => resolveScriptUrl(ticket, { scriptUrl: 'wxLogin.js' })).toThrow(expect.objectContaining({ code: 'INVALID_OPTION', option: 'scriptUrl' }))
  })
})
