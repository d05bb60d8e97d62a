import type { WechatCallback, WechatLoginError, WechatRelayMessage } from '@wechat-qr-login/core'
import type { WechatAuthStore } from './store'
import type { WechatLoginUser } from './types'
import { createRelayMessage, parseCallback, stripCallbackParams, WECHAT_RELAY_CHANNEL } from '@wechat-qr-login/core'
import { flowError } from './login-errors'
import { readStoredLogin } from './pending-logins'
import { useWechatAuthStore } from './store'

/** Options of {@link handleWechatCallback}. */
export interface HandleWechatCallbackOptions {
  /**
   * Origin of the app window a result is relayed to (`postMessage` never uses `*`).
   * @default this page's origin
   */
  targetOrigin?: string
  /**
   * Close the popup once the result is relayed.
   * @default true
   */
  closePopup?: boolean
  /**
   * The store that completes a top-window login.
   * @default useWechatAuthStore()
   */
  store?: WechatAuthStore
}

/** Where a callback page sent the result. */
export type WechatRelayTarget = 'parent' | 'opener' | 'channel'

/** What {@link handleWechatCallback} did. */
export type WechatCallbackOutcome
  /** The page is not a callback (no `code`, no `state`). */
  = | { type: 'none' }
  /** In an iframe or a popup: the result went to the app window, which completes the login. */
    | { type: 'relayed', target: WechatRelayTarget }
  /** In the top window: signed in. `returnTo` is where the login started, when known. */
    | { type: 'authenticated', user: WechatLoginUser, returnTo?: string }
  /** In the top window: the login failed. */
    | { type: 'error', error: WechatLoginError }

function broadcast(message: WechatRelayMessage): void {
  if (typeof BroadcastChannel === 'undefined')
    return
  const channel = new BroadcastChannel(WECHAT_RELAY_CHANNEL)
  channel.postMessage(message)
  channel.close()
}

/**
 * Where this page runs: in the QR iframe (`self_redirect`), in the login popup (even one whose
 * opener a Cross-Origin-Opener-Policy cut off: the state says it was issued for a popup), or in
 * the top window.
 */
function findRelayTarget(callback: Exclude<WechatCallback, { type: 'none' }>): { target: WechatRelayTarget, window?: Window } | undefined {
  if (window.parent !== window)
    return { target: 'parent', window: window.parent }
  const stored = readStoredLogin(callback.state)
  if (stored && stored.mode !== 'new-window')
    return undefined
  if (window.opener)
    return { target: 'opener', window: window.opener as Window }
  return stored ? { target: 'channel' } : undefined
}

/**
 * The page at `redirect_uri`, when the app (not the server package) receives the code. It
 * reads `code` and `state` (hash-router quirks included) and removes them from the address bar
 * so a reload cannot replay them. In an iframe or a popup it relays the result to the app window
 * (`postMessage` to `targetOrigin` plus the BroadcastChannel) and closes the popup; in the top
 * window it completes the login through the store (state checked, code exchanged once).
 * Never rejects.
 *
 * @example
 * // the callback route's setup
 * const outcome = await handleWechatCallback()
 * if (outcome.type === 'authenticated')
 *   router.replace(outcome.returnTo ?? '/')
 */
export async function handleWechatCallback(options: HandleWechatCallbackOptions = {}): Promise<WechatCallbackOutcome> {
  if (typeof window === 'undefined')
    return { type: 'none' }
  const { targetOrigin = location.origin, closePopup = true } = options
  const callback = parseCallback(location.href)
  if (callback.type === 'none')
    return { type: 'none' }
  const cleanUrl = (): void => {
    const current = parseCallback(location.href)
    if (current.type !== 'none' && current.state === callback.state)
      history.replaceState(history.state, '', stripCallbackParams(location.href))
  }

  const relay = findRelayTarget(callback)
  if (relay) {
    const message = createRelayMessage(callback.state, callback.type === 'success' ? { type: 'code', code: callback.code } : { type: 'denied' })
    relay.window?.postMessage(message, targetOrigin)
    broadcast(message)
    cleanUrl()
    if (relay.target !== 'parent' && closePopup)
      window.close()
    return { type: 'relayed', target: relay.target }
  }

  const store = options.store ?? useWechatAuthStore()
  const returnTo = readStoredLogin(callback.state)?.returnTo
  // The address keeps the code until the exchange settles, so that a second mount meanwhile
  // shares the same exchange (the store runs one per code). The state is already used up, so a
  // reload in between cannot exchange the code again.
  const user = await store.complete(callback)
  cleanUrl()
  if (user !== null)
    return returnTo === undefined ? { type: 'authenticated', user } : { type: 'authenticated', user, returnTo }
  return { type: 'error', error: store.error ?? flowError('EXCHANGE_FAILED') }
}
