import type { WechatLoginError } from './login-error'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { buildEmbedUrl } from './embed-url'

/**
 * WeChat's wxLogin.js (2024 version, with lang/stylelite/fast_login), verbatim. It concatenates
 * every value raw, so callers must pre-encode them.
 */
const OFFICIAL_WX_LOGIN = `!function(e,t){e.WxLogin=function(e){var r="default";!0===e.self_redirect?r="true":!1===e.self_redirect&&(r="false");
var i=t.createElement("iframe"),n="https://open.weixin.qq.com/connect/qrconnect?appid="+e.appid+"&scope="+e.scope+
"&redirect_uri="+e.redirect_uri+"&state="+e.state+"&login_type=jssdk&self_redirect="+r+"&styletype="+(e.styletype||"")+
"&sizetype="+(e.sizetype||"")+"&bgcolor="+(e.bgcolor||"")+"&rst="+(e.rst||"");
n+=e.style?"&style="+e.style:"",n+=e.href?"&href="+e.href:"",n+="en"===e.lang?"&lang=en":"",
n+=1===e.stylelite?"&stylelite=1":"",n+=0===e.fast_login?"&fast_login=0":"",
i.src=n,i.frameBorder="0",i.allowTransparency="true",i.scrolling="no",i.width="300px",i.height="400px";
var l=t.getElementById(e.id);l.innerHTML="",l.appendChild(i)}}(window,document);`

/** Runs the official script against a minimal DOM (so this also runs in Node) and returns its iframe src. */
function officialSrc(options: Record<string, unknown>): string {
  const iframe: { src?: string } = {}
  const fakeWindow: { WxLogin?: new (options: Record<string, unknown>) => unknown } = {}
  const fakeDocument = {
    createElement: () => iframe,
    getElementById: () => ({ innerHTML: '', appendChild: () => {} }),
  }
  // eslint-disable-next-line no-new-func -- evaluating WeChat's script verbatim is the point of the test
  new Function('window', 'document', OFFICIAL_WX_LOGIN)(fakeWindow, fakeDocument)
  // eslint-disable-next-line no-new -- the constructor's side effect builds the iframe
  new fakeWindow.WxLogin!({ id: 'login_container', ...options })
  return iframe.src!
}

/** The four undocumented parameters the official script always sends, empty. */
function withoutUndocumentedEmpties(src: string): string {
  return src.replace('&styletype=&sizetype=&bgcolor=&rst=', '')
}

const appid = 'wx0123456789abcdef'
const redirectUri = 'https://www.example.com/auth/wechat/callback?from=qr&next=/home'
const state = 'Jx0b1N3uQ6m2yL8cVt5rP4aZ9kWd7eHs'
const href = 'data:text/css;base64,LmltcG93ZXJCb3ggLnFyY29kZSB7d2lkdGg6IDIwMHB4O30='

afterEach(() => {
  vi.restoreAllMocks()
})

describe('buildEmbedUrl', () => {
  it.each([
    ['defaults', {}, {}],
    ['self_redirect true', { selfRedirect: true }, { self_redirect: true }],
    ['self_redirect false', { selfRedirect: false }, { self_redirect: false }],
    ['white style and href', { style: 'white', href }, { style: 'white', href: encodeURIComponent(href) }],
    ['english, stylelite and no fast login', { lang: 'en', stylelite: true, fastLogin: false }, { lang: 'en', stylelite: 1, fast_login: 0 }],
    ['chinese', { lang: 'cn' }, { lang: 'cn' }],
  ] as const)('matches what the official wxLogin.js builds from pre-encoded inputs (%s)', (_, ours, theirs) => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const official = officialSrc({
      appid,
      scope: 'snsapi_login',
      redirect_uri: encodeURIComponent(redirectUri),
      state,
      ...theirs,
    })
    expect(buildEmbedUrl({ appid, redirectUri, state, ...ours })).toBe(withoutUndocumentedEmpties(official))
  })

  it('never leaks "undefined", a "#" or a second encoding', () => {
    const src = buildEmbedUrl({ appid, redirectUri, state, href })
    expect(src).not.toContain('undefined')
    expect(src).not.toContain('#')
    expect(src).not.toContain('%25')
    const url = new URL(src)
    expect(url.searchParams.get('redirect_uri')).toBe(redirectUri)
    expect(url.searchParams.get('href')).toBe(href)
    expect(url.searchParams.get('login_type')).toBe('jssdk')
    expect(url.searchParams.has('response_type')).toBe(false)
  })

  it('keeps parameters after redirect_uri intact (the bug an unencoded redirect_uri causes)', () => {
    const url = new URL(buildEmbedUrl({ appid, redirectUri, state, fastLogin: false, style: 'white' }))
    expect(url.searchParams.get('fast_login')).toBe('0')
    expect(url.searchParams.get('style')).toBe('white')
  })

  it('warns that WeChat ignores href when stylelite is on', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    buildEmbedUrl({ appid, redirectUri, state, href, stylelite: true })
    expect(warn).toHaveBeenCalledOnce()
    expect(warn.mock.calls[0]?.[0]).toMatch(/^\[wechat-qr-login\] "href" is ignored by WeChat when "stylelite" is on/)
  })

  it('does not warn for href or stylelite alone', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    buildEmbedUrl({ appid, redirectUri, state, href })
    buildEmbedUrl({ appid, redirectUri, state, stylelite: true })
    expect(warn).not.toHaveBeenCalled()
  })

  it('stays silent in production builds', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    vi.stubEnv('NODE_ENV', 'production')
    try {
      buildEmbedUrl({ appid, redirectUri, state, href, stylelite: true })
    }
    finally {
      vi.unstubAllEnvs()
    }
    expect(warn).not.toHaveBeenCalled()
  })

  it.each([
    ['appid', { appid: 'WX0123456789ABCDEF' }, 'INVALID_APPID'],
    ['redirectUri', { redirectUri: 'https://www.example.com/#/callback' }, 'INVALID_REDIRECT_URI'],
    ['state', { state: 'abc#wechat_redirect' }, 'INVALID_STATE'],
    ['scope', { scope: 'snsapi_base' }, 'INVALID_SCOPE'],
    ['style', { style: 'dark' }, 'INVALID_STYLE'],
    ['lang', { lang: 'zh' }, 'INVALID_LANG'],
    ['href', { href: 'http://cdn.example.com/qr.css' }, 'INVALID_HREF'],
    ['selfRedirect', { selfRedirect: 'true' }, 'INVALID_OPTION'],
    ['stylelite', { stylelite: 1 }, 'INVALID_OPTION'],
    ['fastLogin', { fastLogin: 0 }, 'INVALID_OPTION'],
    ['openBase', { openBase: 'https://open.weixin.qq.com?x=1' }, 'INVALID_BASE_URL'],
  ])('rejects a bad %s with a typed error that names it', (option, override, code) => {
    expect(() => buildEmbedUrl({ appid, redirectUri, state, ...override } as never)).toThrowError(
      expect.objectContaining({ name: 'WechatLoginError', code, option }) as WechatLoginError,
    )
  })
})
