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
