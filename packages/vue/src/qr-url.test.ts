import { cssToHref } from '@wechat-qr-login/core'
import { APPID, EMULATOR, REDIRECT_URI } from '@wechat-qr-login/test-utils/vue'
import { describe, expect, it } from 'vitest'
import { buildQrUrl } from './qr-url'

const ticket = { state: 'state-0123456789abcdef', expiresAt: 0, appid: APPID, redirectUri: REDIRECT_URI, openBase: EMULATOR, mode: 'embedded' as const, selfRedirect: true }

describe('buildQrUrl', () => {
  it('builds the iframe URL for an embedded ticket and the page URL otherwise', () => {
    expect(buildQrUrl(ticket, { theme: 'white' })).toBe(`${EMULATOR}/connect/qrconnect?appid=${APPID}&scope=snsapi_login&redirect_uri=${encodeURIComponent(REDIRECT_URI)}&state=${ticket.state}&login_type=jssdk&self_redirect=true&style=white`)
    expect(buildQrUrl({ ...ticket, mode: 'new-window' }, { theme: 'white' })).toBe(`${EMULATOR}/connect/qrconnect?appid=${APPID}&redirect_uri=${encodeURIComponent(REDIRECT_URI)}&response_type=code&scope=snsapi_login&state=${ticket.state}&lang=cn#wechat_redirect`)
  })

  it('inlines `css` as a data URL', () => {
    const css = '.title { content: "微信" }'
    expect(buildQrUrl(ticket, { css })).toContain(`&href=${encodeURIComponent(cssToHref(css))}`)
  })

  it('names the option at fault, as core\'s URL builders check each value once', () => {
    expect(() => buildQrUrl({ ...ticket, openBase: 'ftp://x' }, {})).toThrow(expect.objectContaining({ code: 'INVALID_BASE_URL', option: 'openBase' }))
    expect(() => buildQrUrl(ticket, { fastLogin: 'no' as never })).toThrow(expect.objectContaining({ option: 'fastLogin' }))
    expect(() => buildQrUrl(ticket, { css: 'a{}', href: 'https://example.com/qr.css' })).toThrow(expect.objectContaining({ code: 'INVALID_OPTION', option: 'css' }))
    expect(() => buildQrUrl({ ...ticket, appid: 'wx123' }, {})).toThrow(expect.objectContaining({ code: 'INVALID_APPID', option: 'appid' }))
  })
})
