import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { APPID, plugins, resetTestState, trackStore, USER } from '@wechat-qr-login/test-utils/vue'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { h } from 'vue'
import { useWechatAuthStore } from './store'
import { WechatLoginCallback } from './wechat-login-callback'

// Hooks run last-registered first: components unmount before the stores are reset.
afterEach(resetTestState)
enableAutoUnmount(afterEach)

const CALLBACK_URI = 'http://localhost:3000/login/callback'

async function prepare(mode: 'redirect' | 'new-window' = 'redirect') {
  const exchange = vi.fn(async () => USER)
  const { plugins: installed, pinia } = plugins({ appid: APPID, redirectUri: CALLBACK_URI, exchange })
  // Installed in an app first, so that the store sees the plugin's options.
  mount({ render: () => null }, { global: { plugins: installed } })
  const store = trackStore(useWechatAuthStore(pinia))
  const ticket = await store.start({ mode, returnTo: '/home' })
  return { installed, exchange, state: ticket!.state, store }
}

describe('WechatLoginCallback', () => {
  it('completes a top-window login and emits `success` with the return path', async () => {
    const { installed, exchange, state } = await prepare()
    history.replaceState(null, '', `/login/callback?code=CODE1&state=${state}`)
    const wrapper = mount(WechatLoginCallback, { global: { plugins: installed } })
    expect(wrapper.attributes()).toMatchObject({ 'role': 'status', 'aria-live': 'polite' })
    expect(wrapper.text()).toBe('正在登录…')
    await flushPromises()
    expect(wrapper.emitted('success')).toEqual([[USER, '/home']])
    expect(wrapper.text()).toBe('已登录')
    expect(exchange).toHaveBeenCalledOnce()
  })

  it('exchanges once when the callback route mounts twice', async () => {
    const { installed, exchange, state } = await prepare()
    history.replaceState(null, '', `/login/callback?code=CODE2&state=${state}`)
    const first = mount(WechatLoginCallback, { global: { plugins: installed } })
    const second = mount(WechatLoginCallback, { global: { plugins: installed } })
    await flushPromises()
    expect(exchange).toHaveBeenCalledOnce()
    expect(first.emitted('success')).toHaveLength(1)
    expect(second.emitted('success')).toHaveLength(1)
  })

  it('emits `error` and shows it when the state is not this tab\'s', async () => {
    const { installed, exchange } = await prepare()
    history.replaceState(null, '', '/login/callback?code=CODE3&state=forged-state-0123456789')
    const wrapper = mount(WechatLoginCallback, { props: { lang: 'en' }, global: { plugins: installed } })
    await flushPromises()
    expect(wrapper.emitted('error')![0]![0]).toMatchObject({ code: 'STATE_MISMATCH' })
    expect(wrapper.text()).toBe('This login is no longer valid. Scan again.')
    expect(exchange).not.toHaveBeenCalled()
  })

  it('relays from a popup, closes it and says so', async () => {
    const { installed, state } = await prepare('new-window')
    const opener = { postMessage: vi.fn() }
    vi.spyOn(window, 'opener', 'get').mockReturnValue(opener as unknown as Window)
    const close = vi.spyOn(window, 'close').mockImplementation(() => {})
    history.replaceState(null, '', `/login/callback?code=CODE4&state=${state}`)
    const wrapper = mount(WechatLoginCallback, { global: { plugins: installed } })
    await flushPromises()
    expect(wrapper.emitted('relayed')).toEqual([['opener']])
    expect(opener.postMessage).toHaveBeenCalledOnce()
    expect(close).toHaveBeenCalledOnce()
    expect(wrapper.text()).toBe('登录结果已发送，可以关闭此窗口。')
  })

  it('keeps the popup open with `close-popup` false', async () => {
    const { installed, state } = await prepare('new-window')
    vi.spyOn(window, 'opener', 'get').mockReturnValue({ postMessage: vi.fn() } as unknown as Window)
    const close = vi.spyOn(window, 'close').mockImplementation(() => {})
    history.replaceState(null, '', `/login/callback?code=CODE5&state=${state}`)
    mount(WechatLoginCallback, { props: { closePopup: false }, global: { plugins: installed } })
    await flushPromises()
    expect(close).not.toHaveBeenCalled()
  })

  it('emits `none` on a page without code and state, and renders its slot', async () => {
    const { installed } = await prepare()
    const wrapper = mount(WechatLoginCallback, {
      global: { plugins: installed },
      slots: { default: ({ status }: { status: string }) => h('em', status) },
    })
    expect(wrapper.text()).toBe('working')
    await flushPromises()
    expect(wrapper.emitted('none')).toEqual([[]])
    expect(wrapper.text()).toBe('none')
  })
})
