import type { WechatSessionContext } from '../session-context'
import { defineNuxtPlugin, useRequestEvent, useRouter, useRuntimeConfig } from '#imports'
import { LOGIN_ERROR_PARAM } from '@wechat-qr-login/core'
import { createWechatLogin } from '@wechat-qr-login/vue'
import { watch } from 'vue'
import { returnPathOf } from './return-path'
import { knownSession, useAuthStore, useSessionKnown } from './session'

/**
 * Installs `createWechatLogin()` with the module's options. On the server it reads the request's
 * session into the store, so the first HTML already shows the user (no signed-out flash, no
 * request from the browser); the payload carries it to the client. In the browser it restores
 * the session only where the server did not read it (prerendered and client-only pages), shows a
 * failed top-window login's error, and takes a user who signs in on the login page back to `?redirect=`.
 */
export default defineNuxtPlugin({
  name: 'wechat-qr-login',
  dependsOn: ['pinia'],
  async setup(nuxtApp) {
    const { basePath, loginPath, login } = useRuntimeConfig().public.wechat
    nuxtApp.vueApp.use(createWechatLogin({ ...login, authBase: basePath }))
    // Everything that needs the Nuxt context is taken before the first `await`.
    const auth = useAuthStore()
    const known = useSessionKnown()

    if (import.meta.server) {
      const event = useRequestEvent()
      const session = event && await (event.context as WechatSessionContext).getWechatSession?.(event)
      if (session) {
        known.value = true
        if (session.authenticated)
          auth.$patch({ status: 'authenticated', user: session.user, expiresAt: session.expiresAt })
      }
      return
    }

    const router = useRouter()
    watch(() => auth.isAuthenticated, (signedIn) => {
      const next = signedIn ? returnPathOf(router.currentRoute.value, loginPath) : undefined
      if (next)
        void router.replace(next)
    })
    if (nuxtApp.payload.prerenderedAt)
      known.value = false
    // A failed top-window login comes back with `?wechat_login_error=CODE`: restore() shows it.
    const loginFailed = new URLSearchParams(location.search).has(LOGIN_ERROR_PARAM)
    if (loginFailed)
      known.value = false
    if (known.value)
      return
    // Server-rendered HTML is hydrated as it was rendered; client-only pages wait for the session.
    if (nuxtApp.payload.serverRendered)
      nuxtApp.hooks.hookOnce('app:suspense:resolve', () => void knownSession(auth, known))
    else
      await knownSession(auth, known)
  },
})
