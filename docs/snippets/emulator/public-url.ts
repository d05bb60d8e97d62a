import { createWechatEmulator } from '@wechat-qr-login/emulator'

// Behind natapp's free tunnels, whose host changes on every start: a phone reaches the emulator
// through the host the app was opened on, where a proxy forwards `/__wechat-emulator/*` to it.
export const emulator = createWechatEmulator({
  apps: [{ appid: 'wx00112233445566aa', secret: 'not-a-real-secret-only-for-the-emulator', callbackDomain: ['localhost', 'natappfree.cc'] }],
  allowSubdomains: true, // every host under natappfree.cc is a callback domain
  publicUrl: ({ redirectUri }) => redirectUri.hostname.endsWith('.natappfree.cc')
    ? `${redirectUri.origin}/__wechat-emulator`
    : undefined, // elsewhere (localhost): the emulator's own URL
})
