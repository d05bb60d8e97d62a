import { toNodeMiddleware, toWebRequest } from '@wechat-qr-login/server/node'
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
// Your own routes read the session from the same sealed cookie.
app.get('/api/me', async (req, res) => {
  const session = await auth.getSession(toWebRequest(req))
  if (!session.authenticated) {
    res.status(401).json({ error: 'not signed in' })
    return
  }
  res.json({ id: session.user.id, nickname: session.user.nickname })
})
// #endregion session
