import type { ResolvedQrOptions } from './resolve-options'
import type { WechatLoginTicket } from './types'
import { WECHAT_ENDPOINTS, WECHAT_LOGIN_SCOPE } from '@wechat-qr-login/core'
import { nextTick } from 'vue'
import { loadWxLogin } from './wx-login-script'

/**
 * The wxLogin.js to load: the `scriptUrl` option, else the copy served at WeChat's path by a
 * non-WeChat `openBase` (the emulator), else WeChat's.
 */
export function resolveScriptUrl(ticket: WechatLoginTicket, options: ResolvedQrOptions): string {
  if (options.scriptUrl)
    return options.scriptUrl
  const openBase = ticket.openBase.replace(/\/+$/, '')
  return openBase === WECHAT_ENDPOINTS.openBase
    ? WECHAT_ENDPOINTS.wxLoginScript
    : `${openBase}/connect/zh_CN/htmledition/js/wxLogin.js`
}

/**
 * The `official` loader: loads wxLogin.js (once per page) and lets `new WxLogin()` render the QR
 * of `ticket` into the element `id`, as WeChat documents it. Resolves with the iframe WeChat's
 * script created, or `undefined` when the ticket is no longer `current()`.
 */
export async function renderOfficialQr(id: string, ticket: WechatLoginTicket, options: ResolvedQrOptions, current: () => boolean): Promise<HTMLIFrameElement | undefined> {
  const WxLogin = await loadWxLogin(resolveScriptUrl(ticket, options), { timeout: options.scriptTimeout })
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
    style: options.theme,
    href: options.href === undefined ? undefined : encodeURIComponent(options.href),
    self_redirect: ticket.selfRedirect,
    lang: options.lang,
    ...(options.stylelite ? { stylelite: 1 as const } : {}),
    ...(options.fastLogin ? {} : { fast_login: 0 as const }),
  })
  const iframe = container.querySelector('iframe') ?? undefined
  if (iframe && !iframe.hasAttribute('allow')) {
    iframe.setAttribute('allow', 'local-network-access')
    // A frame's permissions are fixed when it navigates: load again with the attribute.
    iframe.setAttribute('src', iframe.getAttribute('src') ?? '')
  }
  return iframe
}
