import type { WechatLoginUrlOptions } from './authorize-url'
import type { WechatQrStyle } from './validate'
import { warn } from './dev'
import { WECHAT_ENDPOINTS } from './endpoints'
import { joinUrl, toQuery } from './url'
import { assertAppid, assertBaseUrl, assertBoolean, assertHref, assertLang, assertRedirectUri, assertScope, assertState, assertStyle, WECHAT_LOGIN_SCOPE } from './validate'

/** Options of the embedded (iframe) QR: those of `new WxLogin()`, spelled in camelCase. */
export interface WechatEmbedUrlOptions extends WechatLoginUrlOptions {
  /**
   * Where WeChat navigates after the user confirms: `true` navigates the iframe itself (your
   * callback page then relays the result to the app), `false` the top window. Unset sends
   * `default`, which WeChat treats as `false`.
   * @default undefined
   */
  selfRedirect?: boolean
  /**
   * Text colour of the QR page: `black` for light backgrounds, `white` for dark ones.
   * @default undefined (WeChat shows black)
   */
  style?: WechatQrStyle
  /**
   * Custom stylesheet applied to the QR page: an `https:` URL or a `data:text/css` URL (see
   * `cssToHref`). Ignored by WeChat when `stylelite` is on.
   * @default undefined
   */
  href?: string
  /**
   * Switches to WeChat's newer, simpler QR layout (`stylelite=1`). Reserve at least 220 × 220 px.
   * @default false
   */
  stylelite?: boolean
  /**
   * Offers "fast login" through a logged-in WeChat desktop client. `false` sends `fast_login=0`.
   * @default true
   */
  fastLogin?: boolean
}

/**
 * Builds the `src` of the embedded QR iframe: the URL WeChat's `wxLogin.js` builds
 * (`login_type=jssdk`, `self_redirect=true|false|default`, `style`, `href`, `lang=en`,
 * `stylelite=1`, `fast_login=0`), in the same order, but with every value encoded exactly once,
 * nothing `undefined` and no `#`.
 *
 * @throws {WechatLoginError} when an option is invalid; the message names it and says the fix.
 * @example
 * iframe.src = buildEmbedUrl({ appid, redirectUri, state, selfRedirect: true, href: cssToHref(css) })
 */
export function buildEmbedUrl(options: WechatEmbedUrlOptions): string {
  const {
    appid,
    redirectUri,
    state,
    scope = WECHAT_LOGIN_SCOPE,
    lang,
    openBase = WECHAT_ENDPOINTS.openBase,
    selfRedirect,
    style,
    href,
    stylelite = false,
    fastLogin = true,
  } = options
  assertAppid(appid)
  assertRedirectUri(redirectUri)
  assertState(state)
  assertScope(scope)
  assertBaseUrl(openBase, 'openBase')
  if (lang !== undefined)
    assertLang(lang)
  if (selfRedirect !== undefined)
    assertBoolean(selfRedirect, 'selfRedirect')
  if (style !== undefined)
    assertStyle(style)
  if (href !== undefined)
    assertHref(href)
  assertBoolean(stylelite, 'stylelite')
  assertBoolean(fastLogin, 'fastLogin')
  if (href !== undefined && stylelite)
    warn(() => __DEV__ && '"href" is ignored by WeChat when "stylelite" is on: the new QR layout does not load custom CSS. Turn stylelite off to style the QR page.')

  const query = toQuery([
    ['appid', appid],
    ['scope', scope],
    ['redirect_uri', redirectUri],
    ['state', state],
    ['login_type', 'jssdk'],
    ['self_redirect', selfRedirect === undefined ? 'default' : String(selfRedirect)],
    ['style', style],
    ['href', href],
    ['lang', lang === 'en' ? 'en' : undefined],
    ['stylelite', stylelite ? '1' : undefined],
    ['fast_login', fastLogin ? undefined : '0'],
  ])
  return `${joinUrl(openBase, '/connect/qrconnect')}?${query}`
}
