import type { WechatLang, WechatLoginErrorCode } from '@wechat-qr-login/core'

/** The texts of the default markup; slots replace any of them. */
export interface WechatLoginMessages {
  'title': string
  'preparing': string
  'expired': string
  'refresh': string
  'exchanging': string
  'authenticated': string
  'cancelled': string
  'retry': string
  'open': string
  'waiting': string
  'reopen': string
  'sameTab': string
  'relayed': string
  'failed': string
  /** Titles of the panels where WeChat login does not work (see `WechatLoginUnavailable`). */
  'wecom': string
  'mobile-browser': string
  'not-configured': string
  /** What a user in WeCom or a phone's browser can do. */
  'elsewhere': string
  /** What a user in WeChat can do when the site has no login there, and what the site's owner must do. */
  'unconfigured': string
  'copyLink': string
  'copied': string
  /** The link could not be copied for the user: it is shown to copy by hand. */
  'copyByHand': string
  /** Below the QR in a phone's browser (`screenshotQr`). */
  'screenshot': string
  'errors': Partial<Record<WechatLoginErrorCode, string>>
}

type Texts<Keys extends string> = Record<Keys, readonly [cn: string, en: string]>

/** Every text in both languages, side by side so that they stay the same: `[cn, en]`. */
const TEXTS: Texts<Exclude<keyof WechatLoginMessages, 'errors'>> = {
  'title': ['微信扫码登录', 'WeChat QR code login'],
  'preparing': ['正在加载二维码…', 'Loading the QR code…'],
  'expired': ['二维码已过期', 'The QR code has expired.'],
  'refresh': ['刷新二维码', 'Refresh the QR code'],
  'exchanging': ['正在登录…', 'Signing you in…'],
  'authenticated': ['已登录', 'Signed in.'],
  'cancelled': ['已取消登录', 'Login cancelled.'],
  'retry': ['重试', 'Try again'],
  'open': ['微信登录', 'Log in with WeChat'],
  'waiting': ['请在新窗口中用微信扫码登录', 'Scan the QR code with WeChat in the new window.'],
  'reopen': ['重新打开登录窗口', 'Reopen the login window'],
  'sameTab': ['在当前页面继续', 'Continue in this tab'],
  'relayed': ['登录结果已发送，可以关闭此窗口。', 'Done. You can close this window.'],
  'failed': ['登录失败，请重试。', 'The login failed. Please try again.'],
  'wecom': ['企业微信中无法使用微信登录', 'WeChat login does not work in WeCom'],
  'mobile-browser': ['请在微信中打开', 'Open this page in WeChat'],
  'not-configured': ['本站暂未开通微信内登录', 'This site has no login inside WeChat yet'],
  'elsewhere': ['微信登录只能在微信中或电脑上使用。复制链接，在微信中打开（如发给「文件传输助手」），或在电脑浏览器中打开后扫码。', 'WeChat login works inside WeChat or on a computer. Copy the link and open it in WeChat (send it to File Transfer), or open it in a computer\'s browser and scan the QR code.'],
  'unconfigured': ['请在电脑浏览器中打开本页，用微信扫码登录。网站管理员需为本站配置微信公众号（服务号）。', 'Open this page in a computer\'s browser and scan the QR code with WeChat. The site\'s owner must set up a WeChat Official Account (服务号) for it.'],
  'copyLink': ['复制链接', 'Copy the link'],
  'copied': ['链接已复制', 'Link copied'],
  'copyByHand': ['请长按复制下面的链接：', 'Press and hold to copy the link:'],
  'screenshot': ['也可截屏保存二维码，在微信「扫一扫」中从相册选择截图。', 'Or take a screenshot of the QR code and open it in WeChat: Scan, then Album.'],
}

/** What the error state says for the codes a user can act on; the others say `failed`. */
const ERRORS: Partial<Texts<WechatLoginErrorCode>> = {
  LOGIN_DENIED: ['你已在微信中拒绝登录。', 'The login was refused in WeChat.'],
  POPUP_BLOCKED: ['登录窗口被浏览器拦截了。', 'The browser blocked the login window.'],
  NETWORK_ERROR: ['无法连接服务器，请检查网络。', 'The server could not be reached. Check your connection.'],
  TIMEOUT: ['服务器响应超时，请重试。', 'The server took too long to answer.'],
  STATE_MISMATCH: ['登录已失效，请重新扫码。', 'This login is no longer valid. Scan again.'],
  SCRIPT_LOAD_FAILED: ['无法加载微信登录组件。', 'WeChat\'s login could not be loaded.'],
  QR_LOAD_FAILED: ['无法加载微信二维码，请检查网络后重试。', 'WeChat\'s QR code could not be loaded. Check your connection and try again.'],
  WECHAT_UNREACHABLE: ['服务器暂时无法连接微信，请稍后重试。', 'The server could not reach WeChat. Try again in a moment.'],
  SNAPSHOT_USER: ['请先点击右下角「使用完整服务」，再登录。', 'Tap “使用完整服务” (full service) at the bottom right first, then log in.'],
}

function inLanguage<Keys extends string>(texts: Partial<Texts<Keys>>, index: 0 | 1): Record<Keys, string> {
  return Object.fromEntries(Object.entries(texts).map(([key, pair]) => [key, (pair as Texts<Keys>[Keys])[index]])) as Record<Keys, string>
}

const messages: Partial<Record<WechatLang, WechatLoginMessages>> = {}

/** The default texts in WeChat's page language (`cn` unless `en`). */
export function getMessages(lang: WechatLang | undefined): WechatLoginMessages {
  const index = lang === 'en' ? 1 : 0
  return messages[lang === 'en' ? 'en' : 'cn'] ??= { ...inLanguage(TEXTS, index), errors: inLanguage(ERRORS, index) }
}
