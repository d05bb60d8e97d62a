import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { fakePopup, fakeServer, plugins, postRelay, resetTestState, setupStore, trackStore, USER } from '@wechat-qr-login/test-utils/vue'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, effectScope, h, shallowRef } from 'vue'
import { useWechatAuthStore } from './store'
import { useWechatLogin } from './use-wechat-login'

// Hooks run last-registered first: components unmount before the stores are reset.
afterEach(resetTestState)
enableAutoUnmount(afterEach)

function withLogin(options: Parameters<typeof useWechatLogin>[0] = {}) {
  let login!: ReturnType<typeof useWechatLogin>
  const { plugins: installed, pinia } = plugins()
  const wrapper = mount(defineComponent({
    setup() {
      login = useWechatLogin(options)
      return () => h('div')
    },
  }), { global: { plugins: installed } })
  trackStore(useWechatAuthStore(pinia))
  return { login, wrapper }
}

describe('useWechatLogin', () => {
  it('starts once mounted and exposes the URL of the current ticket', async () => {
    const server = fakeServer()
    const { login } = withLogin({ mode: 'new-window' })
    expect(login.status.value).toBe('preparing')
    await flushPromises()
    expect(login.status.value).toBe('awaiting-scan')
    expect(login.url.value).toContain(`state=${server.states[0]}`)
    expect(login.options.value?.mode).toBe('new-window')
  })

  it('merges the options: yours win over the app-wide ones, and unset ones fall through', async () => {
    fakeServer()
    let login!: ReturnType<typeof useWechatLogin>
    const { plugins: installed, pinia } = plugins({ mode: 'new-window', lang: 'en', stylelite: true })
    mount(defineComponent({
      setup() {
        login = useWechatLogin({ mode: 'redirect', lang: undefined, stylelite: false, immediate: false })
        return () => null
      },
    }), { global: { plugins: installed } })
    trackStore(useWechatAuthStore(pinia))
    expect(login.options.value).toMatchObject({ mode: 'redirect', lang: 'en', stylelite: false })
  })

  it('calls onSuccess with the user once a relayed login completes', async () => {
    const server = fakeServer()
    const { login } = withLogin({ selfRedirect: true })
    const success = vi.fn()
    login.onSuccess(success)
    await flushPromises()
    server.signedIn = true
    postRelay(server.states[0]!, { type: 'authenticated' })
    await flushPromises()
    expect(success).toHaveBeenCalledExactlyOnceWith(USER)
  })

  it('waits for start() with `immediate: false`', async () => {
    const server = fakeServer()
    const { login } = withLogin({ immediate: false })
    await flushPromises()
    expect(server.fetch).not.toHaveBeenCalled()
    expect(login.status.value).toBe('idle')
    await login.start()
    expect(login.ticket.value?.state).toBe(server.states[0])
  })

  it('follows reactive options', async () => {
    const server = fakeServer()
    const lang = shallowRef<'cn' | 'en'>('cn')
    const { login } = withLogin(() => ({ mode: 'redirect', lang: lang.value }))
    await flushPromises()
    expect(login.url.value).toContain('lang=cn')
    lang.value = 'en'
    expect(login.url.value).toContain('lang=en')
    expect(server.states).toHaveLength(1)
  })

  it('tracks the popup and stops watching it with the scope', async () => {
    vi.useFakeTimers()
    fakeServer()
    const popup = fakePopup()
    vi.spyOn(window, 'open').mockImplementation(() => popup as unknown as Window)
    const { login, wrapper } = withLogin({ mode: 'new-window' })
    await flushPromises()
    login.open()
    expect(login.popupOpen.value).toBe(true)
    wrapper.unmount()
    popup.closed = true
    await vi.advanceTimersByTimeAsync(5000)
    expect(login.status.value).toBe('awaiting-scan')
  })

  it('ignores open() for the embedded QR and before a ticket', async () => {
    fakeServer()
    const open = vi.spyOn(window, 'open')
    const { login } = withLogin()
    login.open()
    await flushPromises()
    login.open()
    expect(open).not.toHaveBeenCalled()
  })

  it('starts right away outside a component, in the browser', async () => {
    const server = fakeServer()
    const { app } = setupStore()
    const scope = effectScope()
    const login = app.runWithContext(() => scope.run(() => useWechatLogin({ mode: 'redirect' })))!
    await flushPromises()
    expect(login.ticket.value?.state).toBe(server.states[0])
    scope.stop()
  })

  it('logs out and resets through the store', async () => {
    const server = fakeServer()
    server.signedIn = true
    const { login } = withLogin({ immediate: false })
    await login.store.restore()
    await login.logout()
    expect(login.user.value).toBeNull()
    await login.start()
    login.cancel()
    expect(login.status.value).toBe('cancelled')
    login.reset()
    expect(login.status.value).toBe('idle')
  })
})

describe('useWechatLogin lifecycle', () => {
  it('offers a new login after a logout', async () => {
    const server = fakeServer()
    server.signedIn = true
    const { plugins: installed, pinia } = plugins()
    mount({ render: () => null }, { global: { plugins: installed } })
    const store = trackStore(useWechatAuthStore(pinia))
    await store.restore()
    let login!: ReturnType<typeof useWechatLogin>
    mount(defineComponent({
      setup() {
        login = useWechatLogin()
        return () => null
      },
    }), { global: { plugins: installed } })
    await flushPromises()
    expect(server.states).toHaveLength(0)
    await login.logout()
    await flushPromises()
    expect(server.states).toHaveLength(1)
    expect(login.status.value).toBe('awaiting-scan')
  })

  it('keeps an error reported before mount on screen instead of starting over', async () => {
    const server = fakeServer()
    history.replaceState(null, '', '/login?wechat_login_error=LOGIN_DENIED')
    const { plugins: installed, pinia } = plugins()
    mount({ render: () => null }, { global: { plugins: installed } })
    const store = trackStore(useWechatAuthStore(pinia))
    await store.restore()
    let login!: ReturnType<typeof useWechatLogin>
    mount(defineComponent({
      setup() {
        login = useWechatLogin({ mode: 'redirect' })
        return () => null
      },
    }), { global: { plugins: installed } })
    await flushPromises()
    expect(login.error.value?.code).toBe('LOGIN_DENIED')
    expect(server.states).toHaveLength(0)
    login.retry()
    await flushPromises()
    expect(server.states).toHaveLength(1)
  })
})
