/**
 * The longest return path, in bytes of its normalized, percent-encoded form: what the server
 * signs into a state cookie, where `{` weighs 3 bytes (`%7B`) and a CJK character 9. At 512
 * bytes a state cookie stays around 1 KB, so the five pending states a browser may hold take
 * about 5 KB of its `Cookie` header: within nginx's default 8 KB header line with room for the
 * session and the app's own cookies, and far below the 4 KB a browser keeps of one cookie. A
 * longer path would make cookies that the browser drops or every request of the site fails with.
 */
export const MAX_RETURN_PATH_BYTES = 512

/** Longer input is refused before it is parsed: normalizing never shrinks a sane path by 4×. */
const MAX_INPUT_LENGTH = MAX_RETURN_PATH_BYTES * 4

/** Why {@link checkReturnPath} refused a path. */
export type WechatReturnPathRefusal
  /** Not a path on this site: `//host`, `/\host`, a scheme, control characters, hidden separators. */
  = | 'malformed'
  /** A path on this site, but outside the allowed paths. */
    | 'not-allowed'
  /** Over {@link MAX_RETURN_PATH_BYTES} once normalized. */
    | 'too-long'

/** What {@link checkReturnPath} says: the normalized path, or why it was refused. */
export type WechatReturnPathCheck
  = | { ok: true, path: string }
    | { ok: false, reason: WechatReturnPathRefusal }

const PROBE_ORIGIN = 'http://return-path.invalid'
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const SAME_SITE_INPUT = /^\/(?!\/)[^\\\u0000-\u001F\u007F]*$/
/**
 * What a front proxy that decodes the path before resolving `..` would read as another path: an
 * encoded `/` or `\` (`%2F`, `%5C`), an encoded `%` that hides one (`%252F`, `%25%32%66`) or a dot
 * segment (`%252E%252E`), and `..;`, which Tomcat and Spring resolve as `..`. The URL parser has
 * already resolved plain and once-encoded dot segments.
 */
const HIDDEN_SEPARATOR = /%(?:2f|5c|25)|\/(?:\.|%2e){1,2};/i

function isAllowed(pathname: string, allowed: readonly (string | RegExp)[]): boolean {
  return allowed.some((entry) => {
    if (entry instanceof RegExp)
      return entry.test(pathname)
    return pathname === entry || pathname.startsWith(entry.endsWith('/') ? entry : `${entry}/`)
  })
}

/**
 * Checks where a login may send the browser back to: a path on this site (`/path?query#hash`),
 * inside `allowed` (a string allows that path and everything below it, a RegExp is tested against
 * the path), at most {@link MAX_RETURN_PATH_BYTES} once normalized. It refuses everything a
 * browser or a proxy could read as another site or another path: `//host`, `/\host`, schemes,
 * control characters and backslashes anywhere, dot segments that normalize to `//host`, `/` or
 * `\` encoded in the path once or more (`%2F`, `%252F`: no `%25` at all, it can hide one), and
 * `..;` segments.
 *
 * The check reads the normalized path, as the browser will: `/app/%2e%2e/admin` is `/admin`.
 *
 * @example
 * const check = checkReturnPath(url.searchParams.get('next'), ['/account'])
 * if (!check.ok)
 *   return new Response(`Return path refused: ${check.reason}`, { status: 400 })
 * return Response.redirect(new URL(check.path, url.origin), 302)
 */
export function checkReturnPath(value: unknown, allowed: readonly (string | RegExp)[] = ['/']): WechatReturnPathCheck {
  if (typeof value !== 'string' || !SAME_SITE_INPUT.test(value))
    return { ok: false, reason: 'malformed' }
  if (value.length > MAX_INPUT_LENGTH)
    return { ok: false, reason: 'too-long' }
  let url: URL
  try {
    url = new URL(value, PROBE_ORIGIN)
  }
  catch {
    return { ok: false, reason: 'malformed' }
  }
  if (url.origin !== PROBE_ORIGIN || url.pathname.startsWith('//') || HIDDEN_SEPARATOR.test(url.pathname))
    return { ok: false, reason: 'malformed' }
  // A serialized URL is ASCII (every other character is percent-encoded): its length is its size in bytes.
  const path = url.pathname + url.search + url.hash
  if (path.length > MAX_RETURN_PATH_BYTES)
    return { ok: false, reason: 'too-long' }
  // Last, as the app's RegExps may be slow on long input.
  if (!isAllowed(url.pathname, allowed))
    return { ok: false, reason: 'not-allowed' }
  return { ok: true, path }
}
