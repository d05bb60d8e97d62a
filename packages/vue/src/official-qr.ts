import type { WechatQrOptions } from './qr-options'
import type { WechatLoginTicket } from './types'
import { cssToHref, WECHAT_ENDPOINTS, WECHAT_LOGIN_SCOPE } from '@wechat-qr-login/core'
import { invalidOption } from '@wechat-qr-login/core/internal'
import { nextTick } from 'vue'
import { loadWxLogin } from './wx-login-script'

/**
 * The wxLogin.js to load: the `scriptUrl` option, else the copy served at WeChat's path by a
 * non-WeChat `openBase` (the emulator), else WeChat's.
 *
 * @throws {WechatLoginError} `INVALID_OPTION` naming `scriptUrl` unless it is an absolute http(s) URL.
 */
export function resolveScriptUrl(ticket: WechatLoginTicket, options: WechatQrOptions): string {
  const { scriptUrl } = options
  if (scriptUrl !== undefined) {
    if (!/^https?:\/\/[^/]/.test(scriptUrl))
      throw invalidOption('scriptUrl', () => __DEV__ && 'expected the absolute URL of wxLogin.js, e.g. "https://res.wx.qq.com/connect/zh_CN/htmledition/js/wxLogin.js".')
    return scriptUrl
  }
  const openBase = ticket.openBase.replace(/\/+$/, '')
  return openBase === WECHAT_ENDPOINTS.openBase
    ? WECHAT_ENDPOINTS.wxLoginScript
    : `${openBase}/connect/zh_CN/htmledition/js/wxLogin.js`
}

/**
 * The `official` loader, loaded on demand: loads wxLogin.js (once per page) and lets
 * `new WxLogin()` render the QR of `ticket` into the element `id`, as WeChat documents it.
 * Resolves with the iframe WeChat's script created, or `undefined` when the ticket is no longer
 * `current()`. The options were checked when the component built WeChat's URL from them.
 */
export async function renderOfficialQr(id: string, ticket: WechatLoginTicket, options: WechatQrOptions, current: () => boolean): Promise<HTMLIFrameElement | undefined> {
  const { css, href = css === undefined ? undefined : cssToHref(css), theme, lang = 'cn', stylelite, fastLogin, loadTimeout } = options
  const WxLogin = await loadWxLogin(resolveScriptUrl(ticket, options), { timeout: loadTimeout })
  await nextTick()
  const container = document.getElementById(id)
  if (!current() || !container)
    return undefined
  // WeChat's script concatenates these into its URL without encoding them.
  // eslint-disable-next-line no-new -- the constructor renders into the container
  new WxLogin({
    id,
    appid: ticket.appid,
    scope: WECHAT_LOGIN_SCOPE,
    redirect_uri: encodeURIComponent(ticket.redirectUri),
    state: ticket.state,
    style: theme,
    href: href && encodeURIComponent(href),
    self_redirect: ticket.selfRedirect,
    lang,
    ...(stylelite && { stylelite: 1 as const }),
    ...(fastLogin === false && { fast_login: 0 as const }),
  })
  const iframe = container.querySelector('iframe') ?? undefined
  if (iframe && !iframe.hasAttribute('allow')) {
    iframe.setAttribute('allow', 'local-network-access')
    // A frame's permissions are fixed when it navigates: load again with the attribute.
    iframe.setAttribute('src', iframe.getAttribute('src') ?? '')
  }
  return iframe
}
