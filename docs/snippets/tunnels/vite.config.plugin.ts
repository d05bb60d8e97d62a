import vue from '@vitejs/plugin-vue'
import wechatQrLogin from '@wechat-qr-login/vite-plugin'
import { defineConfig } from 'vite'

export default defineConfig({
  plugins: [
    vue(),
    wechatQrLogin({
      // Exact hostnames (or URLs) only. A developer's own tunnel can go in .env.local instead:
      // WECHAT_TUNNEL_URL=https://abc.natapp4.cc
      tunnel: 'https://abc.natapp4.cc',
      // For the start-up checks: what you registered, and what your app sends to WeChat.
      callbackDomain: 'abc.natapp4.cc',
      redirectUri: 'https://abc.natapp4.cc/auth/wechat/callback',
    }),
  ],
})
