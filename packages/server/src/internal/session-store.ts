import type { WechatAuthStore } from '../store'
import type { ReplayGuard } from './replay-guard'
import { createState, WechatLoginError } from '@wechat-qr-login/core'

/** What a session cookie carries to find its entry in the store. */
export interface StoredSessionHandle {
  /** Random id of the session's entry. */
  sid: string
  /** When the session was opened (epoch milliseconds): "log out everywhere" ends those before. */
  iat: number
}

/** Sessions and used states in a store shared by every instance. */
export interface SessionStore {
  /** Refuses a state the second time, on any instance. */
  guard: ReplayGuard
  /** Records a new session of `userId`, until `expiresAt`. */
  open: (userId: string, expiresAt: number) => Promise<StoredSessionHandle>
  /** Whether the session is still open: its entry exists and its user was not logged out everywhere since. */
  isLive: (userId: string, handle: StoredSessionHandle) => Promise<boolean>
  /** Ends one session. */
  end: (handle: StoredSessionHandle) => Promise<void>
  /** Ends every session of `userId` opened until now. */
  endAll: (userId: string) => Promise<void>
}

/** Seconds from now to `until`, at least 1 (a TTL of 0 would keep the key forever). */
function secondsUntil(until: number): number {
  return Math.max(1, Math.ceil((until - Date.now()) / 1000))
}

/** Keys under one prefix; user ids may hold any character, so they are encoded. */
const KEY = {
  session: (sid: string) => `wechat-qr-login:session:${sid}`,
  user: (userId: string) => `wechat-qr-login:user:${encodeURIComponent(userId)}`,
  state: (state: string) => `wechat-qr-login:state:${state}`,
}

/**
 * The store's side of sessions that can be revoked across instances. Each session has an entry
 * (`session:{sid}`, as long as the session lives) that logout deletes; "log out everywhere"
 * writes the time before which the user's sessions no longer count (`user:{id}`, as long as the
 * longest session). A used state is recorded until it would have expired. Any failure of the
 * store is `STORE_UNAVAILABLE`: nothing is opened or accepted on a guess. `maxAge` is the
 * longest a session lives, in seconds (`cookie.maxAge`).
 */
export function createSessionStore(store: WechatAuthStore, maxAge: number): SessionStore {
  async function attempt<T>(operation: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run()
    }
    catch (error) {
      const reason = error instanceof Error ? `: ${error.message}` : ''
      throw new WechatLoginError('STORE_UNAVAILABLE', `The session store failed to ${operation}${reason}. Check that it is running and reachable from this instance.`, { cause: error })
    }
  }

  return {
    guard: {
      use: (state, expiresAt) => attempt('record a used state', async () => {
        if (await store.getItem(KEY.state(state)) !== null)
          return false
        await store.setItem(KEY.state(state), 1, { ttl: secondsUntil(expiresAt) })
        return true
      }),
    },
    open: (userId, expiresAt) => attempt('open a session', async () => {
      const handle: StoredSessionHandle = { sid: createState(), iat: Date.now() }
      await store.setItem(KEY.session(handle.sid), { user: userId }, { ttl: secondsUntil(expiresAt) })
      return handle
    }),
    isLive: (userId, handle) => attempt('read a session', async () => {
      const [entry, user] = await Promise.all([store.getItem(KEY.session(handle.sid)), store.getItem(KEY.user(userId))])
      const revokedBefore = (user as { revokedBefore?: unknown } | null)?.revokedBefore
      return (entry as { user?: unknown } | null)?.user === userId && !(typeof revokedBefore === 'number' && handle.iat <= revokedBefore)
    }),
    end: handle => attempt('end a session', () => store.removeItem(KEY.session(handle.sid))),
    endAll: userId => attempt('end the sessions of a user', () => store.setItem(KEY.user(userId), { revokedBefore: Date.now() }, { ttl: maxAge })),
  }
}
