import { createWechatLogin, useWechatAuthStore, WechatLoginCallback, WechatQrLogin } from '@wechat-qr-login/vue'
import { createPinia } from 'pinia'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createSSRApp, h } from 'vue'
import { renderToString } from 'vue/server-renderer'

/** guide/ssr: what the components render on the server, where there is no window. */
describe('server-side rendering', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  async function render(component: typeof WechatQrLogin | typeof WechatLoginCallback, props: Record<string, unknown> = {}): Promise<string> {
    expect(typeof window).toBe('undefined')
    const app = createSSRApp({ render: () => h(component, props) }).use(createPinia()).use(createWechatLogin({ mode: 'new-window' }))
    return renderToString(app)
  }

  it('<WechatQrLogin> renders its preparing state: no iframe, no request', async () => {
    const fetch = vi.fn()
    vi.stubGlobal('fetch', fetch)
    const html = await render(WechatQrLogin, { mode: 'embedded', lang: 'en' })
    expect(html).toContain('wechat-qr-login--preparing')
    expect(html).toContain('Loading the QR code…')
    expect(html).toContain('wechat-qr-login__frame--placeholder')
    expect(html).not.toContain('<iframe')
    expect(fetch).not.toHaveBeenCalled()
  })

  it('<WechatQrLogin> in a window mode renders its button, disabled until the client has a state', async () => {
    const html = await render(WechatQrLogin, { lang: 'en' })
    expect(html).toMatch(/<button[^>]*disabled[^>]*>Log in with WeChat<\/button>/)
  })

  it('<WechatLoginCallback> renders "signing in" and waits for the client', async () => {
    expect(await render(WechatLoginCallback, { lang: 'en' })).toContain('Signing you in…')
  })

  it('restore() does nothing on the server: the session cookie belongs to the browser', async () => {
    const app = createSSRApp({ render: () => null }).use(createPinia())
    const user = await app.runWithContext(() => useWechatAuthStore().restore())
    expect(user).toBeNull()
  })

  it('restore(session) takes the session the server read: the first HTML knows the user, and so does the hydrated store', async () => {
    const user = { id: 'unionid:u-1', openid: 'o-1', nickname: '张伟', avatar: '' }
    const pinia = createPinia()
    const app = createSSRApp({ render: () => h('p', useWechatAuthStore().user?.nickname) }).use(pinia).use(createWechatLogin())
    expect(await app.runWithContext(() => useWechatAuthStore(pinia).restore({ authenticated: true, user, expiresAt: 1_900_000_000_000 }))).toEqual(user)
    expect(await renderToString(app)).toBe('<p>张伟</p>')
    expect(pinia.state.value['wechat-qr-login:auth']).toMatchObject({ user, restored: true, status: 'authenticated' })
  })
})
