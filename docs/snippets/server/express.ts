import { requireSession, toNodeMiddleware } from '@wechat-qr-login/server/node'
import express from 'express'
import { auth } from './auth'

export const app = express()

// #region mount
// First, and at the root: Express strips a mount path from `req.url`, and a body parser that
// runs first consumes the body of `POST /auth/wechat/exchange`.
app.use(toNodeMiddleware(auth))
app.use(express.json())
// #endregion mount

// #region session
// Your own API routes: without a session, requireSession answers 401 JSON
// ({ error: { code: 'NOT_AUTHENTICATED', … } }); with one, it is on req.wechatSession.
app.get('/api/me', requireSession(auth), (req, res) => {
  const { user } = req.wechatSession!
  res.json({ id: user.id, nickname: user.nickname })
})
// #endregion session
