/** Where browsers look for an icon when a page declares none (the emulator's plain-text pages). */
export const FAVICON_PATH = '/favicon.ico'

/** The emulator's icon: WeChat's two bubbles, on the emulator badge's yellow rather than WeChat's green. */
const FAVICON_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#e0a100"/><ellipse cx="13" cy="14" rx="8" ry="6.5" fill="#fff"/><ellipse cx="20.5" cy="19.5" rx="6.5" ry="5.3" fill="#fff" stroke="#e0a100" stroke-width="1.5"/></svg>'

/**
 * The `<link>` that gives a page the icon inline, so that a browser asks the server for none:
 * every page carries it, the QR page in other sites' iframes and the pages proxied through a
 * tunnel included. The page CSP's `img-src` allows `data:`.
 */
export const FAVICON_LINK = `<link rel="icon" href="data:image/svg+xml,${encodeURIComponent(FAVICON_SVG)}">`

/** `GET /favicon.ico`: the same icon, for what a browser opens without markup (`/`, `wxLogin.js`). */
export function renderFavicon(): Response {
  return new Response(FAVICON_SVG, {
    headers: {
      'content-type': 'image/svg+xml',
      'cache-control': 'public, max-age=86400',
      'x-content-type-options': 'nosniff',
    },
  })
}
