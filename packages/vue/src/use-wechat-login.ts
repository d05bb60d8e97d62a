import type { WechatLoginError } from '@wechat-qr-login/core'
import type { ComputedRef, MaybeRefOrGetter, Ref } from 'vue'
import type { WechatQrOptions } from './options'
import type { ResolvedQrOptions } from './resolve-options'
import type { WechatAuthStore } from './store'
import type { WechatLoginStatus, WechatLoginTicket, WechatLoginUser } from './types'
import { checkReturnPath, WechatLoginError as LoginError } from '@wechat-qr-login/core'
import { devOnly } from '@wechat-qr-login/core/internal'
import { computed, getCurrentInstance, getCurrentScope, onBeforeMount, onMounted, onScopeDispose, readonly, shallowRef, toValue, warn, watch } from 'vue'
import { toLoginError } from './login-errors'
import { injectWechatLoginOptions } from './options'
import { openCenteredPopup, watchPopupClosed } from './popup'
import { buildQrUrl, navigatesTopWindow, resolveQrOptions } from './resolve-options'
import { useWechatAuthStore } from './store'

/** Options of {@link useWechatLogin}: the QR options (over the app-wide ones) and when to start. */
export interface UseWechatLoginOptions extends WechatQrOptions {
  /**
   * A state your own backend issued, used instead of obtaining one.
   * @default undefined
   */
  state?: string
  /**
   * Start a login (obtain the state) as the component mounts, and again after a logout, unless
   * a user is signed in or an error is showing.
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
  /** The options in effect, or `null` while an option is invalid (then `error` names it). */
  options: ComputedRef<ResolvedQrOptions | null>
  /** WeChat's page for the current ticket: the iframe `src` (embedded) or the page to open. */
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

function tryOnScopeDispose(cleanup: () => void): void {
  if (getCurrentScope())
    onScopeDispose(cleanup)
}

/**
 * The login as a component sees it: resolves the QR options (yours over `createWechatLogin()`'s),
 * starts a login as the component mounts, builds WeChat's URL, expires the embedded QR after
 * `qrLifetime`, opens and watches the popup, and cleans its timers up with the scope. State
 * lives in `useWechatAuthStore`. SSR-safe: nothing starts on the server; in the browser it
 * starts before the first render (once mounted when hydrating server-rendered markup).
 *
 * @example
 * const { status, url, open, error } = useWechatLogin({ mode: 'new-window' })
 */
export function useWechatLogin(options: MaybeRefOrGetter<UseWechatLoginOptions> = {}): UseWechatLoginReturn {
  const defaults = injectWechatLoginOptions()
  const store = useWechatAuthStore()

  const resolution = computed((): { options: ResolvedQrOptions, error?: undefined } | { options?: undefined, error: WechatLoginError } => {
    const { immediate: _immediate, ...overrides } = toValue(options)
    try {
      return { options: resolveQrOptions(defaults, overrides) }
    }
    catch (reason) {
      return { error: toLoginError(reason, 'INVALID_OPTION', devOnly(() => __DEV__ && 'An option of the WeChat login is invalid.') || 'Invalid option.') }
    }
  })
  const resolved = computed(() => resolution.value.options ?? null)

  const url = computed(() => {
    const ticket = store.ticket
    const current = resolved.value
    return ticket && current ? buildQrUrl(ticket, current) : null
  })

  const popupOpen = shallowRef(false)
  let popup: Window | null = null
  let stopWatchingPopup: (() => void) | undefined
  let ticketTimer: ReturnType<typeof setTimeout> | undefined

  function reportInvalid(reason: WechatLoginError): void {
    warn(reason.message)
    store.fail(reason)
  }

  function startWith(current: ResolvedQrOptions, mode = current.mode): Promise<WechatLoginTicket | null> {
    // The resolved options carry every start option (mode, selfRedirect, appid, redirectUri,
    // openBase, state); `returnTo` only matters when WeChat navigates the whole tab.
    const returnTo = navigatesTopWindow({ ...current, mode }) ? current.returnTo ?? currentPath() : undefined
    return store.start({ ...current, mode, returnTo })
  }

  async function start(): Promise<WechatLoginTicket | null> {
    const { options: current, error } = resolution.value
    if (error) {
      reportInvalid(error)
      return null
    }
    return startWith(current)
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
    if (ticket.mode === 'redirect') {
      location.assign(link)
      return
    }
    if (popup && !popup.closed && popupOpen.value) {
      popup.focus()
      return
    }
    if (store.status !== 'awaiting-scan' && !store.resume()) {
      void start()
      return
    }
    popup = openCenteredPopup(link)
    if (!popup) {
      store.fail(new LoginError('POPUP_BLOCKED', devOnly(() => __DEV__ && 'The browser blocked the WeChat login window. Allow pop-ups for this site, or continue in this tab.') || 'Popup blocked.'))
      return
    }
    closePopupWatch()
    popupOpen.value = true
    const { state } = ticket
    stopWatchingPopup = watchPopupClosed(popup, () => {
      popupOpen.value = false
      if (store.ticket?.state === state && store.status === 'awaiting-scan')
        store.cancel()
    })
  }

  async function openInThisTab(): Promise<void> {
    const current = resolved.value
    if (!current)
      return
    const ticket = await startWith(current, 'redirect')
    if (ticket)
      location.assign(buildQrUrl(ticket, current))
  }

  function retry(): void {
    const ticket = store.ticket
    if (ticket?.mode === 'new-window' && store.error?.code === 'POPUP_BLOCKED' && store.resume())
      open()
    else
      void start()
  }

  function clearTicketTimer(): void {
    clearTimeout(ticketTimer)
    ticketTimer = undefined
  }

  // The embedded QR expires after `qrLifetime`; a window-mode state is renewed before it expires.
  watch([() => store.ticket, () => store.status, () => resolved.value?.qrLifetime, popupOpen], ([ticket, status, qrLifetime]) => {
    clearTicketTimer()
    if (!ticket || status !== 'awaiting-scan' || qrLifetime === undefined || typeof window === 'undefined')
      return
    const untilStateExpires = ticket.expiresAt - Date.now()
    if (ticket.mode === 'embedded')
      ticketTimer = setTimeout(() => store.expire(ticket.state), Math.max(0, Math.min(qrLifetime * 1000, untilStateExpires)))
    // A state that arrives with less than the margin left (a clock ahead of the server's) would
    // be renewed at once, again and again: keep it, a click still opens it.
    else if (!popupOpen.value && untilStateExpires > RENEW_MARGIN)
      ticketTimer = setTimeout(() => void start(), untilStateExpires - RENEW_MARGIN)
  })

  let begun = false
  const { immediate = true } = toValue(options)
  const begin = (): void => {
    if (begun)
      return
    begun = true
    // An error already there (e.g. a failed redirect login that `restore()` reported) stays
    // visible, with its retry, instead of being replaced by a fresh QR.
    if (immediate && !store.isAuthenticated && store.status !== 'error')
      void start()
  }
  const instance = getCurrentInstance()
  if (instance) {
    // Before the first render: a ticket that needs no request (a state passed in, or minted for
    // a custom backend) then renders the QR right away, and a request starts sooner. While
    // hydrating server-rendered markup (the vnode already has its element, which is how Vue
    // decides to hydrate), the first render must match the server's: start once mounted.
    onBeforeMount(() => {
      if (!instance.vnode.el)
        begin()
    })
    onMounted(begin)
  }
  else if (typeof window !== 'undefined') {
    begin()
  }

  // A new mode, state or app needs a new ticket; an option turning invalid is reported.
  watch(() => {
    const { options: current, error } = resolution.value
    return error ? `error:${error.message}` : JSON.stringify([current.mode, current.selfRedirect, current.state, current.appid, current.redirectUri, current.openBase])
  }, () => {
    if (begun && !store.isAuthenticated)
      void start()
  })

  // After a logout (or a reset) a mounted login offers a new QR.
  watch(() => store.status, (status) => {
    if (status === 'idle' && begun && immediate)
      void start()
  })

  tryOnScopeDispose(() => {
    clearTicketTimer()
    closePopupWatch()
  })

  return {
    status: computed(() => store.status),
    user: computed(() => store.user),
    error: computed(() => store.error),
    ticket: computed(() => store.ticket),
    isAuthenticated: computed(() => store.isAuthenticated),
    options: resolved,
    url,
    popupOpen: readonly(popupOpen),
    start,
    open,
    openInThisTab,
    refresh: start,
    retry,
    cancel: () => store.cancel(),
    reset: () => store.reset(),
    logout: () => store.logout(),
    store,
  }
}
