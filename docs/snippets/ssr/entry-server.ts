import type { WechatKnownSession } from '@wechat-qr-login/vue'
import { createWechatLogin, useWechatAuthStore } from '@wechat-qr-login/vue'
import { createPinia } from 'pinia'
import { createSSRApp } from 'vue'
import { renderToString } from 'vue/server-renderer'
import App from '@/App.vue'

/**
 * One app, one Pinia per request: a store must never be shared between two users. `session` is
 * what your server read for this request (the server package's `auth.getSession(request)`).
 */
export async function render(session?: WechatKnownSession): Promise<{ html: string, state: string }> {
  const pinia = createPinia()
  const app = createSSRApp(App).use(pinia).use(createWechatLogin())
  // The first HTML knows the user, and the browser's restore() asks nothing again.
  if (session)
    await app.runWithContext(() => useWechatAuthStore(pinia).restore(session))
  const html = await renderToString(app)
  // Hydrate the client's Pinia with it (serialize it safely, e.g. with devalue).
  return { html, state: JSON.stringify(pinia.state.value) }
}
