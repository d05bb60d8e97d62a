import type { WechatLang, WechatLoginMode, WechatQrStyle } from '@wechat-qr-login/core'
import type { PropType, SlotsType, VNode } from 'vue'
import type { WechatQrLoader } from './options'
import type { ResolvedQrOptions } from './resolve-options'
import type { WechatLoginStatus, WechatLoginTicket, WechatLoginUser } from './types'
import { WECHAT_LOGIN_SCOPE, WechatLoginError } from '@wechat-qr-login/core'
import { computed, defineComponent, h, nextTick, watch } from 'vue'
import { toLoginError } from './login-errors'
import { getMessages } from './messages'
import { resolveScriptUrl } from './resolve-options'
import { useWechatLogin } from './use-wechat-login'
import { loadWxLogin } from './wx-login-script'

/** Payload of the `ready` event: the QR (or the window button) can be used. */
export interface WechatQrReadyEvent {
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

/** What `<WechatQrLogin>` shows, derived from the store's status. */
export type WechatQrView = 'preparing' | 'ready' | 'exchanging' | 'authenticated' | 'error' | 'expired' | 'cancelled'

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
  /** Window modes: replaces the button that opens WeChat's page. Call `open` synchronously in the click. */
  button: { open: () => void, disabled: boolean, status: WechatLoginStatus, popupOpen: boolean, label: string }
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
 * Nothing else: WeChat's page opens no popup and submits no form.
 */
function sandboxFor(selfRedirect: boolean | undefined): string {
  return selfRedirect ? 'allow-scripts allow-same-origin' : 'allow-scripts allow-same-origin allow-top-navigation'
}

/**
 * The id WeChat's script looks the container up by. Derived from the state, so it is unique on
 * the page even across several Vue apps (only rendered on the client, so no hydration concern).
 */
function containerId(ticket: WechatLoginTicket): string {
  return `wechat-qr-login-${ticket.state}`
}

function toCssSize(size: number | string): string {
  return typeof size === 'number' ? `${size}px` : size
}

/**
 * WeChat QR login: the embedded QR (`mode="embedded"`, default), a button that opens WeChat's
 * page in a popup (`new-window`) or in this tab (`redirect`). With the server package mounted at
 * `/auth/wechat` it needs no prop. Renders on the server (the preparing state), starts on mount.
 *
 * @example
 * <WechatQrLogin mode="new-window" @success="user => router.push('/')" />
 */
export const WechatQrLogin = /* #__PURE__ */ defineComponent({
  name: 'WechatQrLogin',
  props: {
    /** `embedded`, `new-window` or `redirect`. @default 'embedded' */
    mode: { type: String as PropType<WechatLoginMode>, default: undefined },
    /** The website app's AppID (the server package sends it). */
    appid: { type: String, default: undefined },
    /** The callback URL (the server package sends it). */
    redirectUri: { type: String, default: undefined },
    /** A state your own backend issued; obtained for you when unset. */
    state: { type: String, default: undefined },
    /** Origin of WeChat's pages (the emulator's URL offline). @default 'https://open.weixin.qq.com' */
    openBase: { type: String, default: undefined },
    /** `cn` or `en`, for WeChat's page and the default texts. @default 'cn' */
    lang: { type: String as PropType<WechatLang>, default: undefined },
    /** `black` or `white` text on the QR page (WeChat's `style`). */
    theme: { type: String as PropType<WechatQrStyle>, default: undefined },
    /** CSS for the QR page, inlined as a data URL. */
    css: { type: String, default: undefined },
    /** Stylesheet URL for the QR page (`https:` or `data:text/css`). */
    href: { type: String, default: undefined },
    /** WeChat's newer QR layout. @default false */
    stylelite: { type: Boolean, default: undefined },
    /** Offer fast login through WeChat for desktop. @default true */
    fastLogin: { type: Boolean, default: undefined },
    /** The callback lands in the iframe and relays the result (no reload). @default false */
    selfRedirect: { type: Boolean, default: undefined },
    /** `iframe` (own iframe, no script) or `official` (WeChat's wxLogin.js). @default 'iframe' */
    loader: { type: String as PropType<WechatQrLoader>, default: undefined },
    /** wxLogin.js URL for the `official` loader. */
    scriptUrl: { type: String, default: undefined },
    /** Milliseconds to wait for wxLogin.js. @default 10000 */
    scriptTimeout: { type: Number, default: undefined },
    /** Seconds before the embedded QR is replaced by a refresh action. @default 300 */
    qrLifetime: { type: Number, default: undefined },
    /** Path to return to after a top-window login. @default the current path */
    returnTo: { type: String, default: undefined },
    /** Width of the embedded QR. @default 300 */
    width: { type: [Number, String] as PropType<number | string>, default: 300 },
    /** Height of the embedded QR. @default 400 */
    height: { type: [Number, String] as PropType<number | string>, default: 400 },
  },
  emits: {
    /** The QR loaded (embedded), or the button can open WeChat's page (window modes). */
    ready: (event: WechatQrReadyEvent) => typeof event.url === 'string',
    /** Signed in. */
    success: (user: WechatLoginUser) => user !== null && user !== undefined,
    /** The login failed or an option is invalid. */
    error: (error: WechatLoginError) => error instanceof WechatLoginError,
    /** The embedded QR expired (after `qrLifetime`). */
    expired: (event: WechatQrExpiredEvent) => typeof event.state === 'string',
    /** The user closed the popup (or the app cancelled). */
    cancel: () => true,
  },
  slots: Object as SlotsType<WechatQrLoginSlots>,
  setup(props, { emit, slots, expose }) {
    const login = useWechatLogin(() => ({
      mode: props.mode,
      appid: props.appid,
      redirectUri: props.redirectUri,
      state: props.state,
      openBase: props.openBase,
      lang: props.lang,
      theme: props.theme,
      css: props.css,
      href: props.href,
      stylelite: props.stylelite,
      fastLogin: props.fastLogin,
      selfRedirect: props.selfRedirect,
      loader: props.loader,
      scriptUrl: props.scriptUrl,
      scriptTimeout: props.scriptTimeout,
      qrLifetime: props.qrLifetime,
      returnTo: props.returnTo,
    }))
    const messages = computed(() => getMessages(login.options.value?.lang ?? props.lang))
    const mode = computed(() => login.ticket.value?.mode ?? login.options.value?.mode ?? props.mode ?? 'embedded')
    const view = computed((): WechatQrView => {
      const status = login.status.value
      if (status === 'idle' || status === 'preparing')
        return 'preparing'
      return status === 'awaiting-scan' ? 'ready' : status
    })
    let readyState: string | undefined

    function reportReady(ticket: WechatLoginTicket, url: string): void {
      if (readyState === ticket.state)
        return
      readyState = ticket.state
      emit('ready', { mode: ticket.mode, state: ticket.state, url })
    }

    function onFrameLoad(state: string): void {
      const ticket = login.ticket.value
      if (ticket?.state === state && login.url.value)
        reportReady(ticket, login.url.value)
    }

    // Synchronous, as the store changes: a parent that unmounts this component on sign-in
    // (`v-if="!auth.user"`) re-renders before a deferred watcher would run, and the event would
    // be lost with it.
    watch(login.status, (status) => {
      const ticket = login.ticket.value
      if (status === 'authenticated' && login.user.value)
        emit('success', login.user.value)
      else if (status === 'expired' && ticket)
        emit('expired', { state: ticket.state })
      else if (status === 'cancelled')
        emit('cancel')
    }, { flush: 'sync' })
    watch(login.error, (error) => {
      if (error)
        emit('error', error)
    }, { flush: 'sync' })
    // Window modes are ready as soon as the button can open a live state.
    watch([login.url, login.status], ([url, status]) => {
      const ticket = login.ticket.value
      if (url && ticket && ticket.mode !== 'embedded' && status === 'awaiting-scan')
        reportReady(ticket, url)
    })

    async function mountOfficial(ticket: WechatLoginTicket, options: ResolvedQrOptions): Promise<void> {
      try {
        const WxLogin = await loadWxLogin(resolveScriptUrl(ticket, options), { timeout: options.scriptTimeout })
        await nextTick()
        const id = containerId(ticket)
        const container = document.getElementById(id)
        if (login.ticket.value?.state !== ticket.state || !container)
          return
        // WeChat's script concatenates these into its URL without encoding them.
        // eslint-disable-next-line no-new -- the constructor renders into the container
        new WxLogin({
          id,
          appid: ticket.appid,
          scope: WECHAT_LOGIN_SCOPE,
          redirect_uri: encodeURIComponent(ticket.redirectUri),
          state: ticket.state,
          style: options.theme,
          href: options.href === undefined ? undefined : encodeURIComponent(options.href),
          self_redirect: ticket.selfRedirect,
          lang: options.lang,
          ...(options.stylelite ? { stylelite: 1 as const } : {}),
          ...(options.fastLogin ? {} : { fast_login: 0 as const }),
        })
        const iframe = container.querySelector('iframe')
        if (!iframe)
          return
        iframe.addEventListener('load', () => onFrameLoad(ticket.state))
        iframe.title ||= messages.value.title
        if (!iframe.hasAttribute('allow')) {
          iframe.setAttribute('allow', 'local-network-access')
          // A frame's permissions are fixed when it navigates: load again with the attribute.
          iframe.setAttribute('src', iframe.getAttribute('src') ?? '')
        }
      }
      catch (reason) {
        if (login.ticket.value?.state === ticket.state)
          login.store.fail(toLoginError(reason, 'SCRIPT_LOAD_FAILED', 'wxLogin.js could not be loaded.'))
      }
    }

    // The script renders once per ticket, and again when an option changes its URL.
    watch([view, login.ticket, login.url], ([currentView, ticket]) => {
      const options = login.options.value
      if (currentView === 'ready' && ticket?.mode === 'embedded' && options?.loader === 'official')
        void mountOfficial(ticket, options)
    }, { flush: 'post' })

    const { retry } = login
    expose({ start: login.start, refresh: login.refresh, retry, open: login.open, openInThisTab: login.openInThisTab, cancel: login.cancel })

    function statusText(): string {
      const text = messages.value
      switch (view.value) {
        case 'preparing': return text.preparing
        case 'ready': return mode.value === 'new-window' && login.popupOpen.value ? text.waiting : ''
        case 'exchanging': return text.exchanging
        case 'authenticated': return text.authenticated
        case 'expired': return text.expired
        case 'cancelled': return text.cancelled
        case 'error': return text.errors[login.error.value?.code ?? 'EXCHANGE_FAILED'] ?? text.failed
      }
    }

    function button(label: string, onClick: () => void, modifier: string): VNode {
      return h('button', { type: 'button', class: ['wechat-qr-login__button', `wechat-qr-login__button--${modifier}`], onClick }, label)
    }

    function renderFrame(): VNode | VNode[] | undefined {
      const ticket = login.ticket.value
      const url = login.url.value
      const size = { width: toCssSize(props.width), height: toCssSize(props.height) }
      if (view.value === 'preparing')
        return h('div', { class: 'wechat-qr-login__frame wechat-qr-login__frame--placeholder', style: size }, slots.preparing?.({}))
      if (view.value !== 'ready' || !ticket || !url)
        return undefined
      if (login.options.value?.loader === 'official')
        return h('div', { key: ticket.state, id: containerId(ticket), class: 'wechat-qr-login__frame', style: size })
      return h('iframe', {
        key: ticket.state,
        class: 'wechat-qr-login__frame',
        src: url,
        title: messages.value.title,
        width: props.width,
        height: props.height,
        frameborder: '0',
        scrolling: 'no',
        allow: 'local-network-access',
        sandbox: sandboxFor(ticket.selfRedirect),
        onLoad: () => onFrameLoad(ticket.state),
      })
    }

    function renderWindowButton(): VNode | VNode[] | undefined {
      if (view.value === 'preparing' && slots.preparing)
        return slots.preparing({})
      if (view.value !== 'preparing' && view.value !== 'ready' && view.value !== 'cancelled')
        return undefined
      const popupOpen = login.popupOpen.value
      const label = popupOpen ? messages.value.reopen : messages.value.open
      const disabled = view.value === 'preparing' || !login.url.value
      const slotProps = { open: login.open, disabled, status: login.status.value, popupOpen, label }
      return slots.button?.(slotProps) ?? h('button', {
        type: 'button',
        class: 'wechat-qr-login__button wechat-qr-login__button--open',
        disabled,
        onClick: login.open,
      }, label)
    }

    function renderOutcome(): VNode | VNode[] | undefined {
      const text = messages.value
      switch (view.value) {
        case 'expired':
          return slots.expired?.({ refresh: login.refresh }) ?? button(text.refresh, login.refresh, 'refresh')
        case 'error': {
          const error = login.error.value!
          const openInThisTab = error.code === 'POPUP_BLOCKED' ? login.openInThisTab : undefined
          return slots.error?.({ error, retry, openInThisTab }) ?? [
            button(text.retry, retry, 'retry'),
            ...(openInThisTab ? [button(text.sameTab, openInThisTab, 'same-tab')] : []),
          ]
        }
        case 'cancelled':
          return mode.value === 'embedded' ? slots.cancelled?.({ retry }) ?? button(text.retry, retry, 'retry') : slots.cancelled?.({ retry })
        case 'exchanging':
          return slots.exchanging?.({})
        case 'authenticated':
          return login.user.value ? slots.authenticated?.({ user: login.user.value }) : undefined
        default:
          return undefined
      }
    }

    return () => h('div', {
      'class': ['wechat-qr-login', `wechat-qr-login--${mode.value}`, `wechat-qr-login--${view.value}`],
      'data-status': login.status.value,
    }, [
      h('p', { 'class': 'wechat-qr-login__status', 'role': 'status', 'aria-live': 'polite' }, statusText()),
      mode.value === 'embedded' ? renderFrame() : renderWindowButton(),
      renderOutcome(),
    ])
  },
})
