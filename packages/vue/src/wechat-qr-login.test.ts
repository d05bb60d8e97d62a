import type { WechatLoginOptions } from './options'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { buildAuthorizeUrl, buildEmbedUrl, cssToHref, WechatLoginError } from '@wechat-qr-login/core'
import { APPID, EMULATOR, fakePopup, fakeServer, interceptScripts, json, plugins, postRelay, REDIRECT_URI, resetTestState, setupStore, trackStore, USER, wxLoginCalls } from '@wechat-qr-login/test-utils/vue'
import { createPinia } from 'pinia'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createSSRApp, h, nextTick } from 'vue'
import { renderToString } from 'vue/server-renderer'
import { handleWechatCallback } from './handle-callback'
import { createWechatLogin } from './plugin'
import { useWechatAuthStore } from './store'
import { WechatQrLogin } from './wechat-qr-login'

// Hooks run last-registered first: components unmount before the stores are reset.
afterEach(resetTestState)
enableAutoUnmount(afterEach)

function mountLogin(props: Record<string, unknown> = {}, options: WechatLoginOptions = {}, extra: Parameters<typeof mount>[1] = {}) {
  const { plugins: installed, pinia } = plugins(options)
  const wrapper = mount(WechatQrLogin, { props, global: { plugins: installed }, ...extra })
  const store = trackStore(useWechatAuthStore(pinia))
  return { wrapper, store }
}

describe('WechatQrLogin (embedded)', () => {
  it('shows the preparing state, then the QR iframe built from the server\'s state', async () => {
    const server = fakeServer()
    const { wrapper } = mountLogin()
    expect(wrapper.find('.wechat-qr-login__frame--placeholder').exists()).toBe(true)
    expect(wrapper.find('[role="status"]').text()).toBe('正在加载二维码…')

    await flushPromises()
    // The session first (a login that navigated the whole tab may be back), a state at the same time.
    expect(server.calls()).toEqual(['GET /auth/wechat/session', 'GET /auth/wechat/state?mode=embedded&self_redirect=false&return_to=%2F'])
    const iframe = wrapper.find('iframe')
    expect(iframe.attributes()).toMatchObject({
      src: buildEmbedUrl({ appid: APPID, redirectUri: REDIRECT_URI, state: server.states[0]!, openBase: EMULATOR, selfRedirect: false, lang: 'cn' }),
      width: '300',
      height: '400',
      frameborder: '0',
      scrolling: 'no',
      allow: 'local-network-access',
      sandbox: 'allow-scripts allow-same-origin allow-top-navigation allow-popups allow-popups-to-escape-sandbox',
      title: '微信扫码登录',
    })
    expect(wrapper.classes()).toEqual(expect.arrayContaining(['wechat-qr-login', 'wechat-qr-login--embedded', 'wechat-qr-login--ready']))
  })

  it('drops top navigation from the sandbox when the callback lands in the iframe', async () => {
    const server = fakeServer()
    const { wrapper } = mountLogin({ selfRedirect: true })
    await flushPromises()
    expect(server.calls()).toEqual(['GET /auth/wechat/session', 'GET /auth/wechat/state?mode=embedded&self_redirect=true'])
    expect(wrapper.find('iframe').attributes('sandbox')).toBe('allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox')
    expect(wrapper.find('iframe').attributes('src')).toContain('self_redirect=true')
  })

  it('lets only a page that is not WeChat\'s (the emulator) open a window, for its phone page link', async () => {
    fakeServer()
    const { wrapper } = mountLogin({ openBase: 'https://open.weixin.qq.com/' })
    await flushPromises()
    expect(wrapper.find('iframe').attributes('src')).toMatch(/^https:\/\/open\.weixin\.qq\.com\/connect\/qrconnect\?/)
    expect(wrapper.find('iframe').attributes('sandbox')).toBe('allow-scripts allow-same-origin allow-top-navigation')
  })

  it('emits `ready` when the QR page has loaded', async () => {
    const server = fakeServer()
    const { wrapper } = mountLogin()
    await flushPromises()
    expect(wrapper.emitted('ready')).toBeUndefined()
    await wrapper.find('iframe').trigger('load')
    expect(wrapper.emitted('ready')).toEqual([[{ flow: 'qr', mode: 'embedded', state: server.states[0], url: wrapper.find('iframe').attributes('src') }]])
  })

  it('passes every WeChat option, props over the plugin\'s defaults', async () => {
    const server = fakeServer()
    const css = '.impowerBox .title { display: none }'
    const { wrapper } = mountLogin(
      { theme: 'white', css, lang: 'en', fastLogin: false, width: '100%', height: 420 },
      { theme: 'black', stylelite: false, appid: 'wxfedcba9876543210' },
    )
    await flushPromises()
    expect(wrapper.find('iframe').attributes('src')).toBe(buildEmbedUrl({
      appid: 'wxfedcba9876543210',
      redirectUri: REDIRECT_URI,
      state: server.states[0]!,
      openBase: EMULATOR,
      selfRedirect: false,
      style: 'white',
      href: cssToHref(css),
      lang: 'en',
      fastLogin: false,
    }))
    expect(wrapper.find('iframe').attributes()).toMatchObject({ width: '100%', height: '420', title: 'WeChat QR code login' })
  })

  it('needs no server with a custom backend: appid and redirect URI from the plugin', async () => {
    const server = fakeServer()
    const { wrapper } = mountLogin({}, { appid: APPID, redirectUri: REDIRECT_URI, exchange: async () => USER })
    await flushPromises()
    expect(server.fetch).not.toHaveBeenCalled()
    expect(wrapper.find('iframe').attributes('src')).toMatch(/^https:\/\/open\.weixin\.qq\.com\/connect\/qrconnect\?appid=wx0123456789abcdef&/)
  })

  it('expires the QR after `qrLifetime` and refreshes it with a new state', async () => {
    vi.useFakeTimers()
    const server = fakeServer()
    const { wrapper } = mountLogin({ qrLifetime: 120 })
    await flushPromises()
    await wrapper.find('iframe').trigger('load')
    await vi.advanceTimersByTimeAsync(119_000)
    expect(wrapper.emitted('expired')).toBeUndefined()
    await vi.advanceTimersByTimeAsync(1_000)
    expect(wrapper.emitted('expired')).toEqual([[{ state: server.states[0] }]])
    expect(wrapper.find('iframe').exists()).toBe(false)
    expect(wrapper.find('[role="status"]').text()).toBe('二维码已过期')

    await wrapper.find('button.wechat-qr-login__button--refresh').trigger('click')
    await flushPromises()
    expect(server.states).toHaveLength(2)
    expect(wrapper.find('iframe').attributes('src')).toContain(`state=${server.states[1]}`)
  })

  it('expires at the state\'s own end when that comes first', async () => {
    vi.useFakeTimers()
    fakeServer({ 'GET /state': () => json({ state: 'short-lived-state-0123456789', expiresAt: Date.now() + 60_000, appid: APPID, redirectUri: REDIRECT_URI, openBase: EMULATOR }) })
    const { wrapper } = mountLogin()
    await flushPromises()
    await wrapper.find('iframe').trigger('load')
    await vi.advanceTimersByTimeAsync(60_000)
    expect(wrapper.emitted('expired')).toHaveLength(1)
  })

  it('emits `success` with the user when the iframe relays the login', async () => {
    const server = fakeServer()
    const { wrapper, store } = mountLogin({ selfRedirect: true })
    await flushPromises()
    server.signedIn = true
    postRelay(server.states[0]!, { type: 'authenticated' })
    expect(wrapper.find('[role="status"]').text()).toBe('')
    await flushPromises()
    expect(store.status).toBe('authenticated')
    expect(wrapper.emitted('success')).toEqual([[USER, { flow: 'qr' }]])
    expect(wrapper.find('iframe').exists()).toBe(false)
    expect(wrapper.find('[role="status"]').text()).toBe('已登录')
  })

  it('emits `success` even when the parent unmounts it on sign-in (v-if on the user)', async () => {
    const server = fakeServer()
    const onSuccess = vi.fn()
    const { plugins: installed, pinia } = plugins()
    const store = trackStore(useWechatAuthStore(pinia))
    const Parent = { render: () => (store.isAuthenticated ? h('p', 'hello') : h(WechatQrLogin, { selfRedirect: true, onSuccess })) }
    const wrapper = mount(Parent, { global: { plugins: installed } })
    await flushPromises()
    server.signedIn = true
    postRelay(server.states[0]!, { type: 'authenticated' })
    await flushPromises()
    expect(wrapper.text()).toBe('hello')
    expect(onSuccess).toHaveBeenCalledWith(USER, { flow: 'qr' })
  })

  it('shows the exchanging state while the session opens', async () => {
    const server = fakeServer({ 'GET /session': () => new Promise(() => {}) })
    const { wrapper } = mountLogin({ selfRedirect: true })
    await flushPromises()
    postRelay(server.states[0]!, { type: 'authenticated' })
    await wrapper.vm.$nextTick()
    expect(wrapper.classes()).toContain('wechat-qr-login--exchanging')
    expect(wrapper.find('[role="status"]').text()).toBe('正在登录…')
  })

  it('shows an error with a retry that starts over', async () => {
    let failing = true
    const server = fakeServer({
      'GET /state': () => failing
        ? json({ error: { code: 'NETWORK_ERROR', message: 'down' } }, 502)
        : json({ state: 'after-retry-state-0123456789', expiresAt: Date.now() + 600_000, appid: APPID, redirectUri: REDIRECT_URI, openBase: EMULATOR }),
    })
    const { wrapper } = mountLogin()
    await flushPromises()
    expect(wrapper.emitted('error')![0]![0]).toMatchObject({ code: 'NETWORK_ERROR' })
    expect(wrapper.find('[role="status"]').text()).toBe('无法连接服务器，请检查网络。')

    failing = false
    await wrapper.find('button.wechat-qr-login__button--retry').trigger('click')
    await flushPromises()
    expect(server.calls()).toEqual(['GET /auth/wechat/session', expect.stringMatching(/^GET \/auth\/wechat\/state\?/), expect.stringMatching(/^GET \/auth\/wechat\/state\?/)])
    expect(wrapper.find('iframe').attributes('src')).toContain('state=after-retry-state-0123456789')
  })

  it('does not start a login for a signed-in user', async () => {
    const server = fakeServer()
    const { plugins: installed, pinia } = plugins()
    const store = trackStore(useWechatAuthStore(pinia))
    server.signedIn = true
    await store.restore()
    const wrapper = mount(WechatQrLogin, { global: { plugins: installed } })
    await flushPromises()
    expect(server.calls()).toEqual(['GET /auth/wechat/session'])
    expect(wrapper.find('[role="status"]').text()).toBe('已登录')
  })

  it('starts over when the mode changes', async () => {
    const server = fakeServer()
    const { wrapper } = mountLogin()
    await flushPromises()
    await wrapper.setProps({ mode: 'new-window' })
    await flushPromises()
    expect(server.calls()[2]).toBe('GET /auth/wechat/state?mode=new-window')
    expect(wrapper.find('iframe').exists()).toBe(false)
    expect(wrapper.find('button').text()).toBe('微信登录')
  })
})

describe('WechatQrLogin (WeChat\'s page does not load)', () => {
  it('shows QR_LOAD_FAILED when the QR page has not loaded within `loadTimeout`, with a retry', async () => {
    vi.useFakeTimers()
    const server = fakeServer()
    const { wrapper, store } = mountLogin({ loadTimeout: 8000 })
    await flushPromises()
    await vi.advanceTimersByTimeAsync(7999)
    expect(store.status).toBe('awaiting-scan')
    await vi.advanceTimersByTimeAsync(1)
    expect(wrapper.emitted('error')![0]![0]).toMatchObject({ code: 'QR_LOAD_FAILED' })
    expect(wrapper.find('iframe').exists()).toBe(false)
    expect(wrapper.find('[role="status"]').text()).toBe('无法加载微信二维码，请检查网络后重试。')

    await wrapper.find('button.wechat-qr-login__button--retry').trigger('click')
    await flushPromises()
    expect(wrapper.find('iframe').attributes('src')).toContain(`state=${server.states[1]}`)
    await wrapper.find('iframe').trigger('load')
    await vi.advanceTimersByTimeAsync(60_000)
    expect(store.status).toBe('awaiting-scan')
    expect(wrapper.emitted('error')).toHaveLength(1)
  })

  it('waits for the iframe WeChat\'s script creates, with the official loader', async () => {
    vi.useFakeTimers()
    fakeServer()
    interceptScripts()
    const { wrapper } = mountLogin({ loader: 'official', lang: 'en', scriptUrl: 'https://cdn.example.com/frame-timeout/wxLogin.js' }, {}, { attachTo: document.body })
    await flushPromises()
    // The official loader's module, loaded on demand, arrives in real time.
    await vi.dynamicImportSettled()
    await vi.advanceTimersByTimeAsync(10_000)
    expect(wrapper.emitted('error')![0]![0]).toMatchObject({ code: 'QR_LOAD_FAILED' })
    expect(wrapper.find('[role="status"]').text()).toBe('WeChat\'s QR code could not be loaded. Check your connection and try again.')
    wxLoginCalls.length = 0
    delete (window as Window & { WxLogin?: unknown }).WxLogin
  })

  it('says that the server could not reach WeChat, in both languages', async () => {
    fakeServer({ 'GET /state': () => json({ error: { code: 'WECHAT_UNREACHABLE', message: 'api.weixin.qq.com did not answer.' } }, 504) })
    const { wrapper } = mountLogin()
    await flushPromises()
    expect(wrapper.find('[role="status"]').text()).toBe('服务器暂时无法连接微信，请稍后重试。')
    await wrapper.setProps({ lang: 'en' })
    expect(wrapper.find('[role="status"]').text()).toBe('The server could not reach WeChat. Try again in a moment.')
  })
})

describe('WechatQrLogin (a login that navigated the whole tab comes back)', () => {
  /** An earlier page of this tab started a login of `mode`; the callback opened the session and sent the tab back here. */
  async function startedOnEarlierPage(mode: 'embedded' | 'redirect', server: ReturnType<typeof fakeServer>) {
    const { store } = setupStore()
    await store.start({ mode, selfRedirect: false, returnTo: '/login?redirect=%2Fprivate' })
    await Promise.resolve()
    server.signedIn = true
  }

  it.each([
    ['embedded without selfRedirect', 'embedded', {}],
    ['redirect', 'redirect', { mode: 'redirect' }],
    ['a blocked popup continued in this tab', 'redirect', { mode: 'new-window' }],
  ] as const)('emits `success` once the session is confirmed: %s', async (_, startedAs, props) => {
    const server = fakeServer()
    await startedOnEarlierPage(startedAs, server)
    const { wrapper, store } = mountLogin(props)
    await flushPromises()
    expect(wrapper.emitted('success')).toEqual([[USER, { flow: 'qr' }]])
    expect(store.status).toBe('authenticated')
    expect(server.calls().filter(call => call.startsWith('GET /auth/wechat/session'))).toHaveLength(1)
  })

  it('emits it to a component mounted after the app restored the session (a route guard)', async () => {
    const server = fakeServer()
    await startedOnEarlierPage('embedded', server)
    const { plugins: installed, pinia } = plugins()
    const store = trackStore(useWechatAuthStore(pinia))
    await store.restore()
    const wrapper = mount(WechatQrLogin, { global: { plugins: installed } })
    await flushPromises()
    expect(wrapper.emitted('success')).toEqual([[USER, { flow: 'qr' }]])
    const again = mount(WechatQrLogin, { global: { plugins: installed } })
    await flushPromises()
    expect(again.emitted('success')).toBeUndefined()
  })

  it('emits it after a custom backend\'s callback route completed the login and the app routed back', async () => {
    const exchange = vi.fn(async () => USER)
    const options = { appid: APPID, redirectUri: 'http://localhost:3000/login/callback', exchange }
    const { store: before } = setupStore(options)
    const ticket = await before.start({ mode: 'redirect', returnTo: '/login' })
    await Promise.resolve()
    // The callback route of a new page, then a router navigation to the page the login started from.
    const { plugins: installed, pinia } = plugins(options)
    mount({ render: () => null }, { global: { plugins: installed } })
    const store = trackStore(useWechatAuthStore(pinia))
    history.replaceState(null, '', `/login/callback?code=CODE1&state=${ticket!.state}`)
    expect(await handleWechatCallback({ store })).toMatchObject({ type: 'authenticated', returnTo: '/login' })
    const wrapper = mount(WechatQrLogin, { global: { plugins: installed } })
    await flushPromises()
    expect(wrapper.emitted('success')).toEqual([[USER, { flow: 'qr' }]])
    expect(exchange).toHaveBeenCalledOnce()
  })

  it('emits nothing for a session that was already open', async () => {
    const server = fakeServer()
    server.signedIn = true
    const { wrapper } = mountLogin()
    await flushPromises()
    expect(wrapper.emitted('success')).toBeUndefined()
    expect(wrapper.find('[role="status"]').text()).toBe('已登录')
  })
})

describe('WechatQrLogin (first render)', () => {
  const props = { appid: APPID, redirectUri: REDIRECT_URI, state: 'state-from-my-backend-0123', openBase: EMULATOR }
  const src = buildEmbedUrl({ ...props, selfRedirect: false, lang: 'cn' })

  it('renders the iframe in its first render when the state is a prop, without asking for one', () => {
    const server = fakeServer()
    // Vue re-renders asynchronously: what `mount()` returns is the first render.
    const { wrapper, store } = mountLogin(props)
    expect(wrapper.find('iframe').attributes('src')).toBe(src)
    expect(wrapper.find('.wechat-qr-login__frame--placeholder').exists()).toBe(false)
    expect(wrapper.find('[role="status"]').text()).toBe('')
    expect(store.status).toBe('awaiting-scan')
    expect(server.calls()).toEqual(['GET /auth/wechat/session'])
  })

  it('renders the iframe in its first render with a custom backend, which mints the state here', () => {
    const server = fakeServer()
    const { wrapper, store } = mountLogin({}, { appid: APPID, redirectUri: REDIRECT_URI, exchange: async () => USER })
    expect(wrapper.find('iframe').attributes('src')).toContain(`state=${store.ticket!.state}`)
    expect(server.fetch).not.toHaveBeenCalled()
  })

  it('starts the request for a state before its first render, and shows the placeholder meanwhile', () => {
    const server = fakeServer()
    const { wrapper } = mountLogin()
    expect(server.calls()).toEqual(['GET /auth/wechat/session', 'GET /auth/wechat/state?mode=embedded&self_redirect=false&return_to=%2F'])
    expect(wrapper.find('.wechat-qr-login__frame--placeholder').exists()).toBe(true)
  })

  it('hydrates the server-rendered placeholder as it is, then shows the iframe once mounted', async () => {
    fakeServer()
    const render = () => h(WechatQrLogin, props)
    const html = await renderToString(createSSRApp({ render }).use(createPinia()).use(createWechatLogin()))
    expect(html).toContain('wechat-qr-login__frame--placeholder')
    const container = document.createElement('div')
    container.innerHTML = html
    const warn = vi.spyOn(console, 'warn')
    const error = vi.spyOn(console, 'error')
    const pinia = createPinia()
    const app = createSSRApp({ render }).use(pinia).use(createWechatLogin())
    try {
      app.mount(container)
      trackStore(useWechatAuthStore(pinia))
      expect(warn).not.toHaveBeenCalled()
      expect(error).not.toHaveBeenCalled()
      await nextTick()
      expect(container.querySelector('iframe')?.getAttribute('src')).toBe(src)
    }
    finally {
      app.unmount()
    }
  })
})

describe('WechatQrLogin (invalid options)', () => {
  // Each value is checked once, where it is used: WeChat's URL by core's builders (once the state
  // is there), the mode and return path by the store before it asks for a state, the component's
  // own options before it starts.
  it.each([
    [{ appid: 'wx123' }, 'INVALID_APPID', '"appid"', 1],
    [{ redirectUri: '/relative' }, 'INVALID_REDIRECT_URI', '"redirectUri"', 1],
    [{ theme: 'red' }, 'INVALID_STYLE', '"style"', 1],
    [{ lang: 'fr' }, 'INVALID_LANG', '"lang"', 1],
    [{ href: 'http://example.com/qr.css' }, 'INVALID_HREF', '"href"', 1],
    [{ css: 'a{}', href: 'https://example.com/qr.css' }, 'INVALID_OPTION', '"css"', 1],
    [{ mode: 'popup' }, 'INVALID_OPTION', '"mode"', 0],
    [{ loader: 'script' }, 'INVALID_OPTION', '"loader"', 0],
    [{ qrLifetime: -1 }, 'INVALID_OPTION', '"qrLifetime"', 0],
    [{ loadTimeout: 0 }, 'INVALID_OPTION', '"loadTimeout"', 0],
    [{ returnTo: 'https://evil.example/' }, 'INVALID_RETURN_PATH', '"returnTo"', 0],
    [{ state: 'has#hash', appid: APPID, redirectUri: REDIRECT_URI }, 'INVALID_STATE', '"state"', 0],
  ])('warns, emits `error` and shows the error state for %o', async (props, code, named, stateRequests) => {
    const server = fakeServer()
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { wrapper } = mountLogin(props)
    await flushPromises()
    const [[error]] = wrapper.emitted('error') as [[WechatLoginError]]
    expect(error).toBeInstanceOf(WechatLoginError)
    expect(error.code).toBe(code)
    expect(wrapper.emitted('error')).toHaveLength(1)
    expect(warn.mock.calls.map(call => String(call[0])).join('\n')).toContain(`[wechat-qr-login] Invalid ${named}`)
    expect(wrapper.classes()).toContain('wechat-qr-login--error')
    expect(wrapper.find('iframe').exists()).toBe(false)
    expect(server.calls().filter(call => call.startsWith('GET /auth/wechat/state'))).toHaveLength(stateRequests)
  })

  it('keeps the code and option in production builds, with a short message', async () => {
    fakeServer()
    vi.stubEnv('NODE_ENV', 'production')
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { wrapper } = mountLogin({ theme: 'red' })
    await flushPromises()
    expect(wrapper.emitted('error')![0]![0]).toMatchObject({ code: 'INVALID_STYLE', option: 'style', message: '[wechat-qr-login] Invalid "style".' })
    expect(wrapper.find('[role="status"]').text()).toBe('登录失败，请重试。')
  })

  it('reports a prop that turns invalid after mount', async () => {
    fakeServer()
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { wrapper } = mountLogin()
    await flushPromises()
    // @ts-expect-error: an invalid theme on purpose
    await wrapper.setProps({ theme: 'red' })
    await flushPromises()
    expect(wrapper.emitted('error')![0]![0]).toMatchObject({ code: 'INVALID_STYLE', option: 'style' })
  })
})

describe('WechatQrLogin (new-window)', () => {
  function openSpy(popup: ReturnType<typeof fakePopup> | null) {
    return vi.spyOn(window, 'open').mockImplementation(() => popup as unknown as Window)
  }

  it('enables its button once the state is there, then opens a centred popup', async () => {
    const server = fakeServer()
    const popup = fakePopup()
    const open = openSpy(popup)
    const { wrapper } = mountLogin({ mode: 'new-window' })
    expect(wrapper.find('button').attributes('disabled')).toBeDefined()
    await flushPromises()
    const url = buildAuthorizeUrl({ appid: APPID, redirectUri: REDIRECT_URI, state: server.states[0]!, openBase: EMULATOR, lang: 'cn' })
    expect(wrapper.emitted('ready')).toEqual([[{ flow: 'qr', mode: 'new-window', state: server.states[0], url }]])

    await wrapper.find('button').trigger('click')
    expect(open).toHaveBeenCalledExactlyOnceWith(url, 'wechat-qr-login', expect.stringMatching(/^popup=yes,width=600,height=600,left=\d+,top=\d+$/))
    expect(wrapper.find('[role="status"]').text()).toBe('请在新窗口中用微信扫码登录')
    expect(wrapper.find('button').text()).toBe('重新打开登录窗口')

    await wrapper.find('button').trigger('click')
    expect(popup.focus).toHaveBeenCalledOnce()
    expect(open).toHaveBeenCalledOnce()
  })

  it('reports `cancel` when the user closes the popup', async () => {
    vi.useFakeTimers()
    fakeServer()
    const popup = fakePopup()
    openSpy(popup)
    const { wrapper, store } = mountLogin({ mode: 'new-window' })
    await flushPromises()
    await wrapper.find('button').trigger('click')
    popup.closed = true
    await vi.advanceTimersByTimeAsync(500)
    expect(wrapper.emitted('cancel')).toBeUndefined()
    await vi.advanceTimersByTimeAsync(1500)
    expect(wrapper.emitted('cancel')).toEqual([[]])
    expect(store.status).toBe('cancelled')
    expect(wrapper.find('[role="status"]').text()).toBe('已取消登录')
    expect(wrapper.find('button').text()).toBe('微信登录')
  })

  it('lets a result relayed as the popup closes win over the cancel', async () => {
    vi.useFakeTimers()
    const server = fakeServer()
    const popup = fakePopup()
    openSpy(popup)
    const { wrapper } = mountLogin({ mode: 'new-window' })
    await flushPromises()
    await wrapper.find('button').trigger('click')
    popup.closed = true
    await vi.advanceTimersByTimeAsync(600)
    postRelay(server.states[0]!, { type: 'code', code: 'POPUP-CODE' })
    await vi.advanceTimersByTimeAsync(2000)
    expect(wrapper.emitted('cancel')).toBeUndefined()
    expect(wrapper.emitted('success')).toEqual([[USER, { flow: 'qr' }]])
  })

  it('reopens the popup with the same state after a cancel', async () => {
    vi.useFakeTimers()
    const server = fakeServer()
    const popup = fakePopup()
    const open = openSpy(popup)
    const { wrapper } = mountLogin({ mode: 'new-window' })
    await flushPromises()
    await wrapper.find('button').trigger('click')
    popup.closed = true
    await vi.advanceTimersByTimeAsync(2000)
    popup.closed = false
    await wrapper.find('button').trigger('click')
    expect(open).toHaveBeenCalledTimes(2)
    expect(server.states).toHaveLength(1)
  })

  it('reports a blocked popup and offers the same login in this tab', async () => {
    const server = fakeServer()
    openSpy(null)
    const assign = vi.spyOn(location, 'assign').mockImplementation(() => {})
    const { wrapper } = mountLogin({ mode: 'new-window' })
    await flushPromises()
    await wrapper.find('button').trigger('click')
    expect(wrapper.emitted('error')![0]![0]).toMatchObject({ code: 'POPUP_BLOCKED' })
    expect(wrapper.find('[role="status"]').text()).toBe('登录窗口被浏览器拦截了。')

    await wrapper.find('button.wechat-qr-login__button--same-tab').trigger('click')
    await flushPromises()
    expect(server.calls()[2]).toBe('GET /auth/wechat/state?mode=redirect&return_to=%2F')
    expect(assign).toHaveBeenCalledExactlyOnceWith(buildAuthorizeUrl({ appid: APPID, redirectUri: REDIRECT_URI, state: server.states[1]!, openBase: EMULATOR, lang: 'cn' }))
  })

  it('retries a blocked popup from the retry button, synchronously', async () => {
    fakeServer()
    const popup = fakePopup()
    const open = openSpy(null)
    const { wrapper, store } = mountLogin({ mode: 'new-window' })
    await flushPromises()
    await wrapper.find('button').trigger('click')
    open.mockImplementation(() => popup as unknown as Window)
    await wrapper.find('button.wechat-qr-login__button--retry').trigger('click')
    expect(open).toHaveBeenCalledTimes(2)
    expect(store.status).toBe('awaiting-scan')
  })

  it('renews its state before the state expires while nobody clicks', async () => {
    vi.useFakeTimers()
    const server = fakeServer()
    mountLogin({ mode: 'new-window' })
    await flushPromises()
    await vi.advanceTimersByTimeAsync(600_000 - 30_000)
    await flushPromises()
    expect(server.states).toHaveLength(2)
  })

  it('does not renew in a loop a state that arrives about to expire (a clock ahead of the server\'s)', async () => {
    vi.useFakeTimers()
    const server = fakeServer({ 'GET /state': () => {
      server.states.push(`state-${server.states.length + 1}-${'x'.repeat(24)}`)
      return json({ state: server.states.at(-1), expiresAt: Date.now() + 10_000, appid: APPID, redirectUri: REDIRECT_URI, openBase: EMULATOR })
    } })
    const { wrapper } = mountLogin({ mode: 'new-window' })
    await flushPromises()
    await vi.advanceTimersByTimeAsync(1000)
    expect(server.states).toHaveLength(1)
    expect(wrapper.find('button').attributes('disabled')).toBeUndefined()
  })
})

describe('WechatQrLogin (redirect)', () => {
  it('sends the whole tab to WeChat with a return path', async () => {
    const server = fakeServer()
    history.replaceState(null, '', '/login?next=%2Fcart')
    const assign = vi.spyOn(location, 'assign').mockImplementation(() => {})
    const { wrapper } = mountLogin({ mode: 'redirect' })
    await flushPromises()
    expect(server.calls()).toEqual(['GET /auth/wechat/session', 'GET /auth/wechat/state?mode=redirect&return_to=%2Flogin%3Fnext%3D%252Fcart'])
    await wrapper.find('button').trigger('click')
    expect(assign).toHaveBeenCalledExactlyOnceWith(expect.stringMatching(/\/connect\/qrconnect\?appid=wx0123456789abcdef&.*#wechat_redirect$/))
  })

  it('returns to the page without its query when the whole address is too long to keep with the state', async () => {
    const server = fakeServer()
    history.replaceState(null, '', `/search?q=${'登'.repeat(100)}`)
    mountLogin({ mode: 'redirect' })
    await flushPromises()
    expect(server.calls()).toEqual(['GET /auth/wechat/session', 'GET /auth/wechat/state?mode=redirect&return_to=%2Fsearch'])
  })
})

describe('WechatQrLogin slots', () => {
  it('replaces each state\'s markup', async () => {
    vi.useFakeTimers()
    const server = fakeServer()
    const { wrapper } = mountLogin({ qrLifetime: 1 }, {}, {
      slots: {
        preparing: () => h('span', { class: 'my-preparing' }, 'wait'),
        expired: ({ refresh }: { refresh: () => void }) => h('a', { class: 'my-expired', onClick: refresh }, 'again'),
        authenticated: ({ user }: { user: typeof USER }) => h('span', { class: 'my-user' }, user.nickname),
      },
    })
    expect(wrapper.find('.my-preparing').exists()).toBe(true)
    await flushPromises()
    await vi.advanceTimersByTimeAsync(1000)
    await wrapper.find('.my-expired').trigger('click')
    await flushPromises()
    server.signedIn = true
    postRelay(server.states[1]!, { type: 'authenticated' })
    await flushPromises()
    expect(wrapper.find('.my-user').text()).toBe('Alice')
  })

  it('gives the error slot the error, retry and the same-tab fallback', async () => {
    fakeServer()
    vi.spyOn(window, 'open').mockImplementation(() => null)
    const errorSlot = vi.fn(() => h('p', 'custom error'))
    const { wrapper } = mountLogin({ mode: 'new-window' }, {}, { slots: { error: errorSlot } })
    await flushPromises()
    await wrapper.find('button').trigger('click')
    expect(wrapper.text()).toContain('custom error')
    expect(errorSlot).toHaveBeenLastCalledWith(expect.objectContaining({ error: expect.objectContaining({ code: 'POPUP_BLOCKED' }), retry: expect.any(Function), openInThisTab: expect.any(Function) }))
  })

  it('lets the button slot open the popup', async () => {
    fakeServer()
    const open = vi.spyOn(window, 'open').mockImplementation(() => fakePopup() as unknown as Window)
    const { wrapper } = mountLogin({ mode: 'new-window' }, {}, {
      slots: { button: ({ open: openPopup, disabled }: { open: () => void, disabled: boolean }) => h('a', { 'class': 'my-button', 'aria-disabled': disabled, 'onClick': openPopup }, 'WeChat') },
    })
    await flushPromises()
    await wrapper.find('.my-button').trigger('click')
    expect(open).toHaveBeenCalledOnce()
  })
})

describe('WechatQrLogin (official loader)', () => {
  afterEach(() => {
    wxLoginCalls.length = 0
    delete (window as Window & { WxLogin?: unknown }).WxLogin
  })

  it('loads wxLogin.js once for every QR of the page and calls WxLogin as WeChat documents', async () => {
    const server = fakeServer()
    const scripts = interceptScripts()
    const setAttribute = vi.spyOn(HTMLIFrameElement.prototype, 'setAttribute')
    const css = '.impowerBox .qrcode { width: 200px }'
    const first = mountLogin({ loader: 'official', css, theme: 'white', lang: 'en', fastLogin: false }, {}, { attachTo: document.body })
    const second = mountLogin({ loader: 'official', scriptUrl: `${EMULATOR}/connect/zh_CN/htmledition/js/wxLogin.js` }, {}, { attachTo: document.body })
    await flushPromises()
    await vi.waitFor(() => expect(wxLoginCalls).toHaveLength(2))
    expect(scripts.map(script => script.src)).toEqual([`${EMULATOR}/connect/zh_CN/htmledition/js/wxLogin.js`])
    expect(wxLoginCalls[0]).toEqual({
      id: `wechat-qr-login-${server.states[0]}`,
      appid: APPID,
      scope: 'snsapi_login',
      redirect_uri: encodeURIComponent(REDIRECT_URI),
      state: server.states[0],
      style: 'white',
      href: encodeURIComponent(cssToHref(css)),
      self_redirect: false,
      lang: 'en',
      fast_login: 0,
    })
    const iframe = first.wrapper.find('iframe')
    expect(iframe.attributes('allow')).toBe('local-network-access')
    // The script's iframe had no `allow`: it was added, and the frame loaded again to apply it.
    const srcSets = setAttribute.mock.calls.filter(([name]) => name === 'src').map(([, value]) => value)
    expect(srcSets).toHaveLength(4)
    expect(srcSets[1]).toBe(srcSets[0])
    await iframe.trigger('load')
    expect(first.wrapper.emitted('ready')).toHaveLength(1)
    expect(second.wrapper.find('iframe').exists()).toBe(true)
  })

  it('uses WeChat\'s script for WeChat\'s openBase and keeps the script\'s own allow attribute', async () => {
    fakeServer({ 'GET /state': () => json({ state: 'wechat-state-0123456789abcd', expiresAt: Date.now() + 600_000, appid: APPID, redirectUri: REDIRECT_URI, openBase: 'https://open.weixin.qq.com' }) })
    const scripts = interceptScripts(() => 'load', { withAllow: true })
    const setAttribute = vi.spyOn(HTMLIFrameElement.prototype, 'setAttribute')
    const { wrapper } = mountLogin({ loader: 'official', stylelite: true }, {}, { attachTo: document.body })
    await flushPromises()
    await vi.waitFor(() => expect(wxLoginCalls).toHaveLength(1))
    expect(scripts[0]!.src).toBe('https://res.wx.qq.com/connect/zh_CN/htmledition/js/wxLogin.js')
    expect(wxLoginCalls[0]).toMatchObject({ stylelite: 1 })
    expect(wxLoginCalls[0]).not.toHaveProperty('fast_login')
    expect(wrapper.find('iframe').attributes('allow')).toBe('local-network-access')
    expect(setAttribute.mock.calls.filter(([name]) => name === 'src')).toHaveLength(1)
  })

  it('renders again when an option changes WeChat\'s URL', async () => {
    fakeServer()
    interceptScripts()
    const { wrapper } = mountLogin({ loader: 'official', theme: 'black' }, {}, { attachTo: document.body })
    await flushPromises()
    await vi.waitFor(() => expect(wxLoginCalls).toHaveLength(1))
    await wrapper.setProps({ theme: 'white' })
    await vi.waitFor(() => expect(wxLoginCalls).toHaveLength(2))
    expect(wxLoginCalls[1]).toMatchObject({ style: 'white', state: wxLoginCalls[0]!.state })
    expect(wrapper.findAll('iframe')).toHaveLength(1)
  })

  it('shows SCRIPT_LOAD_FAILED with a retry that loads the script again', async () => {
    fakeServer()
    let attempt = 0
    const scripts = interceptScripts(() => ++attempt === 1 ? 'error' : 'load')
    const { wrapper } = mountLogin({ loader: 'official', scriptUrl: 'https://cdn.example.com/retry/wxLogin.js' }, {}, { attachTo: document.body })
    await flushPromises()
    await vi.waitFor(() => expect(wrapper.emitted('error')).toHaveLength(1))
    expect(wrapper.emitted('error')![0]![0]).toMatchObject({ code: 'SCRIPT_LOAD_FAILED' })
    expect(wrapper.find('[role="status"]').text()).toBe('无法加载微信登录组件。')

    await wrapper.find('button.wechat-qr-login__button--retry').trigger('click')
    await flushPromises()
    await vi.waitFor(() => expect(wxLoginCalls).toHaveLength(1))
    expect(scripts).toHaveLength(2)
  })

  it('times out a script that never loads', async () => {
    vi.useFakeTimers()
    fakeServer()
    interceptScripts(() => 'hang')
    const { wrapper } = mountLogin({ loader: 'official', scriptUrl: 'https://cdn.example.com/hang/wxLogin.js', loadTimeout: 5000 }, {}, { attachTo: document.body })
    await flushPromises()
    await vi.dynamicImportSettled()
    await vi.advanceTimersByTimeAsync(5000)
    expect(wrapper.emitted('error')![0]![0]).toMatchObject({ code: 'TIMEOUT' })
  })

  it('leaves the store alone when the script fails after the QR was unmounted', async () => {
    vi.useFakeTimers()
    fakeServer()
    interceptScripts(() => 'hang')
    const { wrapper, store } = mountLogin({ loader: 'official', scriptUrl: 'https://cdn.example.com/gone/wxLogin.js', loadTimeout: 5000 }, {}, { attachTo: document.body })
    await flushPromises()
    await vi.dynamicImportSettled()
    expect(store.status).toBe('awaiting-scan')
    wrapper.unmount()
    await vi.advanceTimersByTimeAsync(5000)
    expect(store.status).toBe('awaiting-scan')
    expect(store.error).toBeNull()
  })
})
