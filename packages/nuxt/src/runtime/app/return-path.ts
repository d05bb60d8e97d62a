import { checkReturnPath } from '@wechat-qr-login/core'

/** The login page's query parameter naming the page to return to (`/login?redirect=/orders`): the Vue Router guard's. */
export const RETURN_QUERY = 'redirect'

/** What {@link returnPathOf} reads of a route. */
export interface LoginRoute {
  path: string
  query: Record<string, unknown>
}

/**
 * Where the login page at `route` sends a signed-in user: its `redirect` query when that is a path
 * of this site (core's return-path check: no `//host`, no scheme, no encoded separator) other
 * than the login page itself. `undefined` anywhere else.
 */
export function returnPathOf(route: LoginRoute, loginPath: string): string | undefined {
  if (route.path !== loginPath)
    return undefined
  const check = checkReturnPath(route.query[RETURN_QUERY])
  if (!check.ok || new URL(check.path, 'http://return-path.invalid').pathname === loginPath)
    return undefined
  return check.path
}
