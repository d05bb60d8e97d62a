import type { WechatQrOptions } from '@wechat-qr-login/vue'

/** The modes the playground demonstrates; each id is stable (URL `#/mode/<id>`, test ids). */
export type PlaygroundModeId = 'embedded' | 'embedded-top' | 'embedded-official' | 'new-window' | 'redirect' | 'front-end-callback'

/** One card of the mode grid. */
export interface PlaygroundMode {
  id: PlaygroundModeId
  title: { en: string, zh: string }
  summary: { en: string, zh: string }
  /** What the card shows as code. */
  snippet: string
  /** The props of its `<WechatQrLogin>`; `redirectUri` is filled in on the client. */
  props: WechatQrOptions
  /** The login comes back through a full-page navigation. */
  leavesPage: boolean
}

/** The path of the front-end callback: a query on the app's root, where a hash-router app loads. */
export const FRONT_END_CALLBACK_QUERY = 'via=front-end-callback'

// A taste of the `css` prop: WeChat's page gets the app's accent colour.
const QR_CSS = '.impowerBox .title{color:#07a654;font-weight:600}'

export const PLAYGROUND_MODES: readonly PlaygroundMode[] = [
  {
    id: 'embedded',
    title: { en: 'Embedded · self_redirect', zh: '内嵌 · self_redirect' },
    summary: { en: 'QR in an iframe; the callback lands in the iframe and relays the result. No reload.', zh: '二维码嵌在 iframe 中，回调落在 iframe 里并传回结果，页面不刷新。' },
    snippet: '<WechatQrLogin :self-redirect="true" css="…" />',
    props: { mode: 'embedded', selfRedirect: true, css: QR_CSS },
    leavesPage: false,
  },
  {
    id: 'embedded-top',
    title: { en: 'Embedded · top navigation', zh: '内嵌 · 顶层窗口跳转' },
    summary: { en: 'QR in an iframe; after the phone confirms, WeChat navigates the whole tab to the callback.', zh: '二维码嵌在 iframe 中，手机确认后微信把整个页面跳到回调地址。' },
    snippet: '<WechatQrLogin />',
    props: { mode: 'embedded', selfRedirect: false },
    leavesPage: true,
  },
  {
    id: 'embedded-official',
    title: { en: 'Embedded · wxLogin.js', zh: '内嵌 · 官方 wxLogin.js' },
    summary: { en: 'WeChat’s own script builds the iframe (the emulator serves a copy offline).', zh: '由微信官方脚本生成 iframe（离线时由模拟器提供脚本）。' },
    snippet: '<WechatQrLogin loader="official" :self-redirect="true" />',
    props: { mode: 'embedded', loader: 'official', selfRedirect: true },
    leavesPage: false,
  },
  {
    id: 'new-window',
    title: { en: 'New window', zh: '新窗口' },
    summary: { en: 'WeChat’s page in a popup; the popup relays the result and closes. Closing it cancels.', zh: '在弹窗中打开微信页面，登录后弹窗传回结果并关闭；手动关闭即取消。' },
    snippet: '<WechatQrLogin mode="new-window" />',
    props: { mode: 'new-window' },
    leavesPage: false,
  },
  {
    id: 'redirect',
    title: { en: 'Redirect', zh: '整页跳转' },
    summary: { en: 'The whole tab goes to WeChat and comes back to this page, signed in.', zh: '整个页面跳到微信，登录后回到本页。' },
    snippet: '<WechatQrLogin mode="redirect" />',
    props: { mode: 'redirect' },
    leavesPage: true,
  },
  {
    id: 'front-end-callback',
    title: { en: 'Front-end callback', zh: '前端回调' },
    summary: { en: 'redirect_uri is a page of this hash-router app: <WechatLoginCallback> posts the code to /exchange.', zh: 'redirect_uri 是本应用（hash 路由）的页面：<WechatLoginCallback> 把 code 提交到 /exchange。' },
    snippet: `<WechatQrLogin mode="redirect" :redirect-uri="origin + '/?${FRONT_END_CALLBACK_QUERY}'" />`,
    props: { mode: 'redirect' },
    leavesPage: true,
  },
]

/** The mode of an id, or the first one. */
export function findMode(id: string | undefined): PlaygroundMode {
  return PLAYGROUND_MODES.find(mode => mode.id === id) ?? PLAYGROUND_MODES[0]!
}
