import type { WechatLang, WechatLoginError, WechatLoginMode, WechatQrStyle } from '@wechat-qr-login/core'
import type { PropType, SlotsType, VNode } from 'vue'
import type { RenderComponent } from './component-type'
import type { WechatQrLoader } from './options'
import type { ResolvedQrOptions } from './resolve-options'
import type { WechatLoginStatus, WechatLoginTicket, WechatLoginUser } from './types'
import { WECHAT_ENDPOINTS } from '@wechat-qr-login/core'
import { computed, defineComponent, h, onScopeDispose, watch } from 'vue'
import { toLoginError } from './login-errors'
import { getMessages } from './messages'
import { renderOfficialQr } from './official-qr'
import { useWechatLogin } from './use-wechat-login'

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
 * - `allow-popups allow-popups-to-escape-sandbox`, only when the page is not WeChat's (the
 *   emulator): its "Open the phone page" link opens the phone page in a tab of its own.
 * Nothing else: WeChat's page opens no popup and submits no form.
 */
function sandboxFor(ticket: WechatLoginTicket): string {
  const flags = ['allow-scripts', 'allow-same-origin']
  if (!ticket.selfRedirect)
    flags.push('allow-top-navigation')
  if (ticket.openBase.replace(/\/+$/, '') !== WECHAT_ENDPOINTS.openBase)
    flags.push('allow-popups', 'allow-popups-to-escape-sandbox')
  return flags.join(' ')
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

const wechatQrLoginProps = {
  /** `embedded`, `new-window` or `redirect`. @default 'embedded' */
  mode: String as PropType<WechatLoginMode>,
  /** The website app's AppID. @default the server's (required with a custom backend) */
  appid: String,
  /** The callback URL. @default the server's (required with a custom backend) */
  redirectUri: String,
  /** A state your own backend issued. @default undefined (obtained for you) */
  state: String,
  /** Origin of WeChat's pages (the emulator's URL offline). @default the server's, else 'https://open.weixin.qq.com' */
  openBase: String,
  /** `cn` or `en`, for WeChat's page and the default texts. @default 'cn' */
  lang: String as PropType<WechatLang>,
  /** `black` or `white` text on the QR page (WeChat's `style`). @default undefined (WeChat shows black) */
  theme: String as PropType<WechatQrStyle>,
  /** CSS for the QR page, inlined as a data URL. @default undefined */
  css: String,
  /** Stylesheet URL for the QR page (`https:` or `data:text/css`). @default undefined */
  href: String,
  /** WeChat's newer QR layout. @default false */
  stylelite: { type: Boolean, default: undefined },
  /** Offer fast login through WeChat for desktop. @default true */
  fastLogin: { type: Boolean, default: undefined },
  /** The callback lands in the iframe and relays the result (no reload). @default false */
  selfRedirect: { type: Boolean, default: undefined },
  /** `iframe` (own iframe, no script) or `official` (WeChat's wxLogin.js). @default 'iframe' */
  loader: String as PropType<WechatQrLoader>,
  /** wxLogin.js URL for the `official` loader. @default WeChat's, or `{openBase}/connect/zh_CN/htmledition/js/wxLogin.js` for another `openBase` */
  scriptUrl: String,
  /** Milliseconds to wait for wxLogin.js. @default 10000 */
  scriptTimeout: Number,
  /** Seconds before the embedded QR is replaced by a refresh action. @default 300 */
  qrLifetime: Number,
  /** Path to return to after a top-window login. @default the current path */
  returnTo: String,
  /** Width of the embedded QR. @default 300 */
  width: { type: [Number, String] as PropType<number | string>, default: 300 },
  /** Height of the embedded QR. @default 400 */
  height: { type: [Number, String] as PropType<number | string>, default: 400 },
}

// Declared for their payload types; the component emits them itself, so nothing to validate.
const wechatQrLoginEmits = {
  /** The QR loaded (embedded), or the button can open WeChat's page (window modes). */
  ready: (_event: WechatQrReadyEvent) => true,
  /** Signed in. */
  success: (_user: WechatLoginUser) => true,
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

    // A script that fails after the QR is gone must not leave an error in the (app-wide) store.
    let mounted = true
    onScopeDispose(() => {
      mounted = false
    })

    async function mountOfficial(ticket: WechatLoginTicket, options: ResolvedQrOptions): Promise<void> {
      const current = (): boolean => mounted && login.ticket.value?.state === ticket.state
      try {
        const iframe = await renderOfficialQr(containerId(ticket), ticket, options, current)
        if (!iframe)
          return
        iframe.addEventListener('load', () => onFrameLoad(ticket.state))
        iframe.title ||= messages.value.title
      }
      catch (reason) {
        if (current())
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
      const current = view.value
      if (current === 'ready')
        return mode.value === 'new-window' && login.popupOpen.value ? text.waiting : ''
      if (current === 'error')
        return text.errors[login.error.value?.code ?? 'EXCHANGE_FAILED'] ?? text.failed
      // Every other view has the text of the same name.
      return text[current]
    }

    function button(label: string, onClick: () => void, modifier: string, disabled = false): VNode {
      return h('button', { type: 'button', class: ['wechat-qr-login__button', `wechat-qr-login__button--${modifier}`], disabled, onClick }, label)
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
        sandbox: sandboxFor(ticket),
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
      return slots.button?.(slotProps) ?? button(label, login.open, 'open', disabled)
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
          // The window modes offer their open button again instead (renderWindowButton).
          return slots.cancelled?.({ retry }) ?? (mode.value === 'embedded' ? button(text.retry, retry, 'retry') : undefined)
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

/**
 * WeChat QR login: the embedded QR (`mode="embedded"`, default), a button that opens WeChat's
 * page in a popup (`new-window`) or in this tab (`redirect`). With the server package mounted at
 * `/auth/wechat` it needs no prop. Renders on the server (the preparing state), starts on mount.
 *
 * @example
 * <WechatQrLogin mode="new-window" @success="user => router.push('/')" />
 */
export const WechatQrLogin: RenderComponent<typeof wechatQrLoginProps, typeof wechatQrLoginEmits, WechatQrLoginSlots> = component
