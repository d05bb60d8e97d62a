import { createServer } from 'node:http'
import { toNodeMiddleware } from '@wechat-qr-login/server/node'
import { auth } from './auth'

// Requests outside /auth/wechat get a 404: this server serves nothing else.
export const server = createServer(toNodeMiddleware(auth))
