import { flushPromises, mount } from '@vue/test-utils'
import { fakeServer, plugins, postRelay, resetTestState, trackStore, USER } from '@wechat-qr-login/test-utils/vue'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import { createWechatAuthGuard, useReturnAfterLogin } from './router'
import { useWechatAuthStore } from './store'

afterEach(resetTestState)

/** An app with a home page, a guarded page and a login page whose `done()` is `useReturnAfterLogin()`. */
async function app(path: string, options: Parameters<typeof createWechatAuthGuard>[0] = {}) {
  let done!: () => Promise<unknown>
  const Login = defineComponent({
    setup() {
      done = useReturnAfterLogin()
      return () => h('p', 'login')
    },
  })
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: { render: () => h('p', 'home') } },
      { path: '/orders', component: { render: () => h('p', 'orders') }, meta: { requiresAuth: true } },
      { path: options.loginPath ?? '/login', component: Login },
    ],
  })
  router.beforeEach(createWechatAuthGuard(options))
  const { plugins: installed, pinia } = plugins()
  const wrapper = mount(RouterView, { global: { plugins: [...installed, router] } })
  const store = trackStore(useWechatAuthStore(pinia))
  await router.push(path)
  await flushPromises()
  return { router, wrapper, store, done: () => done() }
}

describe('createWechatAuthGuard', () => {
  it('sends a signed-out user from a guarded route to the login page, with the way back', async () => {
    fakeServer()
    const { router, wrapper } = await app('/orders?page=2')
    expect(router.currentRoute.value.fullPath).toBe('/login?redirect=/orders?page=2')
    expect(wrapper.text()).toBe('login')
  })

  it('lets a signed-in user through, after restoring the session once', async () => {
    const server = fakeServer()
    server.signedIn = true
    const { router, wrapper, store } = await app('/orders')
    expect(router.currentRoute.value.path).toBe('/orders')
    expect(wrapper.text()).toBe('orders')
    expect(store.user).toEqual(USER)
    await router.push('/')
    await router.push('/orders')
    expect(server.calls()).toEqual(['GET /auth/wechat/session'])
  })

  it('lets routes without `requiresAuth` through at once, and restores the session for them', async () => {
    const server = fakeServer({ 'GET /session': () => new Promise(() => {}) })
    const { router, store } = await app('/')
    expect(router.currentRoute.value.path).toBe('/')
    expect(store.restored).toBe(false)
    expect(server.calls()).toEqual(['GET /auth/wechat/session'])
  })

  it('takes the login page and the query parameter from its options', async () => {
    fakeServer()
    const { router } = await app('/orders', { loginPath: '/sign-in', returnQuery: 'next' })
    expect(router.currentRoute.value.fullPath).toBe('/sign-in?next=/orders')
  })
})

describe('useReturnAfterLogin', () => {
  it('goes back to the page the guard sent the user from', async () => {
    const server = fakeServer()
    const { router, store, done } = await app('/orders?page=2')
    const ticket = await store.start({ mode: 'new-window' })
    server.signedIn = true
    postRelay(ticket!.state, { type: 'authenticated' })
    await vi.waitFor(() => expect(store.user).toEqual(USER))
    await done()
    expect(router.currentRoute.value.fullPath).toBe('/orders?page=2')
  })

  it.each(['//evil.example/orders', 'https://evil.example/', '/%2F%2Fevil.example'])('goes home instead of to %s', async (target) => {
    fakeServer()
    const { router, done } = await app(`/login?redirect=${encodeURIComponent(target)}`)
    await done()
    expect(router.currentRoute.value.fullPath).toBe('/')
  })
})
