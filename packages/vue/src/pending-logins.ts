import type { WechatLoginMode } from '@wechat-qr-login/core'

/** What this tab remembers about a state it issued, until the state is used or expires. */
export interface PendingLogin {
  state: string
  expiresAt: number
  mode: WechatLoginMode
  /** Origin of the redirect URI: where the callback page (and so a relay message) comes from. */
  origin: string
  /** Embedded mode: the callback lands in the iframe (`self_redirect`). */
  selfRedirect?: boolean
  /** Where a top-window callback route sends the user afterwards. */
  returnTo?: string
}

/** The issued states of this tab. */
export interface PendingLogins {
  add: (login: PendingLogin) => void
  /** The login of `state` if it is pending and unexpired, without using it up. */
  get: (state: string) => PendingLogin | undefined
  /** The login of `state`, used up: a second call (a replayed or duplicated callback) gets nothing. */
  take: (state: string) => PendingLogin | undefined
  /** Forgets every pending state, e.g. once a login succeeded. */
  clear: () => void
  /**
   * Whether an earlier page of this tab started a login that navigates the whole tab and has not
   * expired: this page may be where it comes back to.
   */
  returning: () => boolean
}

const STORAGE_PREFIX = 'wechat-qr-login:pending:'

/**
 * Runs `use` with sessionStorage, or does nothing where there is none or it throws (the
 * server, some sandboxed frames and privacy modes): memory alone then.
 */
function withStorage<T>(use: (storage: Storage) => T): T | undefined {
  try {
    return use(sessionStorage)
  }
  catch {}
}

/** Whether WeChat sends the whole tab to the callback (redirect mode, embedded without `selfRedirect`). */
export function navigatesTopWindow(login: Pick<PendingLogin, 'mode' | 'selfRedirect'>): boolean {
  return login.mode === 'redirect' || (login.mode === 'embedded' && !login.selfRedirect)
}

/**
 * Reads a login this tab stored, e.g. in a popup whose opener a Cross-Origin-Opener-Policy cut
 * off (the popup got a copy of the opener's sessionStorage when it was opened).
 */
export function readStoredLogin(state: string): PendingLogin | undefined {
  const login = withStorage(storage => JSON.parse(storage.getItem(STORAGE_PREFIX + state)!) as Partial<PendingLogin> | null)
  return login?.state === state && typeof login.expiresAt === 'number' && typeof login.mode === 'string' && typeof login.origin === 'string'
    ? login as PendingLogin
    : undefined
}

function forgetLogin(state: string): void {
  withStorage(storage => storage.removeItem(STORAGE_PREFIX + state))
}

function storedStates(): string[] {
  return withStorage(storage => Object.keys(storage)
    .filter(key => key.startsWith(STORAGE_PREFIX))
    .map(key => key.slice(STORAGE_PREFIX.length))) ?? []
}

/**
 * The states this tab issued: in memory, mirrored to sessionStorage so that they survive the
 * round trip of a top-window login and several can be pending at once (a refreshed QR).
 */
export function createPendingLogins(): PendingLogins {
  const logins = new Map<string, PendingLogin>()

  function get(state: string): PendingLogin | undefined {
    const login = logins.get(state) ?? readStoredLogin(state)
    if (login && login.expiresAt > Date.now())
      return login
    logins.delete(state)
    forgetLogin(state)
  }

  function take(state: string): PendingLogin | undefined {
    const login = get(state)
    logins.delete(state)
    forgetLogin(state)
    return login
  }

  return {
    add(login) {
      logins.set(login.state, login)
      // The copy in sessionStorage is written right after the current task's work (a login may
      // start before the first render, and a page's first storage access can wait on the browser
      // process); only a later page or a popup reads it. Unless the login was used up meanwhile.
      queueMicrotask(() => {
        // Drops the stored states that expired meanwhile.
        storedStates().forEach(get)
        if (logins.get(login.state) === login)
          withStorage(storage => storage.setItem(STORAGE_PREFIX + login.state, JSON.stringify(login)))
      })
    },
    get,
    take,
    clear() {
      logins.clear()
      storedStates().forEach(forgetLogin)
    },
    returning() {
      return storedStates().some((state) => {
        const login = !logins.has(state) && get(state)
        return login && navigatesTopWindow(login)
      })
    },
  }
}
