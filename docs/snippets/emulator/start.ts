import type { EmulatorServer } from '@wechat-qr-login/emulator'
import { createWechatEmulator, DEMO_USERS } from '@wechat-qr-login/emulator'

export const emulator = createWechatEmulator({
  // Your app as the Open Platform console would have it. Without `apps`: DEMO_APP.
  apps: [{
    appid: 'wx00112233445566aa',
    secret: 'not-a-real-secret-only-for-the-emulator',
    callbackDomain: 'localhost', // the 授权回调域: a bare host
    openPlatformId: 'my-company', // bound to an Open Platform account: users get a unionid
    name: 'My App (dev)',
  }],
  users: [...DEMO_USERS, { id: 'tester', nickname: '测试用户' }],
  qrLifetime: 120, // seconds before a QR expires (default 300)
})

/** Serves it on 127.0.0.1: another site than an app on localhost, as WeChat is. */
export function startEmulator(port = 4399): Promise<EmulatorServer> {
  return emulator.listen({ port, hostname: '127.0.0.1' })
}
