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
