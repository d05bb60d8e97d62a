import type { WechatLang, WechatLoginMode, WechatQrStyle, WechatReturnPathRefusal } from '@wechat-qr-login/core'
import type { WechatQrLoader, WechatQrOptions } from './options'
import type { WechatLoginTicket } from './types'
import { assertAppid, assertBaseUrl, assertBoolean, assertHref, assertLang, assertRedirectUri, assertState, assertStyle, buildAuthorizeUrl, buildEmbedUrl, checkReturnPath, cssToHref, MAX_RETURN_PATH_BYTES } from '@wechat-qr-login/core'
import { invalidOption, isLoginMode, LOGIN_MODES } from '@wechat-qr-login/core/internal'

/** The QR options once defaults are applied and every value is checked. */
export interface ResolvedQrOptions {
  mode: WechatLoginMode
  loader: WechatQrLoader
  lang: WechatLang
  theme?: WechatQrStyle
  /** `href`, or `css` inlined as a data URL. */
  href?: string
  stylelite: boolean
  fastLogin: boolean
  selfRedirect: boolean
  scriptUrl?: string
  scriptTimeout: number
  qrLifetime: number
  returnTo?: string
  appid?: string
  redirectUri?: string
  openBase?: string
  state?: string
}

const LOADERS: readonly WechatQrLoader[] = ['iframe', 'official']

function assertPositive(value: number, option: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)
    throw invalidOption(option, () => __DEV__ && 'expected a positive number.')
}

/** What to do about a `returnTo` the server would refuse, by reason (development-only text). */
function returnToFix(reason: WechatReturnPathRefusal): string {
  return reason === 'too-long'
    ? `it is over ${MAX_RETURN_PATH_BYTES} bytes once percent-encoded, too long to keep with the state. Return to a shorter path, such as the page without its query.`
    : 'use a path on this site that starts with a single "/", e.g. "/account", with no backslash and no encoded "/".'
}

/** @throws {WechatLoginError} `INVALID_RETURN_PATH` unless `returnTo` is a path on this site that the server can keep. */
export function assertReturnTo(returnTo: string): void {
  const check = checkReturnPath(returnTo)
  if (!check.ok)
    throw invalidOption('returnTo', () => __DEV__ && returnToFix(check.reason), 'INVALID_RETURN_PATH')
}

/** @throws {WechatLoginError} `INVALID_OPTION` naming `mode` unless it is one of the three modes. */
export function assertMode(mode: WechatLoginMode): void {
  if (!isLoginMode(mode))
    throw invalidOption('mode', () => __DEV__ && `use ${LOGIN_MODES.map(value => `"${value}"`).join(', ')}.`)
}

function assertScriptUrl(scriptUrl: string): void {
  let url: URL | undefined
  try {
    url = new URL(scriptUrl)
  }
  catch {}
  if (url?.protocol !== 'https:' && url?.protocol !== 'http:')
    throw invalidOption('scriptUrl', () => __DEV__ && 'expected the absolute URL of wxLogin.js, e.g. "https://res.wx.qq.com/connect/zh_CN/htmledition/js/wxLogin.js".')
}

/**
 * Merges the app-wide options and a component's props (props win, `undefined` means "not
 * set"), applies the defaults and checks every value.
 *
 * @throws {WechatLoginError} naming the option at fault and the fix.
 */
export function resolveQrOptions(defaults: WechatQrOptions, overrides: WechatQrOptions & { state?: string }): ResolvedQrOptions {
  const merged: WechatQrOptions & { state?: string } = { ...defaults }
  for (const [key, value] of Object.entries(overrides)) {
    if (value !== undefined)
      (merged as Record<string, unknown>)[key] = value
  }
  const {
    mode = 'embedded',
    loader = 'iframe',
    lang = 'cn',
    theme,
    css,
    href,
    stylelite = false,
    fastLogin = true,
    selfRedirect = false,
    scriptUrl,
    scriptTimeout = 10_000,
    qrLifetime = 300,
    returnTo,
    appid,
    redirectUri,
    openBase,
    state,
  } = merged

  assertMode(mode)
  if (!LOADERS.includes(loader))
    throw invalidOption('loader', () => __DEV__ && 'use "iframe" (the default: no third-party script) or "official" (WeChat\'s wxLogin.js).')
  assertLang(lang)
  if (theme !== undefined)
    assertStyle(theme, 'theme')
  if (css !== undefined && href !== undefined)
    throw invalidOption('css', () => __DEV__ && 'pass either "css" (inlined for you) or "href" (a stylesheet URL), not both.')
  if (href !== undefined)
    assertHref(href)
  assertBoolean(stylelite, 'stylelite')
  assertBoolean(fastLogin, 'fastLogin')
  assertBoolean(selfRedirect, 'selfRedirect')
  if (scriptUrl !== undefined)
    assertScriptUrl(scriptUrl)
  assertPositive(scriptTimeout, 'scriptTimeout')
  assertPositive(qrLifetime, 'qrLifetime')
  if (returnTo !== undefined)
    assertReturnTo(returnTo)
  if (appid !== undefined)
    assertAppid(appid)
  if (redirectUri !== undefined)
    assertRedirectUri(redirectUri)
  if (openBase !== undefined)
    assertBaseUrl(openBase, 'openBase')
  if (state !== undefined)
    assertState(state)

  return {
    mode,
    loader,
    lang,
    theme,
    href: css === undefined ? href : cssToHref(css),
    stylelite,
    fastLogin,
    selfRedirect,
    scriptUrl,
    scriptTimeout,
    qrLifetime,
    returnTo,
    appid,
    redirectUri,
    openBase,
    state,
  }
}

/** The URL of WeChat's page for a ticket: the iframe `src` (embedded) or the page to open. */
export function buildQrUrl(ticket: WechatLoginTicket, options: ResolvedQrOptions): string {
  const { lang, theme, href, stylelite, fastLogin } = options
  // The ticket brings appid, redirectUri, state, openBase (and selfRedirect when embedded).
  if (ticket.mode !== 'embedded')
    return buildAuthorizeUrl({ ...ticket, lang })
  return buildEmbedUrl({ ...ticket, lang, style: theme, href, stylelite, fastLogin })
}

/** Whether WeChat sends the whole tab to the callback (so the server needs a return path). */
export function navigatesTopWindow(options: ResolvedQrOptions): boolean {
  return options.mode === 'redirect' || (options.mode === 'embedded' && !options.selfRedirect)
}
