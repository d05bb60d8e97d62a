import type { ComputedRef, ShallowRef } from 'vue'
import { computed, shallowRef } from 'vue'

/** The playground's two languages; WeChat's page follows (`cn` / `en`). */
export type PlaygroundLang = 'en' | 'zh'

const STORAGE_KEY = 'wechat-qr-login:playground-lang'

const en = {
  subtitle: 'Playground',
  tagline: 'WeChat QR login (微信扫码登录) for Vue 3, end to end on this dev server.',
  emulatorMode: 'Emulator · offline',
  wechatMode: 'Real WeChat',
  emulatorLink: 'Emulator',
  phoneLink: 'Phone page',
  docsLink: 'Docs: docs/',
  docsTitle: 'The guide lives in the docs/ folder: pnpm docs:dev',
  switchLang: '中文',
  environmentLabel: 'Opened in',
  environmentTitle: 'Try the path of another place at this computer: the component takes it as its environment, and the emulator treats this browser as that WeChat client.',
  environmentDetected: 'this browser (detected)',
  environments: {
    'desktop-browser': 'a desktop browser: QR code',
    'wechat-mobile': 'WeChat on a phone',
    'wechat-desktop': 'WeChat for Windows/Mac',
    'wecom': 'WeCom',
    'miniprogram': 'a mini program’s web-view',
    'mobile-browser': 'a phone browser',
  },
  modesTitle: 'Login modes',
  modesLead: 'Pick a mode to try it. One login runs at a time: the Pinia store holds a single attempt, so the page mounts one <WechatQrLogin> at a time.',
  tryIt: 'Try it',
  active: 'Active',
  // The emulator's QR page has its own link (the component's sandbox allows popups for a non-WeChat
  // openBase), in the page's language: WeChat's page follows the playground's.
  stageEmulatorHint: 'Scan the QR with a phone, or confirm on this computer: “Open the phone page” under the QR (or the same button in “Scan with a real phone”) opens the phone page.',
  stageWindowHint: 'The button opens WeChat’s page; its “Open the phone page” link confirms on this computer.',
  stageWechatHint: 'Scan the QR with the WeChat app on your phone.',
  signedInTitle: 'Signed in',
  signedInVia: 'via',
  signedInRestored: 'session restored',
  logout: 'Log out',
  nickname: 'Nickname',
  sessionId: 'Session id',
  none: 'none',
  noUnionid: 'none (no Open Platform binding, or this user has none)',
  sessionEnds: 'Session ends',
  switchWhileSignedIn: 'Log out to try another mode.',
  storeTitle: 'Pinia store · live',
  status: 'status',
  pendingState: 'pending state',
  ticketMode: 'ticket mode',
  error: 'error',
  user: 'user',
  eventsTitle: 'Component events',
  eventsEmpty: 'Nothing yet.',
  phoneTitle: 'Scan with a real phone',
  phoneLead: 'The QR encodes the emulator’s phone page, not WeChat: scan it with the phone’s camera app.',
  phoneReachable: 'Phones reach the emulator at',
  phoneUnreachable: 'A phone cannot reach 127.0.0.1. Put WECHAT_TUNNEL_URL=https://… in playground/.env.local (through your tunnel), or start with PLAYGROUND_LAN=1 pnpm dev (same Wi-Fi).',
  phoneWaiting: 'Show a QR code (pick a mode) and it appears here.',
  phoneExpired: 'The QR code expired, and its phone page with it. Refresh the QR code to get a new one here.',
  phoneOpen: 'Open the phone page',
  phoneWechat: 'Real WeChat: scan the QR with the WeChat app; there is no phone page to open.',
  callbackTitle: 'Callback page · redirect_uri',
  callbackLead: 'The redirect_uri of the “front-end callback” mode: <WechatLoginCallback> posts the code to /auth/wechat/exchange.',
  callbackBack: 'Back to the playground',
  footer: 'Fake users only: the emulator is a local stand-in for WeChat.',
}

type Messages = typeof en

const zh: Messages = {
  subtitle: '演练场',
  tagline: 'Vue 3 微信扫码登录，全流程运行在这个开发服务器上。',
  emulatorMode: '模拟器 · 离线',
  wechatMode: '真实微信',
  emulatorLink: '模拟器',
  phoneLink: '手机页',
  docsLink: '文档：docs/',
  docsTitle: '使用指南在 docs/ 目录：pnpm docs:dev',
  switchLang: 'EN',
  environmentLabel: '打开于',
  environmentTitle: '在这台电脑上试其他环境下的登录路径：组件把它当作所在环境，模拟器把这个浏览器当作对应的微信客户端。',
  environmentDetected: '当前浏览器（自动识别）',
  environments: {
    'desktop-browser': '电脑浏览器：扫码',
    'wechat-mobile': '手机微信',
    'wechat-desktop': '微信 Windows/Mac 版',
    'wecom': '企业微信',
    'miniprogram': '小程序 web-view',
    'mobile-browser': '手机浏览器',
  },
  modesTitle: '登录方式',
  modesLead: '选择一种方式试试。一次只运行一个登录：Pinia store 只保存一次登录尝试，所以页面上同时只挂载一个 <WechatQrLogin>。',
  tryIt: '试一试',
  active: '当前',
  stageEmulatorHint: '用手机扫码，或在电脑上确认：点击二维码下方的“打开手机页”（或“用真手机扫码”中的同名按钮）打开手机页。',
  stageWindowHint: '按钮会打开微信页面，页面下方的“打开手机页”可在电脑上确认。',
  stageWechatHint: '用手机微信扫一扫。',
  signedInTitle: '已登录',
  signedInVia: '方式',
  signedInRestored: '恢复的会话',
  logout: '退出登录',
  nickname: '昵称',
  sessionId: '会话 ID',
  none: '无',
  noUnionid: '无（应用未绑定开放平台，或该用户没有）',
  sessionEnds: '会话到期',
  switchWhileSignedIn: '退出登录后可以试其他方式。',
  storeTitle: 'Pinia store · 实时',
  status: '状态',
  pendingState: '待完成的 state',
  ticketMode: '方式',
  error: '错误',
  user: '用户',
  eventsTitle: '组件事件',
  eventsEmpty: '暂无。',
  phoneTitle: '用真手机扫码',
  phoneLead: '二维码里是模拟器的手机页（不是微信）：用手机相机扫描即可。',
  phoneReachable: '手机访问模拟器的地址',
  phoneUnreachable: '手机无法访问 127.0.0.1。在 playground/.env.local 中设置 WECHAT_TUNNEL_URL=https://…（通过内网穿透），或用 PLAYGROUND_LAN=1 pnpm dev 启动（同一 Wi-Fi）。',
  phoneWaiting: '选择一种方式生成二维码后，会显示在这里。',
  phoneExpired: '二维码已过期，它的手机页也随之失效。刷新二维码后，新的会显示在这里。',
  phoneOpen: '打开手机页',
  phoneWechat: '真实微信：请用微信扫一扫，没有可打开的手机页。',
  callbackTitle: '回调页 · redirect_uri',
  callbackLead: '“前端回调”方式的 redirect_uri：<WechatLoginCallback> 把 code 提交到 /auth/wechat/exchange。',
  callbackBack: '返回演练场',
  footer: '只有假用户：模拟器是本地的微信替身。',
}

function initialLang(): PlaygroundLang {
  if (typeof window === 'undefined')
    return 'en'
  const saved = localStorage.getItem(STORAGE_KEY)
  if (saved === 'en' || saved === 'zh')
    return saved
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en'
}

const lang = shallowRef<PlaygroundLang>(initialLang())

function applyDocumentLang(): void {
  document.documentElement.lang = lang.value === 'zh' ? 'zh-CN' : 'en'
}

// index.html says `en`: a saved or browser preference for Chinese must reach <html lang> at start too.
if (typeof document !== 'undefined')
  applyDocumentLang()

/** What {@link useI18n} returns. */
export interface PlaygroundI18n {
  lang: ShallowRef<PlaygroundLang>
  t: ComputedRef<Messages>
  /** WeChat's page language for the current one. */
  wechatLang: ComputedRef<'cn' | 'en'>
  toggle: () => void
}

/** The current language, its texts, and the toggle in the header. */
export function useI18n(): PlaygroundI18n {
  const t = computed(() => (lang.value === 'zh' ? zh : en))
  const wechatLang = computed(() => (lang.value === 'zh' ? 'cn' as const : 'en' as const))
  function toggle(): void {
    lang.value = lang.value === 'zh' ? 'en' : 'zh'
    localStorage.setItem(STORAGE_KEY, lang.value)
    applyDocumentLang()
  }
  return { lang, t, wechatLang, toggle }
}
