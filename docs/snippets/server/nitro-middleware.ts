// server/middleware/wechat.ts in Nuxt 3/4 or Nitro 2 (h3 v1)
import { defineEventHandler, sendWebResponse, toWebRequest } from 'h3'
import { auth } from './auth'

export default defineEventHandler(async (event) => {
  const response = await auth(toWebRequest(event))
  // `undefined`: not one of the /auth/wechat routes, so the request goes on to your app.
  if (response)
    return sendWebResponse(event, response)
})
