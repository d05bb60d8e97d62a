import type { Plugin } from 'vue'
import type { WechatLoginOptions } from './options'
import { WECHAT_LOGIN_OPTIONS } from './options'

/**
 * The app plugin: sets the defaults of every `<WechatQrLogin>`, `useWechatLogin()` and of the
 * auth store. Install Pinia first. With the server package mounted at `/auth/wechat`, no
 * option is needed.
 *
 * @example
 * app.use(createPinia()).use(createWechatLogin({ mode: 'embedded', selfRedirect: true }))
 * @example
 * // Your own backend: the state is minted and checked in the browser.
 * app.use(createWechatLogin({
 *   appid: 'wx0123456789abcdef',
 *   redirectUri: 'https://www.example.com/login/callback',
 *   exchange: (code, state) => api.post('/wechat-login', { code, state }),
 * }))
 */
export function createWechatLogin(options: WechatLoginOptions = {}): Plugin {
  return {
    install(app) {
      app.provide(WECHAT_LOGIN_OPTIONS, options)
    },
  }
}
