import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { WECHAT_USER_AGENTS } from '@wechat-qr-login/emulator'
import { fakeServer, interceptScripts, plugins, resetTestState, wxLoginCalls } from '@wechat-qr-login/test-utils/vue'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { WechatQrLogin } from './wechat-qr-login'

/** The modules the component loads on demand, as they are first imported. */
const loaded = vi.hoisted(() => new Set<string>())
vi.mock('./unavailable-panel', async (importOriginal) => {
  loaded.add('unavailable-panel')
  return importOriginal()
})
vi.mock('./official-qr', async (importOriginal) => {
  loaded.add('official-qr')
  return importOriginal()
})

afterEach(resetTestState)
enableAutoUnmount(afterEach)

async function mountSettled(props: Record<string, unknown> = {}) {
  const wrapper = mount(WechatQrLogin, { props, global: { plugins: plugins().plugins }, attachTo: document.body })
  await flushPromises()
  await vi.dynamicImportSettled()
  await flushPromises()
  return wrapper
}

// One file of its own: a module is imported once per file, and these tests follow the first imports.
describe('WechatQrLogin loading on demand what only some pages show', () => {
  it('loads neither the panels nor the official loader for the QR on a computer', async () => {
    fakeServer()
    const wrapper = await mountSettled()
    expect(wrapper.find('iframe').exists()).toBe(true)
    expect(loaded).toEqual(new Set())
  })

  it('loads the panels where WeChat login does not work', async () => {
    fakeServer()
    vi.spyOn(navigator, 'userAgent', 'get').mockReturnValue(WECHAT_USER_AGENTS.wecomWindows)
    const wrapper = await mountSettled()
    await vi.waitFor(() => expect(wrapper.find('.wechat-qr-login__unavailable--wecom').exists()).toBe(true))
    expect(loaded).toEqual(new Set(['unavailable-panel']))
  })

  it('loads the official loader for loader="official"', async () => {
    fakeServer()
    interceptScripts()
    await mountSettled({ loader: 'official' })
    await vi.waitFor(() => expect(wxLoginCalls).toHaveLength(1))
    expect(loaded).toEqual(new Set(['unavailable-panel', 'official-qr']))
    wxLoginCalls.length = 0
    delete (window as Window & { WxLogin?: unknown }).WxLogin
  })
})
