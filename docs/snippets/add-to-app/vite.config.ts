import vue from '@vitejs/plugin-vue'
import wechatQrLogin from '@wechat-qr-login/vite-plugin'
import { defineConfig } from 'vite'

export default defineConfig({
  plugins: [
    vue(),
    // In `vite dev`: a local WeChat emulator and the /auth/wechat routes, so the login works
    // offline; tunnel hosts; and a build that fails if the AppSecret could reach the bundle.
    wechatQrLogin(),
  ],
})
