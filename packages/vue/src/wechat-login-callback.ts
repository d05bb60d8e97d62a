import type { WechatLang, WechatLoginError } from '@wechat-qr-login/core'
import type { PropType, SlotsType } from 'vue'
import type { RenderComponent } from './component-type'
import type { WechatRelayTarget } from './handle-callback'
import type { WechatLoginUser } from './types'
import { computed, defineComponent, h, onMounted, shallowRef } from 'vue'
import { handleWechatCallback } from './handle-callback'
import { getMessages } from './messages'
import { useWechatAuthStore } from './store'

/** Where `<WechatLoginCallback>` stands: `working` until the callback is handled (and on the server). */
export type WechatCallbackStatus = 'working' | 'none' | 'relayed' | 'authenticated' | 'error'

/** Props of the default slot of `<WechatLoginCallback>`. */
export interface WechatLoginCallbackSlots {
  default: { status: WechatCallbackStatus, user: WechatLoginUser | null, error: WechatLoginError | null }
}

const wechatLoginCallbackProps = {
  /** Origin of the app window results are relayed to. @default this page's origin */
  targetOrigin: String,
  /** Close the popup after relaying. @default true */
  closePopup: { type: Boolean, default: true },
  /** `cn` or `en`, for the default texts. @default 'cn' */
  lang: String as PropType<WechatLang>,
}

// Declared for their payload types; the component emits them itself, so nothing to validate.
const wechatLoginCallbackEmits = {
  /** Top window: signed in. `returnTo` is where the login started, when known. */
  success: (_user: WechatLoginUser, _returnTo?: string) => true,
  /** Top window: the login failed. */
  error: (_error: WechatLoginError) => true,
  /** Iframe or popup: the result went to the app window. */
  relayed: (_target: WechatRelayTarget) => true,
  /** The page has no `code` and no `state`. */
  none: () => true,
}

// Exported below under its written-out type (an annotation here would steer defineComponent's inference).
const component = /* #__PURE__ */ defineComponent({
  name: 'WechatLoginCallback',
  props: wechatLoginCallbackProps,
  emits: wechatLoginCallbackEmits,
  slots: Object as SlotsType<WechatLoginCallbackSlots>,
  setup(props, { emit, slots }) {
    const store = useWechatAuthStore()
    const status = shallowRef<WechatCallbackStatus>('working')
    const user = shallowRef<WechatLoginUser | null>(null)
    const error = shallowRef<WechatLoginError | null>(null)
    const messages = computed(() => getMessages(props.lang))

    onMounted(async () => {
      // The props are the options (`lang` is not one and is ignored).
      const outcome = await handleWechatCallback({ ...props, store })
      status.value = outcome.type
      if (outcome.type === 'authenticated') {
        user.value = outcome.user
        emit('success', outcome.user, outcome.returnTo)
      }
      else if (outcome.type === 'error') {
        error.value = outcome.error
        emit('error', outcome.error)
      }
      else if (outcome.type === 'relayed') {
        emit('relayed', outcome.target)
      }
      else {
        emit('none')
      }
    })

    function text(): string {
      const current = messages.value
      switch (status.value) {
        case 'working': return current.exchanging
        case 'relayed': return current.relayed
        case 'authenticated': return current.authenticated
        case 'error': return current.errors[error.value?.code ?? 'EXCHANGE_FAILED'] ?? current.failed
        case 'none': return ''
      }
    }

    return () => h('div', {
      'class': ['wechat-login-callback', `wechat-login-callback--${status.value}`],
      'role': 'status',
      'aria-live': 'polite',
    }, slots.default?.({ status: status.value, user: user.value, error: error.value }) ?? text())
  },
})

/**
 * The page at `redirect_uri` when the app receives the code: put it on that route. In the QR
 * iframe or the popup it relays the result to the app window (and closes the popup); in the top
 * window it completes the login and emits `success` with the path the login started from.
 *
 * @example
 * <WechatLoginCallback @success="(user, returnTo) => router.replace(returnTo ?? '/')" />
 */
export const WechatLoginCallback: RenderComponent<typeof wechatLoginCallbackProps, typeof wechatLoginCallbackEmits, WechatLoginCallbackSlots> = component
