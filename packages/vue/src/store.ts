import type { WechatCallback, WechatLoginMode, WechatRelayMessage } from '@wechat-qr-login/core'
import type { Pinia } from 'pinia'
import type { ShallowRef } from 'vue'
import type { IssuedState, SignedIn } from './backend'
import type { WechatLoginStatus, WechatLoginTicket, WechatLoginUser } from './types'
import { checkReturnPath, MAX_RETURN_PATH_BYTES, WECHAT_ENDPOINTS, WechatLoginError } from '@wechat-qr-login/core'
import { bareMessage, devOnly, invalidOption, isLoginMode, LOGIN_MODES } from '@wechat-qr-login/core/internal'
import { acceptHMRUpdate, defineStore, getActivePinia } from 'pinia'
import { computed, shallowRef } from 'vue'
import { BROWSER_STATE_LIFETIME } from './backend'
import { customBackend } from './custom-backend'
import { flowError, takeLoginErrorParam, toLoginError } from './login-errors'
import { injectWechatLoginOptions } from './options'
import { createPendingLogins } from './pending-logins'
import { listenForRelay } from './relay-listener'
import { serverBackend } from './server-backend'

/**
 * Options of a login attempt (`start()`); the component fills them from its props. Unset ones
 * fall back to `createWechatLogin()`'s, then to what the server sent.
 */
export interface WechatStartOptions {
  /**
   * How the QR is shown; the server remembers it to answer the callback the right way.
   * @default 'embedded'
   */
  mode?: WechatLoginMode
  /**
   * Embedded mode: the callback lands in the iframe and relays the result (see `WechatQrOptions`).
   * @default false
   */
  selfRedirect?: boolean
  /**
   * Same-origin path to come back to after a top-window login.
   * @default undefined (the server's default)
   */
  returnTo?: string
  /**
   * Overrides the AppID the server sends; required with a custom backend.
   * @default undefined
   */
  appid?: string
  /**
   * Overrides the redirect URI the server sends; required with a custom backend.
   * @default undefined
   */
  redirectUri?: string
  /**
   * Overrides the `openBase` the server sends.
   * @default 'https://open.weixin.qq.com'
   */
  openBase?: string
  /**
   * A state your own backend issued: used as it is instead of obtaining one.
   * @default undefined
   */
  state?: string
}

/**
 * A session the app already knows, e.g. what the server package's `getSession()` read for the
 * request being rendered: `restore(session)` takes it instead of asking.
 */
export type WechatKnownSession
  = | { authenticated: false }
    | { authenticated: true, user: WechatLoginUser, expiresAt?: number }

/** A view of the login on screen (`useWechatLogin()`), which the store tells what only it can show. */
export interface LoginView {
  /** A login completed: relayed, exchanged, or a top-window login back on this page. */
  success: (user: WechatLoginUser) => void
  /** The user logged out (or the login was reset): offer a new login. */
  restart: () => void
}

/** The store's transitions that are no public action: what the package's own views drive. */
export interface LoginMachine {
  /** The QR of `state`, still on screen, outlived its lifetime. */
  expire: (state: string) => void
  /** Back to `awaiting-scan` with the same ticket (a reopened popup); `false` when it is used up. */
  resume: () => boolean
  /** The view failed (a popup blocked, an option refused, WeChat's page not loading). */
  fail: (reason: WechatLoginError) => void
  /** Shows a view its login's outcomes, a success before it attached included; returns the detach. */
  attach: (view: LoginView) => () => void
}

/** The machine of each Pinia's store, for the package's own views. */
const machines = /* #__PURE__ */ new WeakMap<Pinia, LoginMachine>()

/** Only the `import.meta` members a Vite app provides; a library does not load vite/client. */
type HotImportMeta = ImportMeta & { hot?: { accept: (callback: (module: unknown) => void) => void } }

function missing(option: 'appid' | 'redirectUri'): WechatLoginError {
  return new WechatLoginError(option === 'appid' ? 'INVALID_APPID' : 'INVALID_REDIRECT_URI', devOnly(() => __DEV__ && `Missing "${option}": pass it to createWechatLogin({ ${option} }) or as a prop of <WechatQrLogin>. With the server package it comes with the state (GET {authBase}/state).`) || `Missing "${option}".`, { option })
}

function originOf(url: string): string {
  try {
    return new URL(url).origin
  }
  catch {
    return ''
  }
}

/**
 * The auth store: who is signed in and where the current login stands, as a small state machine
 * over a backend (the server package's routes, or the app's `exchange`). Every status change is
 * a transition (`go`); an answer that arrives after a newer transition is dropped. It obtains
 * states, receives the results callback pages relay to this window, exchanges each code at most
 * once, restores the session once per page load and logs out. Holds no DOM object and no secret.
 *
 * @example
 * const auth = useWechatAuthStore()
 * await auth.restore()
 * if (auth.isAuthenticated)
 *   console.log(auth.user)
 */
export const useWechatAuthStore = /* #__PURE__ */ defineStore('wechat-qr-login:auth', () => {
  const options = injectWechatLoginOptions()
  const { callbackOrigin, exchange } = options
  const backend = exchange ? customBackend(exchange, options) : serverBackend(options)

  /** Where the login stands. */
  const status = shallowRef<WechatLoginStatus>('idle')
  /** The signed-in user, or `null`. */
  const user = shallowRef<WechatLoginUser | null>(null)
  /** Why the last login failed, while `status` is `error`. */
  const error = shallowRef<WechatLoginError | null>(null)
  /** The current login attempt (state and QR parameters), while one is pending. */
  const ticket = shallowRef<WechatLoginTicket | null>(null)
  /** When the server session ends (epoch milliseconds), when the backend says. */
  const expiresAt = shallowRef<number | null>(null)
  /** Whether `restore()` has read the session: until then, `user` being `null` says nothing. */
  const restored = shallowRef(false)
  /** Whether a user is signed in. */
  const isAuthenticated = computed(() => user.value !== null)

  const pending = createPendingLogins()
  /** One exchange per code, whoever asks (two mounted callbacks, a relay and its broadcast). */
  const exchanges = new Map<string, Promise<WechatLoginUser | null>>()
  const views = new Set<LoginView>()
  /** A login that completed while no view was attached (a top-window login, restored before its page mounted). */
  let unannounced: WechatLoginUser | null = null
  /** Counts the transitions: an async step compares it to the count when it began. */
  let transitions = 0
  let lastStart: WechatStartOptions = {}
  let stopListening: (() => void) | undefined
  let restoring: Promise<WechatLoginUser | null> | undefined

  /** The one way `status` changes. Returns the transition's number. */
  function go(next: WechatLoginStatus, reason: WechatLoginError | null = null): number {
    unannounced = null
    // `error` first: a view that watches `status` synchronously reads it.
    error.value = reason
    status.value = next
    return ++transitions
  }

  function fail(reason: WechatLoginError): void {
    go('error', reason)
  }

  /** Forgets the current attempt and every pending state, and stops listening for results. */
  function forget(): void {
    ticket.value = null
    pending.clear()
    stopListening?.()
    stopListening = undefined
  }

  /** Signs `signedIn.user` in; a completed login (not a restored session) is announced to the views. */
  function authenticate(signedIn: SignedIn, login: boolean): WechatLoginUser {
    const { user: signedInUser } = signedIn
    user.value = signedInUser
    expiresAt.value = signedIn.expiresAt ?? null
    forget()
    go('authenticated')
    if (login && views.size)
      views.forEach(view => view.success(signedInUser))
    else if (login)
      unannounced = signedInUser
    return signedInUser
  }

  function signOut(): void {
    user.value = null
    expiresAt.value = null
  }

  /** `idle`, and a new login for the views on screen. */
  function idle(): void {
    go('idle')
    views.forEach(view => view.restart())
  }

  async function settle(load: Promise<SignedIn | null>): Promise<WechatLoginUser | null> {
    const at = go('exchanging')
    try {
      const signedIn = await load
      if (!signedIn)
        throw new WechatLoginError('NOT_AUTHENTICATED', devOnly(() => __DEV__ && 'The login finished but no session was opened. Check the server logs (or what exchange() returns).') || 'No session was opened.')
      return authenticate(signedIn, true)
    }
    catch (reason) {
      // A session that opened still signs the user in (above); a failure must not undo a newer transition.
      if (at === transitions)
        fail(toLoginError(reason, 'EXCHANGE_FAILED', devOnly(() => __DEV__ && 'exchange(code, state) failed. Check your backend; the user can try again.') || 'exchange() failed.'))
      return null
    }
  }

  /** Handles a result a callback page relayed, once its sender's origin and state are checked. */
  function receive({ state, result }: WechatRelayMessage): void {
    if (result.type === 'code') {
      void complete({ type: 'success', code: result.code, state })
    }
    else if (pending.take(state)) {
      if (result.type === 'authenticated')
        void settle(backend.relayed(result.user as WechatLoginUser | undefined))
      else
        fail(result.type === 'denied' ? flowError('LOGIN_DENIED') : flowError(result.code, { message: bareMessage(result.message) }))
    }
  }

  function listen(): void {
    stopListening ??= listenForRelay((message, origin) => {
      const login = pending.get(message.state)
      if (login && (origin === null || (callbackOrigin === undefined ? [location.origin, login.origin] : [callbackOrigin].flat()).includes(origin)))
        receive(message)
    })
  }

  /**
   * Starts a login: obtains a state and the QR parameters (`ticket`), and listens for the
   * result. Resolves with the ticket, or `null` when it failed (see `error`) or a newer call
   * superseded it. Never rejects. A state passed in, or minted in the browser for a custom
   * `exchange`, needs no request: then `ticket` is set before `start()` returns.
   */
  function start(startOptions: WechatStartOptions = {}): Promise<WechatLoginTicket | null> {
    const {
      mode = options.mode ?? 'embedded',
      selfRedirect = options.selfRedirect ?? false,
      returnTo,
      appid = options.appid,
      redirectUri = options.redirectUri,
      openBase = options.openBase,
      state,
    } = startOptions
    lastStart = startOptions
    ticket.value = null
    const at = go('preparing')

    const prepare = (issued: IssuedState): WechatLoginTicket | null => {
      if (at !== transitions)
        return null
      const next: WechatLoginTicket = {
        state: issued.state,
        expiresAt: issued.expiresAt,
        appid: appid ?? issued.appid!,
        redirectUri: redirectUri ?? issued.redirectUri!,
        openBase: openBase ?? issued.openBase ?? WECHAT_ENDPOINTS.openBase,
        mode,
        ...(mode === 'embedded' && { selfRedirect }),
      }
      if (!next.appid)
        throw missing('appid')
      if (!next.redirectUri)
        throw missing('redirectUri')
      pending.add({ state: next.state, expiresAt: next.expiresAt, mode, selfRedirect, origin: originOf(next.redirectUri), returnTo })
      if (typeof window !== 'undefined')
        listen()
      ticket.value = next
      go('awaiting-scan')
      return next
    }
    const failed = (reason: unknown): null => {
      if (at === transitions)
        fail(toLoginError(reason, 'INVALID_RESPONSE', devOnly(() => __DEV__ && 'The login could not be prepared. Try again.') || 'Could not prepare the login.'))
      return null
    }
    try {
      // Checked here, where they are used: the server would refuse them, a custom backend keeps them.
      if (!isLoginMode(mode))
        throw invalidOption('mode', () => __DEV__ && `use ${LOGIN_MODES.map(value => `"${value}"`).join(', ')}.`)
      const check = returnTo === undefined || checkReturnPath(returnTo)
      if (check !== true && !check.ok) {
        throw invalidOption('returnTo', () => __DEV__ && (check.reason === 'too-long'
          ? `it is over ${MAX_RETURN_PATH_BYTES} bytes once percent-encoded, too long to keep with the state. Return to a shorter path, such as the page without its query.`
          : 'use a path on this site that starts with a single "/", e.g. "/account", with no backslash and no encoded "/".'), 'INVALID_RETURN_PATH')
      }
      const issued = state ? { state, expiresAt: Date.now() + BROWSER_STATE_LIFETIME } : backend.issue({ mode, selfRedirect, returnTo })
      return 'then' in issued ? issued.then(prepare).catch(failed) : Promise.resolve(prepare(issued))
    }
    catch (reason) {
      return Promise.resolve(failed(reason))
    }
  }

  /** Starts over with the options of the last `start()`: a new state, a new QR. */
  function refresh(): Promise<WechatLoginTicket | null> {
    return start(lastStart)
  }

  /**
   * Marks the login as cancelled (the popup was closed). The state stays pending: a result that
   * was already on its way still completes the login.
   */
  function cancel(): void {
    if (status.value === 'preparing' || status.value === 'awaiting-scan' || status.value === 'expired')
      go('cancelled')
  }

  /** Forgets the current attempt and every pending state: `authenticated` if a user is signed in, else `idle`. */
  function reset(): void {
    forget()
    if (user.value)
      go('authenticated')
    else
      idle()
  }

  /**
   * Completes a login from a callback URL's parameters (`parseCallback(location.href)`): checks
   * the state, then exchanges the code, at most once per code. Resolves with the user, or `null`
   * (see `error`). Never rejects.
   */
  async function complete(callback: WechatCallback): Promise<WechatLoginUser | null> {
    if (callback.type === 'none')
      return null
    const running = callback.type === 'success' && exchanges.get(callback.code)
    if (running)
      return running
    const login = callback.state && pending.take(callback.state)
    // Without the server (which checks its own cookie) this tab is the only one that can vouch for the state.
    if (!callback.state || (!login && backend.checksState)) {
      fail(flowError('STATE_MISMATCH', { option: 'state' }))
      return null
    }
    if (callback.type === 'denied') {
      fail(flowError('LOGIN_DENIED'))
      return null
    }
    const exchanged = settle(backend.exchange(callback.code, callback.state))
    exchanges.set(callback.code, exchanged)
    return exchanged
  }

  /**
   * Restores the session, once per page load: every later call shares the first one's answer
   * (after a failure, the next call asks again). Reads `GET {authBase}/session` (or your
   * `session()`), completes a top-window login that came back to this page (the views then
   * emit `success`), and turns a `wechat_login_error` in the address into `error`, removing it.
   * Sets `restored`. On the server it asks nothing and resolves with `null`, unless it is given
   * the `session` the server read for this request: then it takes that, there and in the browser.
   */
  function restore(session?: WechatKnownSession): Promise<WechatLoginUser | null> {
    if (session) {
      restored.value = true
      restoring = Promise.resolve(session.authenticated ? authenticate(session, false) : null)
    }
    return restoring ??= (async () => {
      if (typeof window === 'undefined')
        return null
      const loginError = takeLoginErrorParam()
      // Seeded (e.g. by a server render that read the session): nothing to ask, but a login that
      // failed and came back to this page is still the store's error.
      if (restored.value) {
        if (loginError && !user.value)
          fail(loginError)
        return user.value
      }
      const returning = pending.returning()
      const known = user.value
      let signedIn: SignedIn | null | WechatLoginError
      try {
        signedIn = await backend.session()
        restored.value = true
      }
      catch (reason) {
        // Not known yet: the next call asks again.
        restoring = undefined
        signedIn = toLoginError(reason, 'NOT_AUTHENTICATED', devOnly(() => __DEV__ && 'session() failed. Check your backend.') || 'session() failed.')
      }
      // A login or a logout meanwhile knows better than an answer sent before it.
      if (user.value !== known)
        return user.value
      if (signedIn && !(signedIn instanceof WechatLoginError))
        return authenticate(signedIn, returning && !loginError)
      signOut()
      if (signedIn || loginError)
        fail(loginError ?? signedIn!)
      else if (status.value === 'authenticated')
        idle()
      return null
    })()
  }

  /**
   * Logs out: `POST {authBase}/logout` (or your `logout()`), then forgets the user. The local
   * state is cleared even when the request fails (then `error` says so).
   */
  async function logout(): Promise<void> {
    const at = transitions
    const signedOut = user.value
    let reason: WechatLoginError | null = null
    try {
      await backend.logout()
    }
    catch (cause) {
      reason = toLoginError(cause, 'NETWORK_ERROR', devOnly(() => __DEV__ && 'logout() failed. Check your backend.') || 'logout() failed.')
    }
    // A login started while the request was out owns the status; only the user logged out goes.
    if (user.value === signedOut)
      signOut()
    if (at !== transitions)
      return
    forget()
    if (reason)
      fail(reason)
    else
      idle()
  }

  machines.set(getActivePinia()!, {
    expire(state) {
      if (status.value === 'awaiting-scan' && ticket.value?.state === state)
        go('expired')
    },
    resume() {
      const current = ticket.value
      const resumable = (status.value === 'cancelled' || status.value === 'error') && !!current && !!pending.get(current.state)
      if (resumable)
        go('awaiting-scan')
      return resumable
    },
    fail,
    attach(view) {
      views.add(view)
      if (unannounced)
        view.success(unannounced)
      unannounced = null
      return () => views.delete(view)
    },
  })

  return {
    status,
    // Spelled out so the built declarations keep the alias an app's registered user type reaches.
    user: user as ShallowRef<WechatLoginUser | null>,
    error,
    ticket,
    expiresAt,
    restored,
    isAuthenticated,
    start,
    refresh,
    cancel,
    reset,
    complete,
    restore,
    logout,
  }
})

/** The store instance `useWechatAuthStore()` returns. */
export type WechatAuthStore = ReturnType<typeof useWechatAuthStore>

/** The store and its machine, for the package's own views. */
export function useLoginMachine(): { store: WechatAuthStore, machine: LoginMachine } {
  const store = useWechatAuthStore()
  // The store's definition set the active Pinia: the one its machine is kept under.
  return { store, machine: machines.get(getActivePinia()!)! }
}

if ((import.meta as HotImportMeta).hot)
  (import.meta as HotImportMeta).hot!.accept(acceptHMRUpdate(useWechatAuthStore, (import.meta as HotImportMeta).hot))
