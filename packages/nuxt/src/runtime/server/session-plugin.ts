import type { WechatSessionContext } from '../session-context'
import { defineNitroPlugin } from 'nitropack/runtime'
import { getWechatSession } from './utils/wechat-auth'

/** Lets the server render read the request's session (see `app/plugin.ts`) without importing server code. */
export default defineNitroPlugin((nitroApp) => {
  nitroApp.hooks.hook('request', (event) => {
    (event.context as WechatSessionContext).getWechatSession = getWechatSession
  })
})
