import { WECHAT_ENDPOINTS } from '@wechat-qr-login/core'
import { APPID, EMULATOR, REDIRECT_URI } from '@wechat-qr-login/test-utils/vue'
import { describe, expect, it } from 'vitest'
import { resolveScriptUrl } from './official-qr'
import { buildQrUrl, navigatesTopWindow, resolveQrOptions } from './resolve-options'

const ticket = { state: 'state-0123456789abcdef', expiresAt: 0, appid: APPID, redirectUri: REDIRECT_URI, openBase: EMULATOR, mode: 'embedded' as const, selfRedirect: true }

describe('resolveQrOptions', () => {
  it('applies the defaults', () => {
    expect(resolveQrOptions({}, {})).toEqual({
      mode: 'embedded',
      loader: 'iframe',
      lang: 'cn',
      stylelite: false,
      fastLogin: true,
      selfRedirect: false,
      scriptTimeout: 10_000,
      qrLifetime: 300,
    })
  })

  it('lets set props win over the app-wide options, and unset ones fall through', () => {
    const resolved = resolveQrOptions({ mode: 'new-window', lang: 'en', stylelite: true }, { mode: 'redirect', lang: undefined, stylelite: false })
    expect(resolved).toMatchObject({ mode: 'redirect', lang: 'en', stylelite: false })
  })

  it('inlines `css` as a data URL', () => {
    expect(resolveQrOptions({}, { css: '.title { content: "微信" }' }).href).toMatch(/^data:text\/css;base64,/)
  })

  it('names the option at fault', () => {
    expect(() => resolveQrOptions({ scriptUrl: 'wxLogin.js' }, {})).toThrow(expect.objectContaining({ code: 'INVALID_OPTION', option: 'scriptUrl' }))
    expect(() => resolveQrOptions({}, { openBase: 'ftp://x' })).toThrow(expect.objectContaining({ code: 'INVALID_BASE_URL', option: 'openBase' }))
    expect(() => resolveQrOptions({}, { fastLogin: 'no' as never })).toThrow(expect.objectContaining({ option: 'fastLogin' }))
    expect(() => resolveQrOptions({}, { returnTo: '//evil.example' })).toThrow(expect.objectContaining({ code: 'INVALID_RETURN_PATH' }))
  })

  it('refuses a returnTo that a browser would read as another site, and keeps a same-site one as given', () => {
    for (const returnTo of ['/\\evil.example', '/.//evil.example', '/a/..//evil.example', '//[bad'])
      expect(() => resolveQrOptions({}, { returnTo }), returnTo).toThrow(expect.objectContaining({ code: 'INVALID_RETURN_PATH', option: 'returnTo' }))
    expect(resolveQrOptions({}, { returnTo: '/account/../settings?tab=1' }).returnTo).toBe('/account/../settings?tab=1')
  })

  it.each(['/app/..%252fadmin', '/app/%2e%2e%2fadmin', '/app/..%5Cadmin'])('refuses the returnTo %s, which a proxy that decodes encoded slashes would resolve elsewhere', (returnTo) => {
    expect(() => resolveQrOptions({}, { returnTo })).toThrow(expect.objectContaining({ code: 'INVALID_RETURN_PATH', option: 'returnTo', message: expect.stringContaining('encoded "/"') }))
  })

  it.each([
    ['945 × "{"', `/${'{'.repeat(945)}`],
    ['a 331-character CJK path', `/${'登'.repeat(330)}`],
  ])('refuses a returnTo of %s, too long once percent-encoded', (_, returnTo) => {
    expect(() => resolveQrOptions({}, { returnTo })).toThrow(expect.objectContaining({ code: 'INVALID_RETURN_PATH', option: 'returnTo', message: expect.stringContaining('over 512 bytes') }))
  })
})

describe('buildQrUrl', () => {
  it('builds the iframe URL for an embedded ticket and the page URL otherwise', () => {
    const options = resolveQrOptions({}, { theme: 'white' })
    expect(buildQrUrl(ticket, options)).toBe(`${EMULATOR}/connect/qrconnect?appid=${APPID}&scope=snsapi_login&redirect_uri=${encodeURIComponent(REDIRECT_URI)}&state=${ticket.state}&login_type=jssdk&self_redirect=true&style=white`)
    expect(buildQrUrl({ ...ticket, mode: 'new-window' }, options)).toBe(`${EMULATOR}/connect/qrconnect?appid=${APPID}&redirect_uri=${encodeURIComponent(REDIRECT_URI)}&response_type=code&scope=snsapi_login&state=${ticket.state}&lang=cn#wechat_redirect`)
  })
})

describe('resolveScriptUrl', () => {
  it('takes the option, else the emulator\'s copy, else WeChat\'s script', () => {
    const options = resolveQrOptions({}, {})
    expect(resolveScriptUrl(ticket, { ...options, scriptUrl: 'https://cdn.example.com/wxLogin.js' })).toBe('https://cdn.example.com/wxLogin.js')
    expect(resolveScriptUrl({ ...ticket, openBase: `${EMULATOR}/` }, options)).toBe(`${EMULATOR}/connect/zh_CN/htmledition/js/wxLogin.js`)
    expect(resolveScriptUrl({ ...ticket, openBase: WECHAT_ENDPOINTS.openBase }, options)).toBe(WECHAT_ENDPOINTS.wxLoginScript)
  })
})

describe('navigatesTopWindow', () => {
  it('is true for redirect mode and embedded without selfRedirect', () => {
    const options = resolveQrOptions({}, {})
    expect(navigatesTopWindow({ ...options, mode: 'redirect' })).toBe(true)
    expect(navigatesTopWindow(options)).toBe(true)
    expect(navigatesTopWindow({ ...options, selfRedirect: true })).toBe(false)
    expect(navigatesTopWindow({ ...options, mode: 'new-window' })).toBe(false)
  })
})
