import type { WechatLoginMode, WechatStateResponse } from '@wechat-qr-login/core'
import type { WechatLoginUser } from './types'

/** How long a state minted or given in the browser is accepted: the server package's state lifetime. */
export const BROWSER_STATE_LIFETIME = 10 * 60_000

/** A session the backend confirmed. */
export interface SignedIn {
  user: WechatLoginUser
  /** When the session ends (epoch milliseconds), when the backend says. */
  expiresAt?: number
}

/** A state for one login, with what the backend knows of the QR; `expiresAt` on this browser's clock. */
export type IssuedState = Pick<WechatStateResponse, 'state' | 'expiresAt'> & Partial<WechatStateResponse>

/** What the backend needs to know of a login to issue its state. */
export interface LoginRequest {
  mode: WechatLoginMode
  selfRedirect: boolean
  returnTo?: string
}

/**
 * Where the store gets states and sessions from: the server package's routes
 * (`serverBackend`) or the app's own functions (`customBackend`). Every method may reject with
 * the error the user sees.
 */
export interface LoginBackend {
  /** Whether only this tab can vouch for a state (a server checks its own cookie instead). */
  checksState: boolean
  /** A state for a new login: at once when minted here, or a promise. */
  issue: (login: LoginRequest) => IssuedState | Promise<IssuedState>
  /** Exchanges a code: the session it opened, or `null`. */
  exchange: (code: string, state: string) => Promise<SignedIn | null>
  /** The session a callback page reported open (`user` is what it relayed, if anything). */
  relayed: (user?: WechatLoginUser) => Promise<SignedIn | null>
  /** The current session, or `null`. */
  session: () => Promise<SignedIn | null>
  logout: () => Promise<unknown>
}
