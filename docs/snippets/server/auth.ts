import process from 'node:process'
import { createWechatAuth } from '@wechat-qr-login/server'

/** What the login needs from the environment (the other samples of this page reuse it). */
export const wechatOptions = {
  appid: process.env.WECHAT_APPID!,
  // The AppSecret: from the server's environment or secret store, never from a VITE_ variable.
  secret: process.env.WECHAT_APPSECRET!,
  // Seals the session and state cookies: 32 characters or more (`openssl rand -base64 32`).
  sessionSecret: process.env.WECHAT_SESSION_SECRET!,
  // Unset in production (WeChat). The emulator's URL in development and tests.
  openBase: process.env.WECHAT_OPEN_BASE,
  apiBase: process.env.WECHAT_API_BASE,
}

/**
 * The server half of the login. Mount it with one of the adapters (node-http.ts, express.ts,
 * nitro-middleware.ts).
 */
export const auth = createWechatAuth({
  ...wechatOptions,
  // Same-origin paths a login may return to (`return_to`).
  returnPaths: ['/'],
})
