import type { Plugin } from 'vite'
import { toNodeMiddleware } from '@wechat-qr-login/server/node'
import { auth } from './auth'

/** Serves /auth/wechat/* from the Vite dev server, next to the app. */
export function wechatAuthMiddleware(): Plugin {
  return {
    name: 'wechat-auth',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use(toNodeMiddleware(auth))
    },
  }
}
