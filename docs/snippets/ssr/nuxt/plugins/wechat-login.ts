// plugins/wechat-login.ts (Pinia comes from the @pinia/nuxt module)
import { createWechatLogin } from '@wechat-qr-login/vue'

export default defineNuxtPlugin((nuxtApp) => {
  nuxtApp.vueApp.use(createWechatLogin({ mode: 'embedded', selfRedirect: true }))
})
