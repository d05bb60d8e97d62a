/**
 * The two halves of the URL WeChat navigates to after a confirmation, around the code:
 * `redirect_uri` + `?` (or `&` when it already has a `?`, even one inside a `#/hash?route`) +
 * `code=` … `&state=` + the state, echoed unchanged.
 */
export function callbackUrlParts(redirectUri: string, state: string): { prefix: string, suffix: string } {
  return {
    prefix: `${redirectUri}${redirectUri.includes('?') ? '&' : '?'}code=`,
    suffix: `&state=${encodeURIComponent(state)}`,
  }
}

/** The URL WeChat navigates to after a confirmation: `redirect_uri?code=…&state=…`. */
export function callbackUrl(redirectUri: string, code: string, state: string): string {
  const { prefix, suffix } = callbackUrlParts(redirectUri, state)
  return `${prefix}${encodeURIComponent(code)}${suffix}`
}

/**
 * Where an Official Account's authorization sends the user: `redirect_uri` with `code` and
 * `state` (`state=` even when empty) inserted before any `#fragment`, after `&` when it already
 * has a query (wechat-oa-spec §1.2).
 */
export function authorizeCallbackUrl(redirectUri: string, code: string, state: string): string {
  const hash = redirectUri.indexOf('#')
  const base = hash === -1 ? redirectUri : redirectUri.slice(0, hash)
  const fragment = hash === -1 ? '' : redirectUri.slice(hash)
  return `${base}${base.includes('?') ? '&' : '?'}code=${encodeURIComponent(code)}&state=${encodeURIComponent(state)}${fragment}`
}
