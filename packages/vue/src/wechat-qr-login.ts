import type { WechatLoginError, WechatLoginFlow, WechatLoginMode } from '@wechat-qr-login/core'
import type { PropType, SlotsType, VNode } from 'vue'
import type { RenderComponent } from './component-type'
import type { WechatLoginStatus, WechatLoginTicket, WechatLoginUser } from './types'
import type { WechatLoginSuccess, WechatLoginUnavailable } from './use-wechat-login'
import { WechatLoginError as LoginError, WECHAT_ENDPOINTS } from '@wechat-qr-login/core'
import { devOnly } from '@wechat-qr-login/core/internal'
import { computed, defineAsyncComponent, defineComponent, h, onScopeDispose, watch } from 'vue'
import { button } from './button'
import { copyPageLink } from './copy-link'
import { toLoginError } from './login-errors'
import { getMessages } from './messages'
import { wechatQrOptionProps } from './qr-options'
import { useLoginMachine } from './store'
import { useWechatLogin } from './use-wechat-login'

/** Payload of the `ready` event: the QR (or the window button, or inside WeChat the login button) can be used. */
export interface WechatQrReadyEvent {
  /** The login: `qr`, or `oa` (an Official Account's, inside WeChat: `mode` is then `redirect`). */
  flow: WechatLoginFlow
  mode: WechatLoginMode
  state: string
  /** WeChat's page: the iframe `src`, or the page the button opens. */
  url: string
}

/** Payload of the `expired` event. */
export interface WechatQrExpiredEvent {
  /** The state of the QR that expired. */
  state: string
}

/**
 * What `<WechatQrLogin>` shows, derived from the store's status: `unavailable` is the panel of a
 * place where WeChat login does not work (see `WechatLoginUnavailable`).
 */
export type WechatQrView = 'preparing' | 'ready' | 'exchanging' | 'authenticated' | 'error' | 'expired' | 'cancelled' | 'unavailable'

/** Props of the slots of `<WechatQrLogin>`. */
export interface WechatQrLoginSlots {
  /** While the state is obtained (also what the server renders). */
  preparing: Record<string, never>
  /** The embedded QR expired. */
  expired: { refresh: () => void }
  /** The login failed. `openInThisTab` is set when a popup was blocked. */
  error: { error: WechatLoginError, retry: () => void, openInThisTab?: () => void }
  /** The user closed the popup or the app cancelled. */
  cancelled: { retry: () => void }
  /** A result arrived; the session is being opened. */
  exchanging: Record<string, never>
  /** Signed in. */
  authenticated: { user: WechatLoginUser }
  /**
   * Window modes, and inside WeChat: replaces the button that opens WeChat's page (`flow` says
   * which). Call `open` synchronously in the click.
   */
  button: { open: () => void, disabled: boolean, status: WechatLoginStatus, popupOpen: boolean, label: string, flow: WechatLoginFlow }
  /**
   * Replaces the panel of a place where WeChat login does not work. `copyLink` copies this
   * page's address (for the user to open it in WeChat) and resolves with whether it could.
   */
  unavailable: { reason: WechatLoginUnavailable, copyLink: () => Promise<boolean> }
  /** Under that panel: the app's other ways to sign in (a phone number, a password). */
  alternatives: { reason: WechatLoginUnavailable }
}

/**
 * Why each sandbox flag is there:
 * - `allow-scripts`: WeChat's QR page polls the scan status with script, and a callback relay
 *   page posts the result to this window.
 * - `allow-same-origin`: every page keeps its real origin. WeChat's page needs its own cookies
 *   and storage ("document is sandboxed" errors without it), and a relay page must be
 *   same-origin with this window to reach it and the BroadcastChannel.
 * - `allow-top-navigation`, only when WeChat navigates the top window (no `selfRedirect`): the
 *   user confirmed on the phone, so no gesture happened in this browser and
 *   `allow-top-navigation-by-user-activation` would block the navigation.
 * - `allow-popups allow-popups-to-escape-sandbox`, only when the page is not WeChat's (the
 *   emulator): its "Open the phone page" link opens the phone page in a tab of its own.
 * Nothing else: WeChat's page opens no popup and submits no form.
 */
function sandboxFor(ticket: WechatLoginTicket): string {
  return `allow-scripts allow-same-origin${ticket.selfRedirect ? '' : ' allow-top-navigation'}${ticket.openBase.replace(/\/+$/, '') === WECHAT_ENDPOINTS.openBase ? '' : ' allow-popups allow-popups-to-escape-sandbox'}`
}

/**
 * What only a page where WeChat login does not work shows (the panel, below the QR the hint to
 * scan a screenshot), loaded on demand: a page on a computer never loads it. A server render
 * waits for it; hydration takes its markup over once it is loaded (its props do not change
 * meanwhile: a patch before would skip the hydration).
 */
const UnavailablePanel = /* #__PURE__ */ defineAsyncComponent(() => import('./unavailable-panel').then(module => module.UnavailablePanel))
const ScreenshotHint = /* #__PURE__ */ defineAsyncComponent(() => import('./unavailable-panel').then(module => module.ScreenshotHint))

const wechatQrLoginProps = /* #__PURE__ */ Object.assign({}, wechatQrOptionProps, {
  /** A state your own backend issued. @default undefined (obtained for you) */
  state: String,
  /** Width of the embedded QR. @default 300 */
  width: { type: [Number, String] as PropType<number | string>, default: 300 },
  /** Height of the embedded QR. @default 400 */
  height: { type: [Number, String] as PropType<number | string>, default: 400 },
})

// Declared for their payload types; the component emits them itself, so nothing to validate.
const wechatQrLoginEmits = {
  /** The QR loaded (embedded), or the button can open WeChat's page (window modes). */
  ready: (_event: WechatQrReadyEvent) => true,
  /** Signed in: relayed, or a top-window login back on this page (once, after the session is confirmed). */
  success: (_user: WechatLoginUser, _login: WechatLoginSuccess) => true,
  /** The login failed or an option is invalid. */
  error: (_error: WechatLoginError) => true,
  /** The embedded QR expired (after `qrLifetime`). */
  expired: (_event: WechatQrExpiredEvent) => true,
  /** The user closed the popup (or the app cancelled). */
  cancel: () => true,
}

// Exported below under its written-out type (an annotation here would steer defineComponent's inference).
const component = /* #__PURE__ */ defineComponent({
  name: 'WechatQrLogin',
  props: wechatQrLoginProps,
  emits: wechatQrLoginEmits,
  slots: Object as SlotsType<WechatQrLoginSlots>,
  setup(props, { emit, slots, expose }) {
    // The props are the options (`width` and `height` are not options and are ignored).
    const login = useWechatLogin(props)
    const { machine } = useLoginMachine()
    const { ticket, status, options, url, popupOpen, retry, refresh, open, openInThisTab, flow, unavailable, environment } = login
    const messages = computed(() => getMessages(options.value.lang))
    // Inside WeChat, the login button's; in a phone's browser, the QR to screenshot is embedded.
    const mode = computed(() => flow.value === 'oa' ? 'official-account' : ticket.value?.mode ?? (environment.value === 'mobile-browser' ? 'embedded' : options.value.mode ?? 'embedded'))
    const view = computed((): WechatQrView => {
      const current = status.value
      // A panel alone, unless a session is open or opening (a user signed in elsewhere).
      if (current !== 'authenticated' && current !== 'exchanging' && (unavailable.value === 'not-configured' || (unavailable.value && !flow.value)))
        return 'unavailable'
      return current === 'idle' || current === 'preparing' ? 'preparing' : current === 'awaiting-scan' ? 'ready' : current
    })
    // A script or a timer that ends after the QR is gone must not leave an error in the (app-wide) store.
    let mounted = true
    let readyState: string | undefined
    let loadTimer: ReturnType<typeof setTimeout> | undefined
    onScopeDispose(() => {
      mounted = false
      clearTimeout(loadTimer)
    })

    function isCurrent(state: string): boolean {
      return mounted && ticket.value?.state === state && status.value === 'awaiting-scan'
    }

    function reportReady({ flow, mode, state }: WechatLoginTicket): void {
      if (readyState !== state && url.value) {
        readyState = state
        emit('ready', { flow, mode, state, url: url.value })
      }
    }

    // WeChat's page is on another origin: its `load` event is all this page can see of it, and a
    // browser fires it for its own error page too (a host that fails at once). What shows is a
    // page that never loads: a network that drops the connection to WeChat.
    function awaitFrame(frame: WechatLoginTicket): void {
      const { loadTimeout = 10_000 } = options.value
      clearTimeout(loadTimer)
      loadTimer = setTimeout(() => isCurrent(frame.state) && machine.fail(new LoginError('QR_LOAD_FAILED', devOnly(() => __DEV__ && `WeChat's QR page did not load within ${loadTimeout} ms: this browser cannot reach ${frame.openBase}. Check the network, or raise "loadTimeout".`) || 'The QR page did not load.')), loadTimeout)
    }

    function onFrameLoad(frame: WechatLoginTicket): void {
      clearTimeout(loadTimer)
      if (ticket.value === frame)
        reportReady(frame)
    }

    async function mountOfficial(frame: WechatLoginTicket): Promise<void> {
      try {
        // On demand: only the pages that ask for WeChat's script load the code that runs it.
        const { renderOfficialQr } = await import('./official-qr')
        const iframe = await renderOfficialQr(`wechat-qr-login-${frame.state}`, frame, options.value, () => isCurrent(frame.state))
        if (iframe) {
          iframe.addEventListener('load', () => onFrameLoad(frame))
          iframe.title ||= messages.value.title
          awaitFrame(frame)
        }
      }
      catch (reason) {
        if (isCurrent(frame.state))
          machine.fail(toLoginError(reason, 'SCRIPT_LOAD_FAILED', 'wxLogin.js could not be loaded.'))
      }
    }

    login.onSuccess((user, done) => emit('success', user, done))
    // Synchronous, as the store changes: a parent that unmounts this component on sign-in
    // (`v-if="!auth.user"`) re-renders before a deferred watcher would run, and the event would
    // be lost with it.
    watch(status, (current) => {
      if (current === 'expired')
        emit('expired', { state: ticket.value!.state })
      else if (current === 'cancelled')
        emit('cancel')
      // Desktop WeChat without an Official Account is no error: the QR shows instead.
      else if (current === 'error' && !(login.error.value!.code === 'OFFICIAL_ACCOUNT_NOT_CONFIGURED' && flow.value === 'qr'))
        emit('error', login.error.value!)
    }, { flush: 'sync' })

    // Once per ticket and URL (an option that changes the URL loads WeChat's page again): the
    // window modes are ready, the embedded QR is awaited (and rendered by WeChat's script).
    watch([view, url], ([currentView, currentUrl]) => {
      const frame = ticket.value
      clearTimeout(loadTimer)
      if (currentView !== 'ready' || !frame || !currentUrl)
        return
      if (frame.mode !== 'embedded')
        reportReady(frame)
      else if (options.value.loader === 'official')
        void mountOfficial(frame)
      else
        awaitFrame(frame)
    }, { flush: 'post' })

    expose({ start: login.start, refresh, retry, open, openInThisTab, cancel: login.cancel })

    return (): VNode => {
      const text = messages.value
      const current = view.value
      const frame = ticket.value
      const error = login.error.value
      const embedded = mode.value === 'embedded'
      const size = { width: typeof props.width === 'number' ? `${props.width}px` : props.width, height: typeof props.height === 'number' ? `${props.height}px` : props.height }
      const label = popupOpen.value ? text.reopen : text.open
      const sameTab = error?.code === 'POPUP_BLOCKED' ? openInThisTab : undefined
      const loginFlow = frame?.flow ?? flow.value ?? 'qr'
      const reason = current === 'authenticated' || current === 'exchanging' ? null : unavailable.value
      const panel = reason && [
        slots.unavailable?.({ reason, copyLink: copyPageLink }) ?? h(UnavailablePanel, { reason, lang: options.value.lang }),
        slots.alternatives?.({ reason }),
      ]

      let shown: VNode | VNode[] | undefined
      if (current === 'preparing') {
        shown = embedded
          ? h('div', { class: 'wechat-qr-login__frame wechat-qr-login__frame--placeholder', style: size }, slots.preparing?.({}))
          : slots.preparing?.({}) ?? button('open', label, open, true)
      }
      else if (embedded && current === 'ready' && frame && url.value) {
        shown = options.value.loader === 'official'
          ? h('div', { key: frame.state, id: `wechat-qr-login-${frame.state}`, class: 'wechat-qr-login__frame', style: size })
          : h('iframe', {
              key: frame.state,
              class: 'wechat-qr-login__frame',
              src: url.value,
              title: text.title,
              width: props.width,
              height: props.height,
              frameborder: '0',
              scrolling: 'no',
              allow: 'local-network-access',
              sandbox: sandboxFor(frame),
              onLoad: () => onFrameLoad(frame),
            })
      }
      else if (!embedded && (current === 'ready' || current === 'cancelled')) {
        // The window modes offer their button again after a cancel.
        const disabled = !url.value
        shown = slots.button?.({ open, disabled, status: status.value, popupOpen: popupOpen.value, label, flow: loginFlow }) ?? button('open', label, open, disabled)
      }

      const outcome = current === 'expired'
        ? slots.expired?.({ refresh }) ?? button('refresh', text.refresh, refresh)
        : current === 'error'
          ? slots.error?.({ error: error!, retry, openInThisTab: sameTab }) ?? [button('retry', text.retry, retry), sameTab && button('same-tab', text.sameTab, sameTab)]
          : current === 'cancelled'
            ? slots.cancelled?.({ retry }) ?? (embedded ? button('retry', text.retry, retry) : undefined)
            : current === 'exchanging'
              ? slots.exchanging?.({})
              : current === 'authenticated' && login.user.value ? slots.authenticated?.({ user: login.user.value }) : undefined

      return h('div', {
        'class': `wechat-qr-login wechat-qr-login--${mode.value} wechat-qr-login--${current}`,
        'data-status': status.value,
        'data-environment': environment.value ?? undefined,
      }, [
        h('p', { 'class': 'wechat-qr-login__status', 'role': 'status', 'aria-live': 'polite' }, current === 'ready' || current === 'unavailable' || (current === 'preparing' && loginFlow === 'oa')
          ? (mode.value === 'new-window' && popupOpen.value ? text.waiting : '')
          : current === 'error' ? text.errors[error!.code] ?? text.failed : text[current]),
        panel,
        shown,
        reason && shown && h(ScreenshotHint, { lang: options.value.lang }),
        outcome,
      ])
    }
  },
})

/**
 * WeChat login wherever the page is opened. On a computer, the QR login: the embedded QR
 * (`mode="embedded"`, default), a button that opens WeChat's page in a popup (`new-window`) or
 * in this tab (`redirect`). Inside WeChat, a button that starts the Official Account's login on
 * the user's tap (`silent` logs in as the page opens, openid only). In WeCom and in a phone's
 * browser, a panel that says where the login works, with the `alternatives` slot for the app's
 * other ways in. With the server package mounted at `/auth/wechat` it needs no prop. Renders on
 * the server (the preparing state of the request's environment, see `createWechatLogin({ userAgent })`),
 * restores the session and starts on mount, and emits `success` in every mode: at once for a
 * relayed login, and back on this page for a login that navigated the whole tab.
 *
 * @example
 * <WechatQrLogin mode="new-window" @success="user => router.push('/')" />
 */
export const WechatQrLogin: RenderComponent<typeof wechatQrLoginProps, typeof wechatQrLoginEmits, WechatQrLoginSlots> = component
