import { createWechatLogin } from '@wechat-qr-login/vue'
import { createPinia } from 'pinia'
import { createSSRApp } from 'vue'
import { renderToString } from 'vue/server-renderer'
import App from '@/App.vue'

/** One app, one Pinia per request: a store must never be shared between two users. */
export async function render(): Promise<{ html: string, state: string }> {
  const pinia = createPinia()
  const app = createSSRApp(App).use(pinia).use(createWechatLogin())
  const html = await renderToString(app)
  // Hydrate the client's Pinia with it (serialize it safely, e.g. with devalue).
  return { html, state: JSON.stringify(pinia.state.value) }
}
