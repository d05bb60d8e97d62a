// plugins/wechat-login.ts (Pinia comes from the @pinia/nuxt module)
import { createWechatLogin } from '@wechat-qr-login/vue'

export default defineNuxtPlugin((nuxtApp) => {
  // The request's user agent on the server (undefined in the browser, which reads its own).
  nuxtApp.vueApp.use(createWechatLogin({ mode: 'embedded', selfRedirect: true, userAgent: useRequestHeader('user-agent') }))
})
