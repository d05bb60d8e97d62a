import { createWechatLogin } from '@wechat-qr-login/vue'
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import router from './router'

createApp(App)
  .use(createPinia()) // first: the login's options reach its store through the app
  .use(createWechatLogin()) // with the server package at /auth/wechat, no option is needed
  .use(router)
  .mount('#app')
