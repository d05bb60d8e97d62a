import { defineEventHandler, sendWebResponse, toWebRequest } from 'h3'
import { useWechatAuth } from './utils/wechat-auth'

/** The routes of `@wechat-qr-login/server` under the module's `basePath`; other paths go on to the app. */
export default defineEventHandler(async (event) => {
  const response = await useWechatAuth(event)(toWebRequest(event))
  if (response)
    return sendWebResponse(event, response)
})
