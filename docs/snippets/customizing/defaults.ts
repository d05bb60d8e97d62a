import { createWechatLogin } from '@wechat-qr-login/vue'

// App-wide defaults; a prop on one <WechatQrLogin> still wins.
export const wechatLogin = createWechatLogin({
  lang: 'en',
  theme: 'white', // light text, for a dark page
  css: '.impowerBox .title { display: none; }',
  fastLogin: false, // no "log in with WeChat for desktop" prompt
  qrLifetime: 240, // offer a fresh QR after four minutes
})
