import type { WechatKnownSession } from './store'
import { USER } from '@wechat-qr-login/test-utils/vue'
import { createPinia } from 'pinia'
import { describe, expect, it } from 'vitest'
import { createSSRApp, h } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { createWechatLogin } from './plugin'
import { createWechatAuthGuard } from './router'
import { useWechatAuthStore } from './store'

/** A server render's router, its store given the request's session or not. */
async function serverNavigation(session: WechatKnownSession | null): Promise<string> {
  const pinia = createPinia()
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/orders', component: { render: () => h('p') }, meta: { requiresAuth: true } },
      { path: '/login', component: { render: () => h('p') } },
    ],
  })
  router.beforeEach(createWechatAuthGuard())
  const app = createSSRApp({ render: () => null }).use(pinia).use(createWechatLogin()).use(router)
  if (session)
    await app.runWithContext(() => useWechatAuthStore(pinia)).restore(session)
  await router.push('/orders')
  return router.currentRoute.value.fullPath
}

describe('createWechatAuthGuard during server-side rendering', () => {
  it('lets the route render when the session is not known there: the browser decides', async () => {
    expect(typeof window).toBe('undefined')
    expect(await serverNavigation(null)).toBe('/orders')
  })

  it('decides when the app gave the store the request\'s session', async () => {
    expect(await serverNavigation({ authenticated: false })).toBe('/login?redirect=/orders')
    expect(await serverNavigation({ authenticated: true, user: USER })).toBe('/orders')
  })
})
