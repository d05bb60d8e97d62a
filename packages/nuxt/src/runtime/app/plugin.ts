import type { WechatSessionContext } from '../session-context'
import { defineNuxtPlugin, useRequestEvent, useRequestHeader, useRouter, useRuntimeConfig } from '#imports'
import { createWechatLogin } from '@wechat-qr-login/vue'
import { watch } from 'vue'
import { returnPathOf } from './return-path'
import { useAuthStore } from './session'

/**
 * Installs `createWechatLogin()` with the module's options. On the server it gives the store the
 * request's user agent, so the first HTML is already the login of where the user is (the QR on a
 * computer, the button inside WeChat, a panel on a phone browser), and the request's session
 * (`restore(session)`), so the first HTML already shows the user (no signed-out flash) and the
 * hydrated store asks the browser for nothing. In the browser it
 * restores the session where the server did not read it (prerendered and client-only pages),
 * and takes a user who signs in on the login page back to its `?redirect=`.
 */
export default defineNuxtPlugin({
  name: 'wechat-qr-login',
  dependsOn: ['pinia'],
  async setup(nuxtApp) {
    const { basePath, loginPath, login } = useRuntimeConfig().public.wechat
    nuxtApp.vueApp.use(createWechatLogin({ ...login, authBase: basePath, userAgent: import.meta.server ? useRequestHeader('user-agent') : undefined }))
    // Everything that needs the Nuxt context is taken before the first `await`.
    const auth = useAuthStore()

    if (import.meta.server) {
      // A prerendered page is for everyone: its browser asks for the session itself.
      const event = import.meta.prerender ? undefined : useRequestEvent()
      const session = event && await (event.context as WechatSessionContext).getWechatSession?.(event)
      if (session)
        await auth.restore(session)
      return
    }

    const router = useRouter()
    watch(() => auth.isAuthenticated, (signedIn) => {
      const next = signedIn ? returnPathOf(router.currentRoute.value, loginPath) : undefined
      if (next)
        void router.replace(next)
    })
    // Client-only pages wait for the session. Not a braceless `else await`: Nuxt's transform of
    // an `await` in a plugin turns it into `else ;(…await…)`, which then runs on every page.
    if (!nuxtApp.payload.serverRendered) {
      await auth.restore()
      return
    }
    // Server-rendered HTML is hydrated as it was rendered, and only then told the session (or a
    // failed login that came back to the page).
    nuxtApp.hooks.hookOnce('app:suspense:resolve', () => void auth.restore())
  },
})
