import type { WechatLoginOptions } from './index'
import { WECHAT_USER_AGENTS } from '@wechat-qr-login/emulator'
import { createPinia } from 'pinia'
import { describe, expect, it, vi } from 'vitest'
import { createSSRApp, h } from 'vue'
import { renderToString } from 'vue/server-renderer'
import { createWechatLogin, useWechatAuthStore, WechatLoginCallback, WechatQrLogin } from './index'

function render(component: Parameters<typeof h>[0], props: Record<string, unknown> = {}, options: WechatLoginOptions = {}): Promise<string> {
  const app = createSSRApp({ render: () => h(component as never, props) })
  app.use(createPinia()).use(createWechatLogin(options))
  return renderToString(app)
}

describe('server-side rendering', () => {
  it('runs where there is no window or document', () => {
    expect(typeof window).toBe('undefined')
    expect(typeof document).toBe('undefined')
  })

  it('renders the embedded QR\'s preparing state and placeholder, and fetches nothing', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch')
    const html = await render(WechatQrLogin, { width: 280 })
    expect(html).toContain('class="wechat-qr-login wechat-qr-login--embedded wechat-qr-login--preparing"')
    expect(html).toContain('data-status="idle"')
    expect(html).toContain('<p class="wechat-qr-login__status" role="status" aria-live="polite">正在加载二维码…</p>')
    expect(html).toContain('<div class="wechat-qr-login__frame wechat-qr-login__frame--placeholder" style="width:280px;height:400px;">')
    expect(html).not.toContain('<iframe')
    expect(fetch).not.toHaveBeenCalled()
  })

  it('renders the window modes\' button disabled until the client has a state', async () => {
    const html = await render(WechatQrLogin, { mode: 'new-window', lang: 'en' })
    expect(html).toContain('<button type="button" class="wechat-qr-login__button wechat-qr-login__button--open" disabled>Log in with WeChat</button>')
  })

  it('renders the login button inside WeChat, from the request\'s user agent, and fetches nothing', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch')
    const html = await render(WechatQrLogin, { lang: 'en' }, { userAgent: WECHAT_USER_AGENTS.wechatIos })
    expect(html).toBe('<div class="wechat-qr-login wechat-qr-login--official-account wechat-qr-login--preparing" data-status="idle" data-environment="wechat-mobile"><p class="wechat-qr-login__status" role="status" aria-live="polite"></p><!----><button type="button" class="wechat-qr-login__button wechat-qr-login__button--open" disabled>Log in with WeChat</button><!----><!----></div>')
    expect(fetch).not.toHaveBeenCalled()
  })

  it.each([
    ['wecomIos', 'wecom', '企业微信中无法使用微信登录'],
    ['chromeAndroid', 'mobile-browser', '请在微信中打开'],
  ] as const)('renders the panel of %s on the server', async (name, reason, title) => {
    const html = await render(WechatQrLogin, {}, { userAgent: WECHAT_USER_AGENTS[name] })
    expect(html).toContain(`<div class="wechat-qr-login__unavailable wechat-qr-login__unavailable--${reason}"><p class="wechat-qr-login__title">${title}</p>`)
    expect(html).toContain('wechat-qr-login--unavailable')
    expect(html).not.toContain('wechat-qr-login__frame')
  })

  it('renders the computer\'s QR placeholder when the request\'s user agent is not known', async () => {
    const html = await render(WechatQrLogin)
    expect(html).toContain('wechat-qr-login__frame--placeholder')
    expect(html).not.toContain('data-environment')
  })

  it('puts the environment in the store\'s state, which hydrates the browser\'s', async () => {
    const pinia = createPinia()
    const app = createSSRApp({ render: () => h(WechatQrLogin) }).use(pinia).use(createWechatLogin({ userAgent: WECHAT_USER_AGENTS.wechatAndroid }))
    await renderToString(app)
    expect(pinia.state.value['wechat-qr-login:auth']).toMatchObject({ environment: 'wechat-mobile', status: 'idle' })
  })

  it('renders the callback page\'s working state', async () => {
    const html = await render(WechatLoginCallback)
    expect(html).toBe('<div class="wechat-login-callback wechat-login-callback--working" role="status" aria-live="polite">正在登录…</div>')
  })

  it('lets the store restore nothing on the server', async () => {
    const app = createSSRApp({ render: () => null })
    const pinia = createPinia()
    app.use(pinia).use(createWechatLogin())
    const store = app.runWithContext(() => useWechatAuthStore(pinia))
    expect(await store.restore()).toBeNull()
    expect(store.status).toBe('idle')
  })
})
