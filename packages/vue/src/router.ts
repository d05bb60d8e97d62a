import type { NavigationFailure, NavigationGuardWithThis } from 'vue-router'
import { checkReturnPath } from '@wechat-qr-login/core'
import { useRoute, useRouter } from 'vue-router'
import { useWechatAuthStore } from './store'

declare module 'vue-router' {
  interface RouteMeta {
    /**
     * Only a signed-in user may open the route: `createWechatAuthGuard()` sends anyone else to
     * the login page, which sends them back after the login.
     * @default false
     */
    requiresAuth?: boolean
  }
}

/** Options of {@link createWechatAuthGuard}. */
export interface WechatAuthGuardOptions {
  /**
   * The path of the login page (the route with `<WechatQrLogin>`).
   * @default '/login'
   */
  loginPath?: string
  /**
   * The login page's query parameter that holds the page to come back to.
   * @default 'redirect'
   */
  returnQuery?: string
}

/** Options of {@link useReturnAfterLogin}. */
export interface UseReturnAfterLoginOptions {
  /**
   * The query parameter the guard put the page to come back to in.
   * @default 'redirect'
   */
  returnQuery?: string
  /**
   * Where to go when the query has no page to come back to, or one that is not a path of this site.
   * @default '/'
   */
  fallback?: string
}

/**
 * A Vue Router guard for routes with `meta: { requiresAuth: true }`: it restores the session
 * (once per page load, `store.restore()`) and sends a signed-out user to the login page, with
 * the page they wanted in the query (`/login?redirect=/orders`), where `useReturnAfterLogin()`
 * sends them back. Other routes pass at once. During server-side rendering the session is only
 * known when the app seeded the store with it; otherwise the guard lets the route render and the
 * browser decides.
 *
 * @example
 * router.beforeEach(createWechatAuthGuard())
 */
export function createWechatAuthGuard(options: WechatAuthGuardOptions = {}): NavigationGuardWithThis<undefined> {
  const { loginPath = '/login', returnQuery = 'redirect' } = options
  return async (to) => {
    const auth = useWechatAuthStore()
    const restoring = auth.restore()
    if (!to.meta.requiresAuth)
      return
    await restoring
    if (!auth.isAuthenticated && (auth.restored || typeof window !== 'undefined'))
      return { path: loginPath, query: { [returnQuery]: to.fullPath } }
  }
}

/**
 * For the login page: a function that goes back to the page the guard sent the user from (its
 * `redirect` query, if that is a path of this site, checked with `checkReturnPath`), else to
 * `fallback`. Call it from `<WechatQrLogin @success>`: in every mode, also after a login that
 * navigated the whole tab and came back to the login page.
 *
 * @example
 * const returnAfterLogin = useReturnAfterLogin()
 * // <WechatQrLogin @success="returnAfterLogin()" />
 */
export function useReturnAfterLogin(options: UseReturnAfterLoginOptions = {}): () => Promise<NavigationFailure | void | undefined> {
  const { returnQuery = 'redirect', fallback = '/' } = options
  const router = useRouter()
  const route = useRoute()
  return () => {
    const check = checkReturnPath(route.query[returnQuery])
    return router.replace(check.ok ? check.path : fallback)
  }
}
