import type { WechatLang, WechatLoginErrorCode } from '@wechat-qr-login/core'

/** The texts of the default markup; slots replace any of them. */
export interface WechatLoginMessages {
  title: string
  preparing: string
  expired: string
  refresh: string
  exchanging: string
  authenticated: string
  cancelled: string
  retry: string
  open: string
  waiting: string
  reopen: string
  sameTab: string
  relayed: string
  failed: string
  errors: Partial<Record<WechatLoginErrorCode, string>>
}

/** Texts in both languages, side by side so that they stay the same: `[cn, en]`. */
export type Texts<Keys extends string> = Record<Keys, readonly [cn: string, en: string]>

/** Every text of the default markup, but the panels' (see `unavailable-panel.ts`, loaded on demand). */
const TEXTS: Texts<Exclude<keyof WechatLoginMessages, 'errors'>> = {
  title: ['微信扫码登录', 'WeChat QR code login'],
  preparing: ['正在加载二维码…', 'Loading the QR code…'],
  expired: ['二维码已过期', 'The QR code has expired.'],
  refresh: ['刷新二维码', 'Refresh the QR code'],
  exchanging: ['正在登录…', 'Signing you in…'],
  authenticated: ['已登录', 'Signed in.'],
  cancelled: ['已取消登录', 'Login cancelled.'],
  retry: ['重试', 'Try again'],
  open: ['微信登录', 'Log in with WeChat'],
  waiting: ['请在新窗口中用微信扫码登录', 'Scan the QR code with WeChat in the new window.'],
  reopen: ['重新打开登录窗口', 'Reopen the login window'],
  sameTab: ['在当前页面继续', 'Continue in this tab'],
  relayed: ['登录结果已发送，可以关闭此窗口。', 'Done. You can close this window.'],
  failed: ['登录失败，请重试。', 'The login failed. Please try again.'],
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

/** `texts` in WeChat's page language (`cn` unless `en`). */
export function inLanguage<Keys extends string>(texts: Partial<Texts<Keys>>, lang: WechatLang | undefined): Record<Keys, string> {
  const index = lang === 'en' ? 1 : 0
  return Object.fromEntries(Object.entries(texts).map(([key, pair]) => [key, (pair as Texts<Keys>[Keys])[index]])) as Record<Keys, string>
}

const messages: Partial<Record<WechatLang, WechatLoginMessages>> = {}

/** The default texts in WeChat's page language (`cn` unless `en`). */
export function getMessages(lang: WechatLang | undefined): WechatLoginMessages {
  return messages[lang === 'en' ? 'en' : 'cn'] ??= { ...inLanguage(TEXTS, lang), errors: inLanguage(ERRORS, lang) }
}
