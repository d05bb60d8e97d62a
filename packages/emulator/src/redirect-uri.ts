/** `redirect_uri` as a URL, or why it is not an absolute http(s) one. */
export function parseRedirectUri(redirectUri: string): URL | string {
  let url: URL
  try {
    url = new URL(redirectUri)
  }
  catch {
    return `redirect_uri must be an absolute http(s) URL, encoded once with encodeURIComponent; got "${redirectUri.slice(0, 200)}".`
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `redirect_uri must use http or https; got "${url.protocol}".`
  return url
}
