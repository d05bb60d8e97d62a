import type { WechatEnvironment } from '@wechat-qr-login/core'
import type { WechatUserAgentName } from '@wechat-qr-login/emulator'
import type { MockInstance } from 'vitest'
import type { WechatLoginOptions } from './options'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { buildOfficialAccountAuthorizeUrl, LOGIN_ERROR_PARAM } from '@wechat-qr-login/core'
import { WECHAT_USER_AGENTS } from '@wechat-qr-login/emulator'
import { EMULATOR, fakeServer, json, OA_APPID, plugins, REDIRECT_URI, resetTestState, setupStore, trackStore, USER } from '@wechat-qr-login/test-utils/vue'
import { createPinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createSSRApp, h } from 'vue'
import { renderToString } from 'vue/server-renderer'
import { createWechatLogin } from './plugin'
import { useWechatAuthStore } from './store'
import { WechatQrLogin } from './wechat-qr-login'

afterEach(resetTestState)
enableAutoUnmount(afterEach)

let assign: MockInstance<(url: string | URL) => void>
beforeEach(() => {
  assign = vi.spyOn(location, 'assign').mockImplementation(() => {})
})

/** The browser of a user agent of the emulator's fixtures. */
function openedIn(name: WechatUserAgentName): void {
  vi.spyOn(navigator, 'userAgent', 'get').mockReturnValue(WECHAT_USER_AGENTS[name])
}

function mountLogin(props: Record<string, unknown> = {}, options: WechatLoginOptions = {}, extra: Parameters<typeof mount>[1] = {}) {
  const { plugins: installed, pinia } = plugins(options)
  const wrapper = mount(WechatQrLogin, { props, global: { plugins: installed }, ...extra })
  const store = trackStore(useWechatAuthStore(pinia))
  return { wrapper, store }
}

/** Lets the promises settle and a module loaded on demand (the panels) arrive and render. */
async function settle(): Promise<void> {
  await flushPromises()
  await vi.dynamicImportSettled()
  await flushPromises()
}

/** What the component offers in each place of the emulator's fixtures. */
const PATHS: Record<WechatUserAgentName, 'qr' | 'official-account' | WechatEnvironment> = {
  chromeWindows: 'qr',
  safariMac: 'qr',
  wechatIos: 'official-account',
  wechatAndroid: 'official-account',
  wechatWindows: 'official-account',
  wechatMac: 'official-account',
  wechatMacUnified: 'official-account',
  wechatDevtools: 'official-account',
  miniProgramAndroid: 'official-account',
  miniProgramWindows: 'official-account',
  wecomIos: 'wecom',
  wecomWindows: 'wecom',
  safariIos: 'mobile-browser',
  chromeAndroid: 'mobile-browser',
}

describe('WechatQrLogin wherever the page is opened', () => {
  it.each(Object.entries(PATHS))('offers %s its path: %s', async (name, path) => {
    const server = fakeServer()
    openedIn(name as WechatUserAgentName)
    const { wrapper, store } = mountLogin()
    await settle()
    const state = server.calls().filter(call => call.startsWith('GET /auth/wechat/state'))
    if (path === 'qr') {
      expect(state).toEqual(['GET /auth/wechat/state?mode=embedded&self_redirect=false&return_to=%2F'])
      expect(wrapper.find('iframe').exists()).toBe(true)
    }
    else if (path === 'official-account') {
      expect(state).toEqual(['GET /auth/wechat/state?flow=oa&scope=snsapi_userinfo&return_to=%2F'])
      expect(wrapper.classes()).toContain('wechat-qr-login--official-account')
      expect(wrapper.find('button.wechat-qr-login__button--open').attributes('disabled')).toBeUndefined()
      expect(store.ticket).toMatchObject({ flow: 'oa', scope: 'snsapi_userinfo', appid: OA_APPID, mode: 'redirect' })
    }
    else {
      // No state: there is no login to prepare here.
      expect(state).toEqual([])
      expect(wrapper.find(`.wechat-qr-login__unavailable--${path}`).exists()).toBe(true)
      expect(wrapper.classes()).toContain('wechat-qr-login--unavailable')
    }
    // No phone is shown the computer's QR, and nothing leaves the page without a tap.
    if (path !== 'qr')
      expect(wrapper.find('iframe').exists()).toBe(false)
    expect(assign).not.toHaveBeenCalled()
    expect(wrapper.attributes('data-environment')).toBe(store.environment)
  })

  it('starts the Official Account\'s login only from the tap, with the profile scope and the way back', async () => {
    const server = fakeServer()
    openedIn('wechatIos')
    history.replaceState(null, '', '/article/42?from=timeline')
    const { wrapper } = mountLogin()
    await settle()
    expect(assign).not.toHaveBeenCalled()
    expect(server.calls()).toContain('GET /auth/wechat/state?flow=oa&scope=snsapi_userinfo&return_to=%2Farticle%2F42%3Ffrom%3Dtimeline')
    expect(wrapper.emitted('ready')).toEqual([[{ flow: 'oa', mode: 'redirect', state: server.states[0], url: expect.any(String) }]])

    await wrapper.find('button.wechat-qr-login__button--open').trigger('click')
    expect(assign).toHaveBeenCalledExactlyOnceWith(buildOfficialAccountAuthorizeUrl({ appid: OA_APPID, redirectUri: REDIRECT_URI, scope: 'snsapi_userinfo', state: server.states[0]!, openBase: EMULATOR }))
  })

  it('never opens snsapi_userinfo by itself, however long the page stays open', async () => {
    vi.useFakeTimers()
    fakeServer()
    openedIn('wechatAndroid')
    const { wrapper } = mountLogin()
    await flushPromises()
    // Past several renewals of the state.
    await vi.advanceTimersByTimeAsync(60 * 60_000)
    expect(assign).not.toHaveBeenCalled()
    expect(wrapper.find('button.wechat-qr-login__button--open').exists()).toBe(true)
  })

  it('logs in silently with snsapi_base as the page opens, only when asked to', async () => {
    const server = fakeServer()
    openedIn('wechatIos')
    mountLogin({ silent: true })
    await settle()
    expect(server.calls()).toContain('GET /auth/wechat/state?flow=oa&scope=snsapi_base&return_to=%2F')
    expect(assign).toHaveBeenCalledExactlyOnceWith(expect.stringMatching(/\/connect\/oauth2\/authorize\?appid=wxfeedface0ff1c1a1&.*&scope=snsapi_base&/))
  })

  it('lets the button slot start the login inside WeChat, and says which login it is', async () => {
    fakeServer()
    openedIn('wechatIos')
    const { wrapper } = mountLogin({}, {}, {
      slots: { button: ({ open, flow, disabled }: { open: () => void, flow: string, disabled: boolean }) => h('a', { 'class': 'mine', 'onClick': open, 'data-flow': flow, 'data-disabled': String(disabled) }, '一键登录') },
    })
    await settle()
    expect(wrapper.find('a.mine').attributes()).toMatchObject({ 'data-flow': 'oa', 'data-disabled': 'false' })
    await wrapper.find('a.mine').trigger('click')
    expect(assign).toHaveBeenCalledOnce()
  })

  it('says plainly when the site has no Official Account, and builds no authorize URL', async () => {
    fakeServer({ 'GET /state': () => json({ error: { code: 'OFFICIAL_ACCOUNT_NOT_CONFIGURED', message: '[wechat-qr-login] No Official Account.' } }, 400) })
    openedIn('wechatIos')
    const { wrapper } = mountLogin({ lang: 'en' })
    await settle()
    const panel = wrapper.find('.wechat-qr-login__unavailable--not-configured')
    expect(panel.text()).toContain('This site has no login inside WeChat yet')
    expect(panel.text()).toContain('Open this page in a computer\'s browser and scan the QR code with WeChat. The site\'s owner must set up a WeChat Official Account (服务号) for it.')
    expect(wrapper.find('button.wechat-qr-login__button--open').exists()).toBe(false)
    expect(wrapper.find('button.wechat-qr-login__button--retry').exists()).toBe(false)
    expect(wrapper.emitted('error')).toEqual([[expect.objectContaining({ code: 'OFFICIAL_ACCOUNT_NOT_CONFIGURED' })]])
    expect(wrapper.html()).not.toContain('oauth2/authorize')
    expect(assign).not.toHaveBeenCalled()
  })

  it('shows the QR in desktop WeChat when the site has no Official Account, without an error', async () => {
    const server = fakeServer({
      'GET /state': (request) => {
        if (new URL(request.url).searchParams.get('flow') === 'oa')
          return json({ error: { code: 'OFFICIAL_ACCOUNT_NOT_CONFIGURED', message: 'No Official Account.' } }, 400)
        server.states.push('desktopWechatState0123456789')
        return json({ state: 'desktopWechatState0123456789', expiresAt: Date.now() + 600_000, expiresIn: 600_000, appid: 'wx0123456789abcdef', redirectUri: REDIRECT_URI, openBase: EMULATOR })
      },
    })
    openedIn('wechatWindows')
    const { wrapper, store } = mountLogin()
    await settle()
    expect(wrapper.find('iframe').attributes('src')).toContain('state=desktopWechatState0123456789')
    expect(store.flow).toBe('qr')
    expect(wrapper.emitted('error')).toBeUndefined()
  })

  it('tells a phone\'s browser where WeChat login works, with a link to copy and the app\'s other ways in', async () => {
    fakeServer()
    openedIn('safariIos')
    const writeText = vi.fn(async () => {})
    vi.spyOn(navigator, 'clipboard', 'get').mockReturnValue({ writeText } as unknown as Clipboard)
    history.replaceState(null, '', '/shop?item=7')
    const { wrapper } = mountLogin({}, {}, { slots: { alternatives: ({ reason }: { reason: string }) => h('a', { 'class': 'sms', 'data-reason': reason }, '短信登录') } })
    await settle()
    const panel = wrapper.find('.wechat-qr-login__unavailable--mobile-browser')
    expect(panel.text()).toContain('请在微信中打开')
    expect(panel.text()).toContain('微信登录只能在微信中或电脑上使用')
    expect(wrapper.find('a.sms').attributes('data-reason')).toBe('mobile-browser')
    await wrapper.find('button.wechat-qr-login__button--copy').trigger('click')
    await settle()
    expect(writeText).toHaveBeenCalledExactlyOnceWith('http://localhost:3000/shop?item=7')
    expect(wrapper.find('button.wechat-qr-login__button--copy').text()).toBe('链接已复制')
  })

  it('shows the link to copy by hand where the page may not write the clipboard (WeCom)', async () => {
    fakeServer()
    openedIn('wecomIos')
    vi.spyOn(navigator, 'clipboard', 'get').mockReturnValue(undefined as unknown as Clipboard)
    const { wrapper } = mountLogin({ lang: 'en' })
    await settle()
    expect(wrapper.find('.wechat-qr-login__unavailable--wecom').text()).toContain('WeChat login does not work in WeCom')
    await wrapper.find('button.wechat-qr-login__button--copy').trigger('click')
    await settle()
    expect(wrapper.text()).toContain('Press and hold to copy the link:')
    expect((wrapper.find('input.wechat-qr-login__link').element as HTMLInputElement).value).toBe(location.href)
  })

  it('offers the QR to screenshot in a phone\'s browser when asked to, embedded whatever the mode', async () => {
    const server = fakeServer()
    openedIn('chromeAndroid')
    const { wrapper } = mountLogin({ screenshotQr: true, mode: 'new-window', lang: 'en' })
    await settle()
    expect(server.calls()).toContain('GET /auth/wechat/state?mode=embedded&self_redirect=false&return_to=%2F')
    expect(wrapper.find('.wechat-qr-login__unavailable--mobile-browser').exists()).toBe(true)
    expect(wrapper.find('iframe').exists()).toBe(true)
    expect(wrapper.find('.wechat-qr-login__hint').text()).toBe('Or take a screenshot of the QR code and open it in WeChat: Scan, then Album.')
  })

  it('lets the unavailable slot replace the panel', async () => {
    fakeServer()
    openedIn('wecomWindows')
    const { wrapper } = mountLogin({}, {}, { slots: { unavailable: ({ reason }: { reason: string }) => h('p', { class: 'mine' }, reason) } })
    await settle()
    expect(wrapper.find('p.mine').text()).toBe('wecom')
    expect(wrapper.find('.wechat-qr-login__unavailable').exists()).toBe(false)
  })

  it('shows a signed-in user, not the panel, wherever the page is opened', async () => {
    const server = fakeServer()
    server.signedIn = true
    openedIn('wecomIos')
    const { wrapper } = mountLogin()
    await settle()
    expect(wrapper.find('.wechat-qr-login__unavailable').exists()).toBe(false)
    expect(wrapper.find('[role="status"]').text()).toBe('已登录')
  })

  it('takes the environment prop over the user agent: the in-WeChat path at a desktop', async () => {
    const server = fakeServer()
    openedIn('chromeWindows')
    const { wrapper } = mountLogin({ environment: 'wechat-mobile' })
    await settle()
    expect(server.calls()).toContain('GET /auth/wechat/state?flow=oa&scope=snsapi_userinfo&return_to=%2F')
    expect(wrapper.attributes('data-environment')).toBe('wechat-mobile')
    await wrapper.setProps({ environment: 'desktop-browser' })
    await settle()
    expect(wrapper.find('iframe').exists()).toBe(true)
  })

  it('takes createWechatLogin({ environment }) for every component and the store', async () => {
    fakeServer()
    const { wrapper, store } = mountLogin({}, { environment: 'wecom' })
    await settle()
    expect(store.environment).toBe('wecom')
    expect(wrapper.find('.wechat-qr-login__unavailable--wecom').exists()).toBe(true)
  })

  it('refuses an environment that is none', async () => {
    fakeServer()
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { wrapper } = mountLogin({ environment: 'wechat' })
    await settle()
    expect(wrapper.emitted('error')).toEqual([[expect.objectContaining({ code: 'INVALID_OPTION', option: 'environment' })]])
  })
})

describe('WechatQrLogin back from the Official Account\'s login', () => {
  it('emits `success` with the flow once the session is confirmed, as a QR login does', async () => {
    const server = fakeServer()
    openedIn('wechatIos')
    const { store: before } = setupStore()
    await before.start({ flow: 'oa', returnTo: '/article/42' })
    await Promise.resolve()
    server.signedIn = true
    const { wrapper, store } = mountLogin()
    await settle()
    expect(wrapper.emitted('success')).toEqual([[USER, { flow: 'oa' }]])
    expect(store).toMatchObject({ status: 'authenticated', flow: 'oa', user: USER })
  })

  it.each([
    ['cn', '请先点击右下角「使用完整服务」，再登录。'],
    ['en', 'Tap “使用完整服务” (full service) at the bottom right first, then log in.'],
  ] as const)('tells a user of WeChat\'s snapshot page what to do (%s)', async (lang, text) => {
    fakeServer()
    openedIn('wechatIos')
    const { store: before } = setupStore()
    await before.start({ flow: 'oa' })
    await Promise.resolve()
    history.replaceState(null, '', `/?${LOGIN_ERROR_PARAM}=SNAPSHOT_USER`)
    const { wrapper, store } = mountLogin({ lang })
    await settle()
    expect(store.error?.code).toBe('SNAPSHOT_USER')
    expect(store.flow).toBe('oa')
    expect(wrapper.find('[role="status"]').text()).toBe(text)
    expect(assign).not.toHaveBeenCalled()
  })
})

describe('WechatQrLogin hydrating a server render', () => {
  /** Renders the page on the "server" with `options`, then hydrates it here, as an SSR app does. */
  async function hydrate(options: WechatLoginOptions, transferState: boolean) {
    const render = () => h(WechatQrLogin, { lang: 'en' })
    const serverPinia = createPinia()
    const html = await renderToString(createSSRApp({ render }).use(serverPinia).use(createWechatLogin(options)))
    const container = document.createElement('div')
    container.innerHTML = html
    const warn = vi.spyOn(console, 'warn')
    const error = vi.spyOn(console, 'error')
    const pinia = createPinia()
    if (transferState)
      pinia.state.value = JSON.parse(JSON.stringify(serverPinia.state.value))
    const app = createSSRApp({ render }).use(pinia).use(createWechatLogin())
    app.mount(container)
    trackStore(useWechatAuthStore(pinia))
    return { html, container, warnings: () => [...warn.mock.calls, ...error.mock.calls], unmount: () => app.unmount() }
  }

  it('hydrates the in-WeChat button the server rendered from the request\'s user agent, with no mismatch', async () => {
    fakeServer()
    openedIn('wechatIos')
    const { html, container, warnings, unmount } = await hydrate({ userAgent: WECHAT_USER_AGENTS.wechatIos }, true)
    try {
      expect(html).toContain('wechat-qr-login--official-account')
      expect(warnings()).toEqual([])
      await settle()
      expect(container.querySelector('button.wechat-qr-login__button--open')?.hasAttribute('disabled')).toBe(false)
      expect(container.querySelector('iframe')).toBeNull()
    }
    finally {
      unmount()
    }
  })

  it('hydrates the panel the server rendered, loaded on demand, with no mismatch', async () => {
    fakeServer()
    openedIn('wecomIos')
    vi.spyOn(navigator, 'clipboard', 'get').mockReturnValue(undefined as unknown as Clipboard)
    const { html, container, warnings, unmount } = await hydrate({ userAgent: WECHAT_USER_AGENTS.wecomIos }, true)
    try {
      expect(html).toContain('wechat-qr-login__unavailable--wecom')
      const panel = container.querySelector('.wechat-qr-login__unavailable')
      await settle()
      // The server's element, taken over once the panel's module arrived: its button now works.
      expect(container.querySelector('.wechat-qr-login__unavailable')).toBe(panel)
      container.querySelector<HTMLButtonElement>('button.wechat-qr-login__button--copy')!.click()
      await settle()
      expect(container.querySelector<HTMLInputElement>('input.wechat-qr-login__link')?.value).toBe(location.href)
      expect(warnings()).toEqual([])
    }
    finally {
      unmount()
    }
  })

  it('decides in the browser when the server did not know the user agent, with no mismatch', async () => {
    fakeServer()
    openedIn('wechatAndroid')
    const { html, container, warnings, unmount } = await hydrate({}, true)
    try {
      expect(html).toContain('wechat-qr-login__frame--placeholder')
      expect(warnings()).toEqual([])
      await settle()
      expect(container.querySelector('.wechat-qr-login')?.getAttribute('data-environment')).toBe('wechat-mobile')
      expect(container.querySelector('button.wechat-qr-login__button--open')?.hasAttribute('disabled')).toBe(false)
      expect(container.querySelector('iframe')).toBeNull()
    }
    finally {
      unmount()
    }
  })
})
