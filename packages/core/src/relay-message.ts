import type { WechatLoginErrorCode } from './login-error'
import type { WechatUser } from './session'

/**
 * Name of the BroadcastChannel that callback pages also post to: it reaches the app's window
 * even when a Cross-Origin-Opener-Policy has cut the popup off from its opener.
 */
export const WECHAT_RELAY_CHANNEL = 'wechat-qr-login'

/** What a callback page learned, as it tells the app window. */
export type WechatRelayResult
  /** The server already opened the session (server-side callback). */
  = | { type: 'authenticated', user?: WechatUser }
  /** The app exchanges this code itself (front-end callback route). */
    | { type: 'code', code: string }
  /** The user refused, or WeChat sent no code. */
    | { type: 'denied' }
  /** The login failed; `code` says why. Never carries upstream detail. */
    | { type: 'error', code: WechatLoginErrorCode, message?: string }

/**
 * The message a callback page running in an iframe (`self_redirect`) or a popup sends to the app
 * window, with `postMessage` to an exact target origin and on {@link WECHAT_RELAY_CHANNEL}.
 * Receivers check the event origin and that `state` is one they issued, and ignore the rest.
 */
export interface WechatRelayMessage {
  source: 'wechat-qr-login'
  version: 1
  /** The state of the login this result belongs to. */
  state: string
  result: WechatRelayResult
}

/** Builds a {@link WechatRelayMessage}. */
export function createRelayMessage(state: string, result: WechatRelayResult): WechatRelayMessage {
  return { source: 'wechat-qr-login', version: 1, state, result }
}

const RESULT_TYPES = new Set(['authenticated', 'code', 'denied', 'error'])

/** Whether `data` (from a `message` event, untrusted) has the shape of a {@link WechatRelayMessage}. */
export function isRelayMessage(data: unknown): data is WechatRelayMessage {
  // Optional chaining refuses `null` and primitives too: their properties are all `undefined`.
  const message = data as Partial<WechatRelayMessage> | null | undefined
  const { type, code } = (message?.result ?? {}) as { type?: unknown, code?: unknown }
  return message?.source === 'wechat-qr-login'
    && message.version === 1
    && typeof message.state === 'string'
    && RESULT_TYPES.has(type as string)
    && (type !== 'code' || (typeof code === 'string' && code.length > 0))
    && (type !== 'error' || typeof code === 'string')
}
