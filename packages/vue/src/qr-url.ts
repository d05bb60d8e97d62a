import type { WechatQrOptions } from './qr-options'
import type { WechatLoginTicket } from './types'
import { buildAuthorizeUrl, buildEmbedUrl, cssToHref } from '@wechat-qr-login/core'
import { invalidOption } from '@wechat-qr-login/core/internal'

/**
 * WeChat's page for `ticket` with these options: the iframe `src` (embedded) or the page to
 * open. Core's URL builders check every value that goes into it.
 *
 * @throws {WechatLoginError} naming the option at fault (WeChat's name: `style` for `theme`).
 */
export function buildQrUrl(ticket: WechatLoginTicket, options: WechatQrOptions): string {
  const { lang = 'cn', theme, css, href, stylelite, fastLogin } = options
  if (ticket.mode !== 'embedded')
    return buildAuthorizeUrl({ ...ticket, lang })
  if (css !== undefined && href !== undefined)
    throw invalidOption('css', () => __DEV__ && 'pass either "css" (inlined for you) or "href" (a stylesheet URL), not both.')
  return buildEmbedUrl({ ...ticket, lang, style: theme, href: css === undefined ? href : cssToHref(css), stylelite, fastLogin })
}
