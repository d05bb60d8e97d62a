import { defineNuxtRouteMiddleware, navigateTo, useNuxtApp, useRuntimeConfig } from '#imports'
import { RETURN_QUERY } from '../return-path'
import { knownSession, useAuthStore, useSessionKnown } from '../session'

/**
 * `definePageMeta({ middleware: 'wechat-auth' })`: a signed-out visitor goes to the login page,
 * with `?redirect=` set to this page, and comes back here once signed in.
 */
export default defineNuxtRouteMiddleware(async (to) => {
  const nuxtApp = useNuxtApp()
  const { loginPath } = useRuntimeConfig().public.wechat
  const auth = await knownSession(useAuthStore(), useSessionKnown())
  if (!auth.isAuthenticated && to.path !== loginPath)
    return nuxtApp.runWithContext(() => navigateTo({ path: loginPath, query: { [RETURN_QUERY]: to.fullPath } }))
})
