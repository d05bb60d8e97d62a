import { defineNuxtRouteMiddleware, useRuntimeConfig } from '#imports'
import { createWechatAuthGuard } from '@wechat-qr-login/vue/router'
import { RETURN_QUERY } from '../return-path'

/**
 * `definePageMeta({ middleware: 'wechat-auth' })`: the Vue package's route guard for this page.
 * A signed-out visitor goes to the login page, with `?redirect=` set to this page, and comes
 * back here once signed in (see `return-after-login.ts`).
 */
export default defineNuxtRouteMiddleware((to, from) => {
  const guard = createWechatAuthGuard({ loginPath: useRuntimeConfig().public.wechat.loginPath, returnQuery: RETURN_QUERY })
  // eslint-disable-next-line no-useless-call -- the guard's type wants `this: undefined`, which a plain call (`void`) is not
  return guard.call(undefined, { ...to, meta: { ...to.meta, requiresAuth: true } }, from, () => {})
})
