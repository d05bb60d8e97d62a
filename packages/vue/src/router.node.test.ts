import { createPinia } from 'pinia'
import { describe, expect, it } from 'vitest'
import { createSSRApp, h } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { createWechatLogin } from './plugin'
import { createWechatAuthGuard } from './router'
import { useWechatAuthStore } from './store'

/** A server render's router, its store seeded (`restored`) or not. */
async function serverNavigation(seeded: { restored: boolean } | null): Promise<string> {
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
  if (seeded)
    app.runWithContext(() => useWechatAuthStore(pinia)).$patch(seeded)
  await router.push('/orders')
  return router.currentRoute.value.fullPath
}

describe('createWechatAuthGuard during server-side rendering', () => {
  it('lets the route render when the session is not known there: the browser decides', async () => {
    expect(typeof window).toBe('undefined')
    expect(await serverNavigation(null)).toBe('/orders')
  })

  it('sends to the login page when the app seeded the store with a signed-out session', async () => {
    expect(await serverNavigation({ restored: true })).toBe('/login?redirect=/orders')
  })
})
