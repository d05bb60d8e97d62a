import { createWechatLogin } from '@wechat-qr-login/vue'
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from '@/App.vue'

async function postJson(url: string, body?: unknown): Promise<Response> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  })
  if (!response.ok)
    throw new Error(`${url} answered ${response.status}`)
  return response
}

createApp(App)
  .use(createPinia())
  .use(createWechatLogin({
    // With your own backend the browser needs what the server package would have sent.
    appid: 'wx0123456789abcdef',
    // A front-end route that renders <WechatLoginCallback> (see LoginCallback.vue).
    redirectUri: 'https://www.example.com/login/callback',
    // Inside WeChat, where the QR cannot be scanned: your Official Account's AppID (optional).
    officialAccountAppid: 'wx00112233445566bb',
    // The state is minted and checked in this tab; your backend exchanges the code once, with
    // the AppSecret of the login that ran: `flow` is 'qr' (website app) or 'oa' (Official Account).
    exchange: async (code, state, { flow }) => (await postJson('/api/wechat/login', { code, state, flow })).json(),
    // Optional: restore() on page load, and logout().
    session: async () => {
      const response = await fetch('/api/me')
      return response.ok ? response.json() : null
    },
    logout: async () => {
      await postJson('/api/logout')
    },
  }))
  .mount('#app')
