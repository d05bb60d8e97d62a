import type { WechatLang } from '@wechat-qr-login/core'
import type { PropType } from 'vue'
import type { Texts } from './messages'
import type { WechatLoginUnavailable } from './use-wechat-login'
import { computed, defineComponent, h, shallowRef } from 'vue'
import { button } from './button'
import { copyPageLink } from './copy-link'
import { inLanguage } from './messages'

/** The panels' texts. */
const TEXTS: Texts<WechatLoginUnavailable | 'elsewhere' | 'unconfigured' | 'copyLink' | 'copied' | 'copyByHand' | 'screenshot'> = {
  // The panels' titles.
  'wecom': ['企业微信中无法使用微信登录', 'WeChat login does not work in WeCom'],
  'mobile-browser': ['请在微信中打开', 'Open this page in WeChat'],
  'not-configured': ['本站暂未开通微信内登录', 'This site has no login inside WeChat yet'],
  // What a user in WeCom or a phone's browser can do.
  'elsewhere': ['微信登录只能在微信中或电脑上使用。复制链接，在微信中打开（如发给「文件传输助手」），或在电脑浏览器中打开后扫码。', 'WeChat login works inside WeChat or on a computer. Copy the link and open it in WeChat (send it to File Transfer), or open it in a computer\'s browser and scan the QR code.'],
  // What a user in WeChat can do when the site has no login there, and what the site's owner must do.
  'unconfigured': ['请在电脑浏览器中打开本页，用微信扫码登录。网站管理员需为本站配置微信公众号（服务号）。', 'Open this page in a computer\'s browser and scan the QR code with WeChat. The site\'s owner must set up a WeChat Official Account (服务号) for it.'],
  'copyLink': ['复制链接', 'Copy the link'],
  'copied': ['链接已复制', 'Link copied'],
  // The link could not be copied for the user: it is shown to copy by hand.
  'copyByHand': ['请长按复制下面的链接：', 'Press and hold to copy the link:'],
  // Below the QR in a phone's browser (`screenshotQr`).
  'screenshot': ['也可截屏保存二维码，在微信「扫一扫」中从相册选择截图。', 'Or take a screenshot of the QR code and open it in WeChat: Scan, then Album.'],
}

const lang = String as PropType<WechatLang>

/** The panel of a place where WeChat login does not work: what the user can do, with this page's link to copy. */
export const UnavailablePanel = /* #__PURE__ */ defineComponent({
  name: 'WechatLoginUnavailable',
  props: {
    reason: { type: String as PropType<WechatLoginUnavailable>, required: true },
    lang,
  },
  setup(props) {
    const text = computed(() => inLanguage(TEXTS, props.lang))
    /** Whether this page's address was copied for the user; `false` shows it to copy by hand. */
    const copied = shallowRef<boolean>()
    const copy = async (): Promise<void> => {
      copied.value = await copyPageLink()
    }
    return () => h('div', { class: `wechat-qr-login__unavailable wechat-qr-login__unavailable--${props.reason}` }, [
      h('p', { class: 'wechat-qr-login__title' }, text.value[props.reason]),
      h('p', props.reason === 'not-configured' ? text.value.unconfigured : text.value.elsewhere),
      button('copy', copied.value ? text.value.copied : text.value.copyLink, () => void copy()),
      copied.value === false && [h('p', text.value.copyByHand), h('input', { class: 'wechat-qr-login__link', readonly: true, value: location.href })],
    ])
  },
})

/** Below the QR in a phone's browser (`screenshotQr`): how to scan it from the album. */
export const ScreenshotHint = /* #__PURE__ */ defineComponent({
  name: 'WechatLoginScreenshotHint',
  props: { lang },
  setup: props => () => h('p', { class: 'wechat-qr-login__hint' }, inLanguage(TEXTS, props.lang).screenshot),
})
