import type { WechatLoginMode } from '@wechat-qr-login/core'

/** What this tab remembers about a state it issued, until the state is used or expires. */
export interface PendingLogin {
  state: string
  expiresAt: number
  mode: WechatLoginMode
  /** Origin of the redirect URI: where the callback page (and so a relay message) comes from. */
  origin: string
  /** Where a top-window callback route sends the user afterwards. */
  returnTo?: string
}

/** The issued states of this tab. */
export interface PendingLogins {
  add: (login: PendingLogin) => void
  /** The login of `state` if it is pending and unexpired, without using it up. */
  peek: (state: string) => PendingLogin | undefined
  /** The login of `state`, used up: a second call (a replayed or duplicated callback) gets nothing. */
  take: (state: string) => PendingLogin | undefined
  /** Forgets every pending state, e.g. once a login succeeded. */
  clear: () => void
}

const STORAGE_PREFIX = 'wechat-qr-login:pending:'

function getSessionStorage(): Storage | undefined {
  try {
    return typeof sessionStorage === 'undefined' ? undefined : sessionStorage
  }
  // Storage access throws in some sandboxed frames and privacy modes: memory alone then.
  catch {
    return undefined
  }
}

function isPendingLogin(value: unknown): value is PendingLogin {
  const login = value as Partial<PendingLogin> | null
  return typeof login === 'object' && login !== null
    && typeof login.state === 'string'
    && typeof login.expiresAt === 'number'
    && typeof login.mode === 'string'
    && typeof login.origin === 'string'
}

/**
 * Reads a login this tab stored, e.g. in a popup whose opener a Cross-Origin-Opener-Policy cut
 * off (the popup got a copy of the opener's sessionStorage when it was opened).
 */
export function readStoredLogin(state: string): PendingLogin | undefined {
  try {
    const login: unknown = JSON.parse(getSessionStorage()?.getItem(STORAGE_PREFIX + state) ?? 'null')
    return isPendingLogin(login) && login.state === state ? login : undefined
  }
  catch {
    return undefined
  }
}

function storeLogin(login: PendingLogin): void {
  try {
    getSessionStorage()?.setItem(STORAGE_PREFIX + login.state, JSON.stringify(login))
  }
  catch {}
}

function forgetLogin(state: string): void {
  try {
    getSessionStorage()?.removeItem(STORAGE_PREFIX + state)
  }
  catch {}
}

function storedStates(): string[] {
  const storage = getSessionStorage()
  const states: string[] = []
  if (!storage)
    return states
  try {
    for (let index = 0; index < storage.length; index++) {
      const key = storage.key(index)
      if (key?.startsWith(STORAGE_PREFIX))
        states.push(key.slice(STORAGE_PREFIX.length))
    }
  }
  catch {}
  return states
}

/**
 * The states this tab issued: in memory, mirrored to sessionStorage so that they survive the
 * round trip of a redirect login and several can be pending at once (a refreshed QR).
 */
export function createPendingLogins(): PendingLogins {
  const logins = new Map<string, PendingLogin>()

  function peek(state: string): PendingLogin | undefined {
    const login = logins.get(state) ?? readStoredLogin(state)
    if (login && login.expiresAt <= Date.now()) {
      logins.delete(state)
      forgetLogin(state)
      return undefined
    }
    return login
  }

  return {
    add(login) {
      for (const state of storedStates()) {
        if (!peek(state))
          forgetLogin(state)
      }
      logins.set(login.state, login)
      storeLogin(login)
    },
    peek,
    take(state) {
      const login = peek(state)
      logins.delete(state)
      forgetLogin(state)
      return login
    },
    clear() {
      logins.clear()
      for (const state of storedStates())
        forgetLogin(state)
    },
  }
}
