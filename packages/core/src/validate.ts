import { invalidOption } from './invalid-option'

/** The only scope WeChat accepts for website apps. */
export const WECHAT_LOGIN_SCOPE = 'snsapi_login'

const APPID_PATTERN = /^wx[0-9a-f]{16}$/
const STATE_PATTERN = /^[\w-]+$/
/** The longest `state` we send: WeChat documents 128 bytes for its other login products. */
export const MAX_STATE_LENGTH = 128

/** Theme of the embedded QR page: `black` text for light pages, `white` text for dark pages. */
export type WechatQrStyle = 'black' | 'white'
/** Language of WeChat's pages: simplified Chinese or English. */
export type WechatLang = 'cn' | 'en'

/** `value` as an absolute URL, or `undefined` when it is not a string or not a valid URL. */
function parseUrl(value: unknown): URL | undefined {
  try {
    return typeof value === 'string' ? new URL(value) : undefined
  }
  catch {
    return undefined
  }
}

/**
 * Checks an AppID: `wx` followed by 16 lowercase hexadecimal characters, as shown in the WeChat
 * Open Platform console (管理中心 → 网站应用 → AppID) or, for an Official Account, the 公众平台.
 * @throws {WechatLoginError} `INVALID_APPID`
 */
export function assertAppid(appid: unknown, option = 'appid'): asserts appid is string {
  if (typeof appid === 'string' && APPID_PATTERN.test(appid))
    return
  throw invalidOption(option, () => __DEV__ && `${typeof appid === 'string' && appid.length <= 40 ? `got "${appid}". An` : 'an'} AppID is "wx" followed by 16 lowercase hex characters (e.g. "wx0123456789abcdef"). Copy the website app's from the WeChat Open Platform console (管理中心 → 网站应用) for the QR login; an Official Account's (公众平台 → 设置与开发 → 基本配置) only logs in inside WeChat.`, 'INVALID_APPID')
}

/**
 * Checks a `redirect_uri`: an absolute `http:` or `https:` URL without a `#fragment`. WeChat appends
 * `code` and `state` to it, and only accepts hosts under the app's registered callback domain.
 * @throws {WechatLoginError} `INVALID_REDIRECT_URI`
 */
export function assertRedirectUri(redirectUri: unknown, option = 'redirectUri'): asserts redirectUri is string {
  const url = parseUrl(redirectUri)
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw invalidOption(option, () => __DEV__ && 'it must be an absolute http(s) URL on your registered callback domain (授权回调域), e.g. "https://www.example.com/auth/wechat/callback". Pass the plain URL; it is encoded for you.', 'INVALID_REDIRECT_URI')
  }
  if ((redirectUri as string).includes('#')) {
    throw invalidOption(option, () => __DEV__ && 'it must not contain a "#fragment". WeChat appends "code" and "state" to the end of the URL, so a hash-router route would swallow them; use a history-mode callback route such as "/auth/wechat/callback".', 'INVALID_REDIRECT_URI')
  }
}

/**
 * Checks the scope. Website apps have exactly one: `snsapi_login`.
 * @throws {WechatLoginError} `INVALID_SCOPE`
 */
export function assertScope(scope: unknown, option = 'scope'): asserts scope is typeof WECHAT_LOGIN_SCOPE {
  if (scope !== WECHAT_LOGIN_SCOPE)
    throw invalidOption(option, () => __DEV__ && `website QR login only supports "${WECHAT_LOGIN_SCOPE}" (snsapi_userinfo and snsapi_base belong to Official Accounts). Remove the option or set it to "${WECHAT_LOGIN_SCOPE}".`, 'INVALID_SCOPE')
}

/**
 * Checks a `state`: 1 to 128 characters of `A-Z a-z 0-9 _ -`, so that it survives every URL it
 * travels through and no `#` can cut the parameters that follow it.
 * @throws {WechatLoginError} `INVALID_STATE`
 */
export function assertState(state: unknown, option = 'state'): asserts state is string {
  if (typeof state === 'string' && state.length > 0 && state.length <= MAX_STATE_LENGTH && STATE_PATTERN.test(state))
    return
  throw invalidOption(option, () => __DEV__ && `it must be 1 to ${MAX_STATE_LENGTH} characters of A-Z, a-z, 0-9, "_" or "-". Use createState() to mint one, and never append "#wechat_redirect" to it.`, 'INVALID_STATE')
}

/**
 * Checks the QR page theme.
 * @throws {WechatLoginError} `INVALID_STYLE`
 */
export function assertStyle(style: unknown, option = 'style'): asserts style is WechatQrStyle {
  if (style !== 'black' && style !== 'white')
    throw invalidOption(option, () => __DEV__ && 'use "black" (dark text, for light pages; the default) or "white" (light text, for dark pages).', 'INVALID_STYLE')
}

/**
 * Checks the page language.
 * @throws {WechatLoginError} `INVALID_LANG`
 */
export function assertLang(lang: unknown, option = 'lang'): asserts lang is WechatLang {
  if (lang !== 'cn' && lang !== 'en')
    throw invalidOption(option, () => __DEV__ && 'use "cn" (simplified Chinese, the default) or "en" (English). WeChat\'s QR pages speak no other language.', 'INVALID_LANG')
}

/**
 * Checks a custom stylesheet for the QR page: an `https:` URL or a `data:text/css` URL. WeChat
 * loads it from its own https page, so `http:` and relative URLs never apply.
 * @throws {WechatLoginError} `INVALID_HREF`
 */
export function assertHref(href: unknown, option = 'href'): asserts href is string {
  if (typeof href === 'string' && /^data:text\/css[;,]/i.test(href))
    return
  const url = parseUrl(href)
  if (url?.protocol !== 'https:')
    throw invalidOption(option, () => __DEV__ && 'WeChat only applies a stylesheet served over https or inlined as "data:text/css;base64,…" (http and relative URLs are blocked). Pass your CSS as the "css" option and it is inlined for you.', 'INVALID_HREF')
}

/**
 * Checks a base URL such as `openBase` or `apiBase`: an absolute http(s) origin, optionally with a
 * path prefix, and no query or fragment.
 * @throws {WechatLoginError} `INVALID_BASE_URL`
 */
export function assertBaseUrl(base: unknown, option: string): asserts base is string {
  const url = parseUrl(base)
  // A bare `?` or `#` leaves `search` and `hash` empty, yet would swallow every path appended to it.
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || /[?#]/.test(base as string))
    throw invalidOption(option, () => __DEV__ && 'it must be an absolute http(s) URL without query or fragment, such as "https://open.weixin.qq.com" or the emulator\'s "http://127.0.0.1:4399".', 'INVALID_BASE_URL')
}

/**
 * Checks a boolean option.
 * @throws {WechatLoginError} `INVALID_OPTION`
 */
export function assertBoolean(value: unknown, option: string): asserts value is boolean {
  if (typeof value !== 'boolean')
    throw invalidOption(option, () => __DEV__ && 'expected true or false.')
}
