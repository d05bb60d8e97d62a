import type { WechatRelayMessage } from '@wechat-qr-login/core'
import { isRelayMessage, WECHAT_RELAY_CHANNEL } from '@wechat-qr-login/core'

/**
 * Receives a relay message. `origin` is the sender's origin for `postMessage`, and `null` for
 * the BroadcastChannel, which only ever carries messages of this window's own origin.
 */
export type RelayHandler = (message: WechatRelayMessage, origin: string | null) => void

/**
 * Listens for the results callback pages relay to this window: `message` events (from the
 * iframe or the popup) and the {@link WECHAT_RELAY_CHANNEL} BroadcastChannel (which still
 * works when a Cross-Origin-Opener-Policy cut the popup off). Anything that is not a relay
 * message is dropped here; checking the origin and the state is the handler's job.
 *
 * @returns a function that stops listening.
 */
export function listenForRelay(handler: RelayHandler): () => void {
  const onMessage = (event: MessageEvent): void => {
    if (isRelayMessage(event.data))
      handler(event.data, event.origin)
  }
  window.addEventListener('message', onMessage)
  const channel = typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(WECHAT_RELAY_CHANNEL)
  channel?.addEventListener('message', (event) => {
    if (isRelayMessage(event.data))
      handler(event.data, null)
  })
  return () => {
    window.removeEventListener('message', onMessage)
    channel?.close()
  }
}
