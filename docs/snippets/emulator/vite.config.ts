import vue from '@vitejs/plugin-vue'
import { DEMO_USERS } from '@wechat-qr-login/emulator'
import wechatQrLogin from '@wechat-qr-login/vite-plugin'
import { defineConfig } from 'vite'

export default defineConfig({
  plugins: [
    vue(),
    wechatQrLogin({
      dev: {
        // The emulator that `vite dev` starts while WECHAT_APPID and WECHAT_APPSECRET are unset.
        emulator: {
          users: [...DEMO_USERS, { id: 'tester', nickname: '测试用户', avatar: '' }],
          qrLifetime: 60, // see the expired state without waiting five minutes
          latency: 300, // every answer 300 ms late, like a real network
          lan: true, // a phone on the same Wi-Fi can open the phone page
        },
      },
    }),
  ],
})
