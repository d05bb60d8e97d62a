import type { WechatSessionResponse } from '@wechat-qr-login/core'
import type { H3Event } from 'h3'

/** What the module's Nitro plugin puts in each request's `event.context` for the server render. */
export interface WechatSessionContext {
  getWechatSession?: (event: H3Event) => Promise<WechatSessionResponse>
}
