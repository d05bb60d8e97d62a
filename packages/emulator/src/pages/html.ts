import { escapeHtml } from '@wechat-qr-login/core/internal'
import { createNonce } from '../ids'
import { FAVICON_LINK } from './favicon'

/** The banner every emulator page carries, so nobody mistakes it for WeChat. */
export const EMULATOR_MARK = 'WeChat emulator · 微信模拟器'

/**
 * The Content-Security-Policy of the emulator's pages: inline code only with the page's nonce,
 * custom stylesheets from https: and data: (the `href` option), and no frame restriction, since
 * the QR page lives in other sites' iframes.
 */
function pageCsp(nonce: string, formTargets: readonly string[]): string {
  return [
    'default-src \'none\'',
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}' https: data:`,
    'style-src-attr \'unsafe-inline\'',
    'img-src \'self\' https: http: data:',
    'font-src https: data:',
    'connect-src \'self\'',
    ['form-action \'self\'', ...formTargets].join(' '),
    'base-uri \'none\'',
  ].join('; ')
}

/** What a page's `<head>` holds besides what every page has (charset, viewport, icon). */
export interface PageHead {
  title: string
  /** The page's stylesheet, written with the page's nonce. */
  styles: string
  /**
   * Whether the user may zoom: WeChat's own message and consent pages forbid it.
   * @default true
   */
  zoom?: boolean
  /** Trusted markup after the styles, such as a custom stylesheet link. */
  extra?: string
}

/** Everything an HTML page needs: its nonce and `<head>`, then a response with the right headers. */
export interface HtmlPage {
  nonce: string
  head: (head: PageHead) => string
  respond: (html: string, status?: number) => Response
}

/**
 * Starts an HTML page with a fresh nonce. `formTargets`: origins besides the emulator's that a
 * form of the page may end on (browsers check a form's redirects too).
 */
export function createHtmlPage(formTargets: readonly string[] = []): HtmlPage {
  const nonce = createNonce()
  return {
    nonce,
    head: ({ title, styles, zoom = true, extra = '' }) => `<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1${zoom ? '' : ', user-scalable=0'}">
<title>${escapeHtml(title)}</title>
${FAVICON_LINK}
<style nonce="${nonce}">${styles}</style>${extra}
</head>`,
    respond: (html, status = 200) => new Response(html, {
      status,
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': pageCsp(nonce, formTargets),
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      },
    }),
  }
}
