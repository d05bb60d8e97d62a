import { defineNuxtRouteMiddleware, navigateTo, useRuntimeConfig } from '#imports'
import { returnPathOf } from '../return-path'
import { useAuthStore } from '../session'

/** Global: a signed-in visit of `/login?redirect=/page` (a top-window login coming back) goes on to `/page`. */
export default defineNuxtRouteMiddleware((to) => {
  const next = returnPathOf(to, useRuntimeConfig().public.wechat.loginPath)
  if (next && useAuthStore().isAuthenticated)
    return navigateTo(next, { replace: true })
})
