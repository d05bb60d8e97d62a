import { createNonce } from '../ids'

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

/** Everything an HTML page needs: its nonce, then a response with the right headers. */
export interface HtmlPage {
  nonce: string
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
