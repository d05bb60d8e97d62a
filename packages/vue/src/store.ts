import type { WechatCallback, WechatLoginMode, WechatRelayMessage, WechatSessionResponse, WechatStateResponse } from '@wechat-qr-login/core'
import type { ShallowRef } from 'vue'
import type { PendingLogin } from './pending-logins'
import type { WechatLoginStatus, WechatLoginTicket, WechatLoginUser } from './types'
import { assertAppid, assertBaseUrl, assertRedirectUri, assertState, createState, STATE_QUERY, WECHAT_ENDPOINTS, WechatLoginError } from '@wechat-qr-login/core'
import { bareMessage, devOnly } from '@wechat-qr-login/core/internal'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'
import { flowError, takeLoginErrorParam, toLoginError } from './login-errors'
import { injectWechatLoginOptions } from './options'
import { createPendingLogins } from './pending-logins'
import { listenForRelay } from './relay-listener'
import { requestJson } from './request'
import { assertMode, assertReturnTo } from './resolve-options'

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

/** How long a state minted in the browser is accepted: the server package's state lifetime. */
const BROWSER_STATE_TTL = 10 * 60_000

interface SignedIn {
  user: WechatLoginUser
  expiresAt?: number
}

/** `expiresAt` is on this browser's clock. */
type IssuedState = Pick<WechatStateResponse, 'state' | 'expiresAt'> & Partial<WechatStateResponse>

/** Only the `import.meta` members a Vite app provides; a library does not load vite/client. */
type HotImportMeta = ImportMeta & { hot?: { accept: (callback: (module: unknown) => void) => void } }

function isStateResponse(data: unknown): data is WechatStateResponse {
  const body = data as Partial<WechatStateResponse> | null
  return typeof body?.expiresAt === 'number' && [body.state, body.appid, body.redirectUri, body.openBase].every(value => typeof value === 'string')
}

function readSession(data: unknown, route: string): SignedIn | null {
  const body = data as Partial<WechatSessionResponse> | null
  if (typeof body !== 'object' || body === null || typeof body.authenticated !== 'boolean')
    throw new WechatLoginError('INVALID_RESPONSE', `${route} did not answer a session${devOnly(() => __DEV__ && ' ({ authenticated, user }). Is the server package mounted at "authBase"?') || '.'}`)
  if (!body.authenticated)
    return null
  if (typeof body.user !== 'object' || body.user === null)
    throw new WechatLoginError('INVALID_RESPONSE', `${route} said "authenticated" without a user.`)
  return { user: body.user as WechatLoginUser, expiresAt: body.expiresAt }
}

function customUser(user: WechatLoginUser | null | undefined): SignedIn | null {
  return user === null || user === undefined ? null : { user }
}

function missing(option: 'appid' | 'redirectUri'): WechatLoginError {
  const code = option === 'appid' ? 'INVALID_APPID' : 'INVALID_REDIRECT_URI'
  return new WechatLoginError(code, devOnly(() => __DEV__ && `Missing "${option}": pass it to createWechatLogin({ ${option} }) or as a prop of <WechatQrLogin>. With the server package it comes with the state (GET {authBase}/state).`) || `Missing "${option}".`, { option })
}

/**
 * The auth store: who is signed in and where the current login stands. It obtains states
 * (from the server package, or minted and checked in the browser for a custom `exchange`),
 * receives the results callback pages relay to this window, exchanges each code at most once,
 * restores the session on page load and logs out. Holds no DOM object and no secret.
 *
 * @example
 * const auth = useWechatAuthStore()
 * await auth.restore()
 * if (auth.isAuthenticated)
 *   console.log(auth.user)
 */
export const useWechatAuthStore = /* #__PURE__ */ defineStore('wechat-qr-login:auth', () => {
  const options = injectWechatLoginOptions()
  const { authBase = '/auth/wechat', exchange, session, logout: endSession, callbackOrigin, requestTimeout = 15_000 } = options
  const routeBase = authBase.replace(/\/+$/, '')

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
  /** Whether a user is signed in. */
  const isAuthenticated = computed(() => user.value !== null)

  const pending = createPendingLogins()
  /** One exchange per code, whoever asks (two mounted callbacks, a relay and its broadcast). */
  const exchanges = new Map<string, Promise<WechatLoginUser | null>>()
  /** Bumped by every transition, so that an outdated async step cannot overwrite a newer one. */
  let attempt = 0
  let lastStart: WechatStartOptions = {}
  let stopListening: (() => void) | undefined
  let restoring: Promise<WechatLoginUser | null> | undefined

  function allowedOrigins(login: PendingLogin): string[] {
    return callbackOrigin === undefined ? [location.origin, login.origin] : [callbackOrigin].flat()
  }

  function listen(): void {
    if (stopListening || typeof window === 'undefined')
      return
    stopListening = listenForRelay((message, origin) => {
      const login = pending.peek(message.state)
      if (login && (origin === null || allowedOrigins(login).includes(origin)))
        void receive(message)
    })
  }

  function forgetPending(): void {
    pending.clear()
    stopListening?.()
    stopListening = undefined
  }

  function fail(reason: WechatLoginError): void {
    attempt++
    error.value = reason
    status.value = 'error'
  }

  function authenticate(signedIn: SignedIn): void {
    attempt++
    user.value = signedIn.user
    expiresAt.value = signedIn.expiresAt ?? null
    error.value = null
    ticket.value = null
    status.value = 'authenticated'
    forgetPending()
  }

  async function settle(load: () => Promise<SignedIn | null>): Promise<WechatLoginUser | null> {
    const current = ++attempt
    status.value = 'exchanging'
    error.value = null
    try {
      const signedIn = await load()
      if (!signedIn)
        throw new WechatLoginError('NOT_AUTHENTICATED', devOnly(() => __DEV__ && 'The login finished but no session was opened. Check the server logs (or what exchange() returns).') || 'No session was opened.')
      authenticate(signedIn)
      return signedIn.user
    }
    catch (reason) {
      // A session that opened still signs the user in; a failure must not undo a newer start().
      if (current === attempt)
        fail(toLoginError(reason, 'EXCHANGE_FAILED', devOnly(() => __DEV__ && 'exchange(code, state) failed. Check your backend; the user can try again.') || 'exchange() failed.'))
      return null
    }
  }

  /** Calls a route of the server package under `authBase`. */
  function request(path: string, method: 'GET' | 'POST' = 'GET', body?: unknown): Promise<unknown> {
    return requestJson(routeBase + path, { method, body, timeout: requestTimeout })
  }

  async function fetchSession(): Promise<SignedIn | null> {
    return readSession(await request('/session'), `GET ${routeBase}/session`)
  }

  async function customSession(relayedUser?: WechatLoginUser): Promise<SignedIn | null> {
    return customUser(session ? await session() : relayedUser)
  }

  async function fetchState(mode: WechatLoginMode, selfRedirect: boolean | undefined, returnTo: string | undefined): Promise<IssuedState> {
    const query = new URLSearchParams({ [STATE_QUERY.mode]: mode })
    if (mode === 'embedded')
      query.set(STATE_QUERY.selfRedirect, String(selfRedirect === true))
    if (returnTo !== undefined)
      query.set(STATE_QUERY.returnTo, returnTo)
    const data = await request(`/state?${query}`)
    if (!isStateResponse(data))
      throw new WechatLoginError('INVALID_RESPONSE', `GET ${routeBase}/state did not answer a state${devOnly(() => __DEV__ && ' ({ state, expiresAt, appid, redirectUri, openBase }). Is the server package mounted at "authBase"?') || '.'}`)
    // A server without `expiresIn` (older, or another implementation) is trusted to share our clock.
    return typeof data.expiresIn === 'number' ? { ...data, expiresAt: Date.now() + data.expiresIn } : data
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
      selfRedirect = options.selfRedirect,
      returnTo,
      appid = options.appid,
      redirectUri = options.redirectUri,
      openBase = options.openBase,
      state,
    } = startOptions
    lastStart = startOptions
    const current = ++attempt
    status.value = 'preparing'
    error.value = null
    ticket.value = null

    const prepare = (issued: IssuedState): WechatLoginTicket | null => {
      if (current !== attempt)
        return null
      const next: WechatLoginTicket = {
        state: issued.state,
        expiresAt: issued.expiresAt,
        appid: appid ?? issued.appid ?? '',
        redirectUri: redirectUri ?? issued.redirectUri ?? '',
        openBase: openBase ?? issued.openBase ?? WECHAT_ENDPOINTS.openBase,
        mode,
        ...(mode === 'embedded' ? { selfRedirect: selfRedirect === true } : {}),
      }
      if (!next.appid)
        throw missing('appid')
      if (!next.redirectUri)
        throw missing('redirectUri')
      assertAppid(next.appid)
      assertRedirectUri(next.redirectUri)
      assertState(next.state)
      assertBaseUrl(next.openBase, 'openBase')
      pending.add({ state: next.state, expiresAt: next.expiresAt, mode, origin: new URL(next.redirectUri).origin, returnTo })
      listen()
      ticket.value = next
      status.value = 'awaiting-scan'
      return next
    }
    const failed = (reason: unknown): null => {
      if (current === attempt)
        fail(toLoginError(reason, 'INVALID_RESPONSE', devOnly(() => __DEV__ && 'The login could not be prepared. Try again.') || 'Could not prepare the login.'))
      return null
    }
    try {
      // Checked here too: the component resolves its props, but a direct caller would only get the server's answer.
      assertMode(mode)
      if (returnTo !== undefined)
        assertReturnTo(returnTo)
      if (state !== undefined || exchange)
        return Promise.resolve(prepare({ state: state ?? createState(), expiresAt: Date.now() + BROWSER_STATE_TTL }))
      return fetchState(mode, selfRedirect, returnTo).then(prepare).catch(failed)
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
   * Goes back to `awaiting-scan` with the same ticket after a `cancel()` or an error that left
   * the state unused (the user reopens a closed or blocked popup). Returns `false` when the
   * ticket can no longer be used: `start()` a new one.
   */
  function resume(): boolean {
    const current = ticket.value
    if ((status.value !== 'cancelled' && status.value !== 'error') || !current || !pending.peek(current.state))
      return false
    error.value = null
    status.value = 'awaiting-scan'
    return true
  }

  /** Marks the shown QR as expired (`state`: only if it is still the current one). */
  function expire(state?: string): void {
    if (status.value === 'awaiting-scan' && ticket.value && (state === undefined || state === ticket.value.state))
      status.value = 'expired'
  }

  /**
   * Marks the login as cancelled (the popup was closed). The state stays pending: a result that
   * was already on its way still completes the login.
   */
  function cancel(): void {
    if (status.value === 'preparing' || status.value === 'awaiting-scan' || status.value === 'expired') {
      attempt++
      status.value = 'cancelled'
    }
  }

  /** Forgets the current attempt and every pending state; back to `idle` (or `authenticated`). */
  function reset(): void {
    attempt++
    ticket.value = null
    error.value = null
    forgetPending()
    status.value = user.value === null ? 'idle' : 'authenticated'
  }

  /**
   * Completes a login from a callback URL's parameters (`parseCallback(location.href)`): checks
   * the state, then exchanges the code, at most once per code. Resolves with the user, or `null`
   * (see `error`). Never rejects.
   */
  async function complete(callback: WechatCallback): Promise<WechatLoginUser | null> {
    if (callback.type === 'none')
      return null
    const running = callback.type === 'success' ? exchanges.get(callback.code) : undefined
    if (running)
      return running
    const login = callback.state ? pending.take(callback.state) : undefined
    // Without the server (which checks its own cookie) this tab is the only one that can vouch for the state.
    if (!callback.state || (!login && exchange)) {
      fail(flowError('STATE_MISMATCH', { option: 'state' }))
      return null
    }
    if (callback.type === 'denied') {
      fail(flowError('LOGIN_DENIED'))
      return null
    }
    const { code, state } = callback
    const exchanged = settle(async () => exchange
      ? customUser(await exchange(code, state))
      : readSession(await request('/exchange', 'POST', { code, state }), `POST ${routeBase}/exchange`))
    exchanges.set(code, exchanged)
    return exchanged
  }

  /**
   * Handles a result relayed by a callback page (iframe or popup). The listener calls it after
   * checking the sender's origin; call it yourself only with a message you trust. A message
   * whose state is not pending is ignored.
   */
  async function receive(message: WechatRelayMessage): Promise<WechatLoginUser | null> {
    const { result } = message
    if (result.type === 'code')
      return pending.peek(message.state) ? complete({ type: 'success', code: result.code, state: message.state }) : null
    if (!pending.take(message.state))
      return null
    if (result.type === 'authenticated')
      return settle(() => exchange ? customSession(result.user) : fetchSession())
    fail(result.type === 'denied' ? flowError('LOGIN_DENIED') : flowError(result.code, { message: bareMessage(result.message) }))
    return null
  }

  /**
   * Restores the session on page load: `GET {authBase}/session` (or your `session()`), and
   * turns a `wechat_login_error` in the address (a failed top-window login) into `error`,
   * removing it from the URL. Call it once on the client, e.g. in `App.vue`'s `onMounted`.
   */
  function restore(): Promise<WechatLoginUser | null> {
    restoring ??= (async () => {
      if (typeof window === 'undefined')
        return null
      const loginError = takeLoginErrorParam()
      const known = user.value
      const signedIn = await (exchange ? customSession() : fetchSession())
        .catch((reason: unknown) => toLoginError(reason, 'NOT_AUTHENTICATED', devOnly(() => __DEV__ && 'session() failed. Check your backend.') || 'session() failed.'))
      // A login or a logout meanwhile knows better than an answer sent before it.
      if (user.value !== known)
        return user.value
      if (signedIn instanceof WechatLoginError) {
        fail(loginError ?? signedIn)
      }
      else if (signedIn) {
        authenticate(signedIn)
        return signedIn.user
      }
      else {
        user.value = null
        expiresAt.value = null
        if (loginError)
          fail(loginError)
        else if (status.value === 'authenticated')
          status.value = 'idle'
      }
      return null
    })().finally(() => {
      restoring = undefined
    })
    return restoring
  }

  /**
   * Logs out: `POST {authBase}/logout` (or your `logout()`), then forgets the user. The local
   * state is cleared even when the request fails (then `error` says so).
   */
  async function logout(): Promise<void> {
    const current = ++attempt
    const signedOut = user.value
    let reason: WechatLoginError | null = null
    try {
      if (exchange)
        await endSession?.()
      else
        await request('/logout', 'POST')
    }
    catch (cause) {
      reason = toLoginError(cause, 'NETWORK_ERROR', devOnly(() => __DEV__ && 'logout() failed. Check your backend.') || 'logout() failed.')
    }
    // A login started while the request was out owns the attempt; only the user logged out goes.
    if (user.value === signedOut) {
      user.value = null
      expiresAt.value = null
    }
    if (current !== attempt)
      return
    ticket.value = null
    forgetPending()
    error.value = reason
    status.value = reason ? 'error' : 'idle'
  }

  return {
    status,
    // Spelled out so the built declarations keep the alias an app's registered user type reaches.
    user: user as ShallowRef<WechatLoginUser | null>,
    error,
    ticket,
    expiresAt,
    isAuthenticated,
    start,
    refresh,
    resume,
    expire,
    cancel,
    fail,
    reset,
    complete,
    receive,
    restore,
    logout,
  }
})

/** The store instance `useWechatAuthStore()` returns. */
export type WechatAuthStore = ReturnType<typeof useWechatAuthStore>

if ((import.meta as HotImportMeta).hot)
  (import.meta as HotImportMeta).hot!.accept(acceptHMRUpdate(useWechatAuthStore, (import.meta as HotImportMeta).hot))
