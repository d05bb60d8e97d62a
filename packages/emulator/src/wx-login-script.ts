import { scriptJson } from '@wechat-qr-login/core/internal'

/** WeChat's path of `wxLogin.js`, served by the emulator at the same path. */
export const WX_LOGIN_SCRIPT_PATH = '/connect/zh_CN/htmledition/js/wxLogin.js'

/**
 * `wxLogin.js` as WeChat serves it (the 2024 version, wechat-spec §2.3), pointing at the
 * emulator: `new WxLogin(options)` empties the container and appends one 300 × 400 iframe whose
 * `src` concatenates the options raw, exactly as WeChat's does (so an unencoded `redirect_uri`
 * breaks here as it breaks there).
 */
export function renderWxLoginScript(openBase: string): Response {
  const script = `!function (window, document) {
  window.WxLogin = function (options) {
    var selfRedirect = 'default'
    if (options.self_redirect === true) selfRedirect = 'true'
    else if (options.self_redirect === false) selfRedirect = 'false'
    var iframe = document.createElement('iframe')
    var src = ${scriptJson(`${openBase}/connect/qrconnect`)} + '?appid=' + options.appid + '&scope=' + options.scope
      + '&redirect_uri=' + options.redirect_uri + '&state=' + options.state + '&login_type=jssdk&self_redirect=' + selfRedirect
      + '&styletype=' + (options.styletype || '') + '&sizetype=' + (options.sizetype || '')
      + '&bgcolor=' + (options.bgcolor || '') + '&rst=' + (options.rst || '')
    src += options.style ? '&style=' + options.style : ''
    src += options.href ? '&href=' + options.href : ''
    src += options.lang === 'en' ? '&lang=en' : ''
    src += options.stylelite === 1 ? '&stylelite=1' : ''
    src += options.fast_login === 0 ? '&fast_login=0' : ''
    iframe.src = src
    iframe.frameBorder = '0'
    iframe.allowTransparency = 'true'
    iframe.scrolling = 'no'
    iframe.width = '300px'
    iframe.height = '400px'
    var container = document.getElementById(options.id)
    container.innerHTML = ''
    container.appendChild(iframe)
  }
}(window, document);
`
  return new Response(script, {
    headers: {
      'content-type': 'application/javascript; charset=utf-8',
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    },
  })
}
