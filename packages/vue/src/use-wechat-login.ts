import type { WechatLoginError } from '@wechat-qr-login/core'
import type { ComputedRef, MaybeRefOrGetter, Ref } from 'vue'
import type { WechatQrOptions } from './qr-options'
import type { WechatAuthStore } from './store'
import type { WechatLoginStatus, WechatLoginTicket, WechatLoginUser } from './types'
import { checkReturnPath, WechatLoginError as LoginError } from '@wechat-qr-login/core'
import { devOnly, invalidOption } from '@wechat-qr-login/core/internal'
import { computed, getCurrentInstance, getCurrentScope, onBeforeMount, onMounted, onScopeDispose, readonly, shallowRef, toValue, warn, watch } from 'vue'
import { toLoginError } from './login-errors'
import { injectWechatLoginOptions } from './options'
import { navigatesTopWindow } from './pending-logins'
import { openCenteredPopup, watchPopupClosed } from './popup'
import { buildQrUrl } from './qr-url'
import { useLoginMachine } from './store'

/** Options of {@link useWechatLogin}: the QR options (over the app-wide ones) and when to start. */
export interface UseWechatLoginOptions extends WechatQrOptions {
  /**
   * A state your own backend issued, used instead of obtaining one.
   * @default undefined
   */
  state?: string
  /**
   * Restore the session and start a login (obtain the state) as the component mounts, and again
   * after a logout, unless a user is signed in or an error is showing.
   * @default true
   */
  immediate?: boolean
}

/** What {@link useWechatLogin} returns. */
export interface UseWechatLoginReturn {
  /** Where the login stands (the store's). */
  status: ComputedRef<WechatLoginStatus>
  /** The signed-in user, or `null`. */
  user: ComputedRef<WechatLoginUser | null>
  /** Why the login failed, while `status` is `error`. */
  error: ComputedRef<WechatLoginError | null>
  /** The current login attempt. */
  ticket: ComputedRef<WechatLoginTicket | null>
  /** Whether a user is signed in. */
  isAuthenticated: ComputedRef<boolean>
  /** The options in effect: yours over `createWechatLogin()`'s (unset ones are `undefined`). */
  options: ComputedRef<UseWechatLoginOptions>
  /** WeChat's page for the current ticket: the iframe `src` (embedded) or the page to open. `null` while an option is invalid. */
  url: ComputedRef<string | null>
  /** Whether the login popup is open. */
  popupOpen: Readonly<Ref<boolean>>
  /** Obtains a state and the QR parameters. Never rejects; `null` when it failed. */
  start: () => Promise<WechatLoginTicket | null>
  /**
   * Window modes: opens the popup or sends the tab to WeChat. Call it synchronously from a click
   * (popup blockers); a blocked popup sets `error` to `POPUP_BLOCKED`.
   */
  open: () => void
  /** After a blocked popup: the same login in this tab (redirect mode). */
  openInThisTab: () => Promise<void>
  /** A new state and a new QR (after expiry). */
  refresh: () => Promise<WechatLoginTicket | null>
  /** After an error: reopens the popup when its state is still usable, else starts over. */
  retry: () => void
  /** Gives up the current attempt (`status` becomes `cancelled`). */
  cancel: () => void
  /** Forgets the current attempt and every pending state. */
  reset: () => void
  /** Logs out. */
  logout: () => Promise<void>
  /**
   * Calls `callback` with the user each time a login completes while this view is on screen: a
   * relayed result, or a top-window login back on this page (once its session is confirmed).
   */
  onSuccess: (callback: (user: WechatLoginUser) => void) => void
  /** The underlying store. */
  store: WechatAuthStore
}

/** Renews a window-mode state this long before it expires, so a click never opens a dead one. */
const RENEW_MARGIN = 30_000

/**
 * Where this page is, to come back to after the login: its path, query and hash, or only its
 * path when the whole is too long to keep with the state (the server then refuses it), or
 * nothing (the server's default return path).
 */
function currentPath(): string | undefined {
  const { pathname, search, hash } = location
  return [pathname + search + hash, pathname].find(path => checkReturnPath(path).ok)
}

/**
 * The login as a component sees it, a view of the auth store: merges the QR options (yours over
 * `createWechatLogin()`'s), restores the session and starts a login as the component mounts,
 * builds WeChat's URL, expires the embedded QR after `qrLifetime`, opens and watches the popup,
 * reports completed logins (`onSuccess`), and cleans its timers up with the scope. SSR-safe:
 * nothing starts on the server; in the browser it starts before the first render (once mounted
 * when hydrating server-rendered markup).
 *
 * @example
 * const { status, url, open, error } = useWechatLogin({ mode: 'new-window' })
 */
export function useWechatLogin(options: MaybeRefOrGetter<UseWechatLoginOptions> = {}): UseWechatLoginReturn {
  const defaults = injectWechatLoginOptions()
  const { store, machine } = useLoginMachine()

  const merged = computed(() => {
    const given = toValue(options) as Record<string, unknown>
    const result: Record<string, unknown> = { ...defaults }
    for (const key in given) {
      if (given[key] !== undefined)
        result[key] = given[key]
    }
    return result as UseWechatLoginOptions
  })

  // The options the component uses beside WeChat's URL are checked with it, once.
  const built = computed((): { url: string | null, error?: WechatLoginError } => {
    const current = merged.value
    try {
      if (current.loader !== undefined && current.loader !== 'iframe' && current.loader !== 'official')
        throw invalidOption('loader', () => __DEV__ && 'use "iframe" (the default: no third-party script) or "official" (WeChat\'s wxLogin.js).')
      for (const option of ['qrLifetime', 'loadTimeout'] as const) {
        const value = current[option]
        if (value !== undefined && !(value > 0))
          throw invalidOption(option, () => __DEV__ && `expected a positive number of ${option === 'qrLifetime' ? 'seconds' : 'milliseconds'}.`)
      }
      return { url: store.ticket && buildQrUrl(store.ticket, current) }
    }
    catch (reason) {
      return { url: null, error: toLoginError(reason, 'INVALID_OPTION', 'Invalid option.') }
    }
  })
  const url = computed(() => built.value.url)

  const popupOpen = shallowRef(false)
  const successCallbacks: Array<(user: WechatLoginUser) => void> = []
  let popup: Window | null = null
  let stopWatchingPopup: (() => void) | undefined
  let ticketTimer: ReturnType<typeof setTimeout> | undefined
  let detach: (() => void) | undefined

  function fail(reason: WechatLoginError): void {
    warn(reason.message)
    machine.fail(reason)
  }

  // An option the URL builders refuse, now or after a change, is the login's error.
  watch(() => built.value.error, reason => reason && fail(reason))

  function start(mode = merged.value.mode): Promise<WechatLoginTicket | null> {
    const current = merged.value
    // `returnTo` only matters when WeChat navigates the whole tab.
    const returnTo = navigatesTopWindow({ mode: mode ?? 'embedded', selfRedirect: current.selfRedirect }) ? current.returnTo ?? currentPath() : undefined
    // An option the store refused (`mode`, `returnTo`, a missing `appid`) is the app's to fix.
    return store.start({ ...current, mode, returnTo }).then((ticket) => {
      if (!ticket && store.error?.option)
        warn(store.error.message)
      return ticket
    })
  }

  function closePopupWatch(): void {
    stopWatchingPopup?.()
    stopWatchingPopup = undefined
    popupOpen.value = false
  }

  function open(): void {
    const ticket = store.ticket
    const link = url.value
    if (!ticket || !link || ticket.mode === 'embedded')
      return
    if (ticket.mode === 'redirect')
      return location.assign(link)
    if (popup && !popup.closed && popupOpen.value)
      return popup.focus()
    if (store.status !== 'awaiting-scan' && !machine.resume())
      return void start()
    popup = openCenteredPopup(link)
    if (!popup)
      return machine.fail(new LoginError('POPUP_BLOCKED', devOnly(() => __DEV__ && 'The browser blocked the WeChat login window. Allow pop-ups for this site, or continue in this tab.') || 'Popup blocked.'))
    closePopupWatch()
    popupOpen.value = true
    stopWatchingPopup = watchPopupClosed(popup, () => {
      popupOpen.value = false
      if (store.ticket === ticket && store.status === 'awaiting-scan')
        store.cancel()
    })
  }

  async function openInThisTab(): Promise<void> {
    const ticket = await start('redirect')
    if (ticket)
      location.assign(buildQrUrl(ticket, merged.value))
  }

  function retry(): void {
    if (store.ticket?.mode === 'new-window' && store.error?.code === 'POPUP_BLOCKED' && machine.resume())
      open()
    else
      void start()
  }

  // The embedded QR expires after `qrLifetime`; a window-mode state is renewed before it expires.
  watch([() => store.ticket, () => store.status, () => merged.value.qrLifetime, popupOpen], ([ticket, status, qrLifetime = 300]) => {
    clearTimeout(ticketTimer)
    if (!ticket || status !== 'awaiting-scan')
      return
    const untilStateExpires = ticket.expiresAt - Date.now()
    if (ticket.mode === 'embedded') {
      ticketTimer = setTimeout(machine.expire, Math.min(qrLifetime * 1000, untilStateExpires), ticket.state)
    }
    // A state that arrives with less than the margin left (a clock ahead of the server's) would
    // be renewed at once, again and again: keep it, a click still opens it.
    else if (!popupOpen.value && untilStateExpires > RENEW_MARGIN) {
      ticketTimer = setTimeout(start, untilStateExpires - RENEW_MARGIN)
    }
  })

  const { immediate = true } = toValue(options)
  const begin = (): void => {
    if (detach)
      return
    detach = machine.attach({
      success: user => successCallbacks.forEach(callback => callback(user)),
      restart: () => void (immediate && start()),
    })
    // An option refused before anything started (the watch above reports later changes).
    if (built.value.error)
      fail(built.value.error)
    if (!immediate)
      return
    // Before asking for a state, so that a top-window login back on this page is recognised.
    void store.restore()
    // An error already there (e.g. a failed redirect login that `restore()` reported) stays
    // visible, with its retry, instead of being replaced by a fresh QR.
    if (!store.isAuthenticated && store.status !== 'error')
      void start()
  }
  const instance = getCurrentInstance()
  if (instance) {
    // Before the first render: a ticket that needs no request (a state passed in, or minted for
    // a custom backend) then renders the QR right away, and a request starts sooner. While
    // hydrating server-rendered markup (the vnode already has its element, which is how Vue
    // decides to hydrate), the first render must match the server's: start once mounted.
    onBeforeMount(() => instance.vnode.el || begin())
    onMounted(begin)
  }
  else if (typeof window !== 'undefined') {
    begin()
  }

  // A new mode, state or app needs a new ticket.
  watch(() => JSON.stringify([merged.value.mode, merged.value.selfRedirect, merged.value.state, merged.value.appid, merged.value.redirectUri, merged.value.openBase]), () => {
    if (detach && !store.isAuthenticated)
      void start()
  })

  if (getCurrentScope()) {
    onScopeDispose(() => {
      clearTimeout(ticketTimer)
      closePopupWatch()
      detach?.()
    })
  }

  return {
    status: computed(() => store.status),
    user: computed(() => store.user),
    error: computed(() => store.error),
    ticket: computed(() => store.ticket),
    isAuthenticated: computed(() => store.isAuthenticated),
    options: merged,
    url,
    popupOpen: readonly(popupOpen),
    start: () => start(),
    open,
    openInThisTab,
    refresh: () => start(),
    retry,
    cancel: () => store.cancel(),
    reset: () => store.reset(),
    logout: () => store.logout(),
    onSuccess: callback => void successCallbacks.push(callback),
    store,
  }
}
