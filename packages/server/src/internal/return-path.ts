const PROBE_ORIGIN = 'http://return-path.invalid'
const MAX_RETURN_PATH_LENGTH = 2048

function isAllowed(pathname: string, allowed: readonly (string | RegExp)[]): boolean {
  return allowed.some((entry) => {
    if (entry instanceof RegExp)
      return entry.test(pathname)
    if (pathname === entry)
      return true
    return pathname.startsWith(entry.endsWith('/') ? entry : `${entry}/`)
  })
}

/**
 * The normalized same-origin path (`/path?query#hash`) when `value` is a relative path allowed by
 * `allowed`, else `undefined`. Refuses everything a browser could read as another origin:
 * `//host`, `/\host`, schemes, control characters and backslashes anywhere, and dot segments
 * that normalize to `//host` (`/.//host`, `/..//host`).
 */
export function validateReturnPath(value: string, allowed: readonly (string | RegExp)[]): string | undefined {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (value.length > MAX_RETURN_PATH_LENGTH || !value.startsWith('/') || value.startsWith('//') || /[\\\u0000-\u001F\u007F]/.test(value))
    return undefined
  let url: URL
  try {
    url = new URL(value, PROBE_ORIGIN)
  }
  catch {
    return undefined
  }
  if (url.origin !== PROBE_ORIGIN || url.pathname.startsWith('//') || !isAllowed(url.pathname, allowed))
    return undefined
  return url.pathname + url.search + url.hash
}
