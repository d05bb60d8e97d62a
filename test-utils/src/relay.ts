import type { WechatRelayMessage } from '@wechat-qr-login/core'

/** What a relay page's script was given: the message, the target origin and window, the way back. */
export interface RelayData {
  message: WechatRelayMessage
  origin: string
  target: 'opener' | 'parent' | 'auto'
  back: string
  /** Fetched before reporting: completes a pending session hand-over. */
  session?: string
  channel: string
}

/** Reads the data out of a relay page, as its script would. */
export function readRelayPage(html: string): RelayData {
  const match = /var d = (\{.*\});\n/.exec(html)
  if (!match)
    throw new Error('not a relay page')
  return JSON.parse(match[1]!) as RelayData
}
