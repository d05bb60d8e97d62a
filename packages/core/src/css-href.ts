import { invalidOption } from './invalid-option'

const BASE64_CHUNK = 0x8000

/**
 * Turns a CSS string into a `data:text/css;base64,…` URL for the embedded QR's `href`. The CSS is
 * encoded as UTF-8 first, so Chinese text in `content: "…"` survives; no hand-made base64 and no
 * https hosting needed.
 *
 * @throws {WechatLoginError} `INVALID_CSS` when `css` is not a string.
 * @example
 * cssToHref('.impowerBox .title { display: none } .impowerBox .qrcode { width: 200px }')
 */
export function cssToHref(css: string): string {
  if (typeof css !== 'string')
    throw invalidOption('css', () => __DEV__ && 'expected the stylesheet as a string, e.g. ".impowerBox .qrcode { width: 200px }".', 'INVALID_CSS')
  const bytes = new TextEncoder().encode(css)
  let binary = ''
  for (let offset = 0; offset < bytes.length; offset += BASE64_CHUNK)
    binary += String.fromCharCode(...bytes.subarray(offset, offset + BASE64_CHUNK))
  return `data:text/css;base64,${btoa(binary)}`
}
