/** Joins a base URL (which may end in `/` or carry a path prefix) and an absolute path. */
export function joinUrl(base: string, path: string): string {
  return base.replace(/\/+$/, '') + path
}

/**
 * Builds a query string from ordered pairs, encoding every value exactly once with
 * `encodeURIComponent` (the "urlEncode" WeChat's documentation asks for) and skipping
 * `undefined` values instead of sending the string "undefined".
 */
export function toQuery(pairs: ReadonlyArray<readonly [string, string | undefined]>): string {
  return pairs
    .filter((pair): pair is readonly [string, string] => pair[1] !== undefined)
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
    .join('&')
}

/** What every one of WeChat's authorization URLs carries, in the order WeChat documents. */
interface AuthorizationParams {
  appid: string
  redirectUri: string
  scope: string
  state: string
}

/**
 * One of WeChat's authorization URLs: `{base}{path}?appid&redirect_uri&response_type=code&scope&state`,
 * then `extra`, then `#wechat_redirect`, which WeChat requires last.
 */
export function authorizationUrl(base: string, path: string, params: AuthorizationParams, extra: ReadonlyArray<readonly [string, string | undefined]> = []): string {
  const query = toQuery([
    ['appid', params.appid],
    ['redirect_uri', params.redirectUri],
    ['response_type', 'code'],
    ['scope', params.scope],
    ['state', params.state],
    ...extra,
  ])
  return `${joinUrl(base, path)}?${query}#wechat_redirect`
}
