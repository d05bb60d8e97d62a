import type { LoginBackend, SignedIn } from './backend'
import type { WechatLoginOptions } from './options'
import type { WechatLoginUser } from './types'
import { createState } from '@wechat-qr-login/core'
import { BROWSER_STATE_LIFETIME } from './backend'

function signedIn(user: WechatLoginUser | null | undefined): SignedIn | null {
  return user == null ? null : { user }
}

/**
 * The app's own backend: `exchange(code, state)`, and optionally `session()` and `logout()`.
 * States are minted here and only this tab can vouch for them.
 */
export function customBackend(exchange: NonNullable<WechatLoginOptions['exchange']>, options: WechatLoginOptions): LoginBackend {
  const { session, logout } = options
  return {
    checksState: true,
    issue: () => ({ state: createState(), expiresAt: Date.now() + BROWSER_STATE_LIFETIME }),
    exchange: async (code, state) => signedIn(await exchange(code, state)),
    relayed: async user => signedIn(session ? await session() : user),
    session: async () => signedIn(await session?.()),
    logout: async () => logout?.(),
  }
}
