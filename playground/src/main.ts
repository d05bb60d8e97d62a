import { createWechatLogin } from '@wechat-qr-login/vue'
import { createPinia } from 'pinia'
import wechat from 'virtual:wechat-qr-login'
import { createApp } from 'vue'
import App from './App.vue'
import './styles.css'

createApp(App)
  .use(createPinia())
  .use(createWechatLogin({ authBase: wechat.authBase }))
  .mount('#app')
