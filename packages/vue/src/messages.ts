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

const MESSAGES: Record<WechatLang, WechatLoginMessages> = {
  cn: {
    title: '微信扫码登录',
    preparing: '正在加载二维码…',
    expired: '二维码已过期',
    refresh: '刷新二维码',
    exchanging: '正在登录…',
    authenticated: '已登录',
    cancelled: '已取消登录',
    retry: '重试',
    open: '微信登录',
    waiting: '请在新窗口中用微信扫码登录',
    reopen: '重新打开登录窗口',
    sameTab: '在当前页面继续',
    relayed: '登录结果已发送，可以关闭此窗口。',
    failed: '登录失败，请重试。',
    errors: {
      LOGIN_DENIED: '你已在微信中拒绝登录。',
      POPUP_BLOCKED: '登录窗口被浏览器拦截了。',
      NETWORK_ERROR: '无法连接服务器，请检查网络。',
      TIMEOUT: '服务器响应超时，请重试。',
      STATE_MISMATCH: '登录已失效，请重新扫码。',
      SCRIPT_LOAD_FAILED: '无法加载微信登录组件。',
    },
  },
  en: {
    title: 'WeChat QR code login',
    preparing: 'Loading the QR code…',
    expired: 'The QR code has expired.',
    refresh: 'Refresh the QR code',
    exchanging: 'Signing you in…',
    authenticated: 'Signed in.',
    cancelled: 'Login cancelled.',
    retry: 'Try again',
    open: 'Log in with WeChat',
    waiting: 'Scan the QR code with WeChat in the new window.',
    reopen: 'Reopen the login window',
    sameTab: 'Continue in this tab',
    relayed: 'Done. You can close this window.',
    failed: 'The login failed. Please try again.',
    errors: {
      LOGIN_DENIED: 'The login was refused in WeChat.',
      POPUP_BLOCKED: 'The browser blocked the login window.',
      NETWORK_ERROR: 'The server could not be reached. Check your connection.',
      TIMEOUT: 'The server took too long to answer.',
      STATE_MISMATCH: 'This login is no longer valid. Scan again.',
      SCRIPT_LOAD_FAILED: 'WeChat\'s login could not be loaded.',
    },
  },
}

/** The default texts in WeChat's page language. */
export function getMessages(lang: WechatLang | undefined): WechatLoginMessages {
  return MESSAGES[lang === 'en' ? 'en' : 'cn']
}
