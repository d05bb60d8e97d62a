import type { WechatAuthOptions, WechatOfficialAccountOptions, WechatSessionCookieOptions } from '@wechat-qr-login/server'
import { WechatLoginError } from '@wechat-qr-login/core'

/**
 * The server handler's settings in `runtimeConfig.wechat` (private: never sent to a browser).
 * Set each one with its `NUXT_WECHAT_*` environment variable, e.g. `NUXT_WECHAT_APPSECRET`, or
 * in `nuxt.config`'s `runtimeConfig.wechat`. An empty value (`''`, `0`, `[]`) leaves the
 * server package's default.
 */
export interface WechatRuntimeConfig {
  /** The website app's AppID (`NUXT_WECHAT_APPID`). */
  appid: string
  /** The AppSecret (`NUXT_WECHAT_APPSECRET`). */
  appsecret: string
  /**
   * The Official Account that logs users in inside WeChat (`NUXT_WECHAT_OA_APPID`): its AppID,
   * with {@link oaAppsecret}. Both unset, `GET {basePath}/state?flow=oa` answers
   * `OFFICIAL_ACCOUNT_NOT_CONFIGURED`.
   */
  oaAppid: string
  /** The Official Account's AppSecret (`NUXT_WECHAT_OA_APPSECRET`). */
  oaAppsecret: string
  /**
   * Keys of the session and state cookies, at least 32 characters (`NUXT_WECHAT_SESSION_SECRET`).
   * A JSON list (`["new…","old…"]`) rotates them: the first seals, all of them open.
   */
  sessionSecret: string | string[]
  /** Origin of WeChat's QR pages, e.g. the emulator's (`NUXT_WECHAT_OPEN_BASE`). */
  openBase: string
  /** Origin of WeChat's API, e.g. the emulator's (`NUXT_WECHAT_API_BASE`). */
  apiBase: string
  /** The `redirect_uri` registered with WeChat (`NUXT_WECHAT_REDIRECT_URI`). */
  redirectUri: string
  /** Origin of the app's pages (`NUXT_WECHAT_APP_ORIGIN`). */
  appOrigin: string
  /** Trust `X-Forwarded-Proto` and `X-Forwarded-Host`: behind a proxy that sets both (`NUXT_WECHAT_TRUST_PROXY`). */
  trustProxy: boolean
  /** Paths a login may return to, each with everything below it (`NUXT_WECHAT_RETURN_PATHS`, a JSON list). */
  returnPaths: string[]
  /** Where a top-window login returns without a return path (`NUXT_WECHAT_DEFAULT_RETURN_PATH`). */
  defaultReturnPath: string
  /**
   * The Nitro storage mount (`nitro.storage` in `nuxt.config`, e.g. Redis) that keeps sessions
   * and used states for every instance, so that they can be revoked (`NUXT_WECHAT_SESSION_STORE`).
   * Unset, sessions live in their sealed cookie only. `nuxt dev` keeps them in cookies.
   */
  sessionStore: string
  /** The session cookie (`NUXT_WECHAT_COOKIE_NAME`, `…_MAX_AGE`, `…_SECURE`, `…_DOMAIN`). */
  cookie: {
    name: string
    maxAge: number
    /** `true`, `false` or `'auto'` (`''` is the server's default, `'auto'`). */
    secure: boolean | 'auto' | ''
    domain: string
  }
}

/** `runtimeConfig.wechat` before anything is set: every key present, so that its variable applies. */
export const EMPTY_RUNTIME_CONFIG: WechatRuntimeConfig = Object.freeze({
  appid: '',
  appsecret: '',
  oaAppid: '',
  oaAppsecret: '',
  sessionSecret: '',
  openBase: '',
  apiBase: '',
  redirectUri: '',
  appOrigin: '',
  trustProxy: false,
  returnPaths: [],
  defaultReturnPath: '',
  sessionStore: '',
  cookie: Object.freeze({ name: '', maxAge: 0, secure: '' as const, domain: '' }),
}) as WechatRuntimeConfig

/** The keys whose absence the server routes name: the credentials and the session secret. */
type RequiredKey = 'appid' | 'appsecret' | 'sessionSecret' | 'oaAppid' | 'oaAppsecret'

/** The environment variable of a `runtimeConfig.wechat` key, as Nuxt derives it. */
export function runtimeConfigEnvName(key: RequiredKey): string {
  return `NUXT_WECHAT_${key.replace(/[A-Z]/g, letter => `_${letter}`).toUpperCase()}`
}

function missing(key: RequiredKey): WechatLoginError {
  const hint = key === 'sessionSecret' ? ' (at least 32 random characters, e.g. from `openssl rand -base64 32`)' : ''
  return new WechatLoginError('INVALID_OPTION', `Missing runtimeConfig.wechat.${key}: set ${runtimeConfigEnvName(key)}${hint} in the server's environment.`, { option: runtimeConfigEnvName(key) })
}

/** A value set in the runtime config: not `''`, `0` or `[]`, which stand for "unset". */
function given<T>(value: T): Exclude<T, '' | 0> | undefined {
  return value === '' || value === 0 || (Array.isArray(value) && value.length === 0) ? undefined : value as Exclude<T, '' | 0>
}

/** Drops the keys whose value is `undefined`, so that the server package applies its default. */
function defined<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T
}

/** The Official Account when both its AppID and AppSecret are set, none when neither is. */
function officialAccountFrom({ oaAppid, oaAppsecret }: WechatRuntimeConfig): WechatOfficialAccountOptions | undefined {
  if (oaAppid === '' && oaAppsecret === '')
    return undefined
  if (oaAppid === '' || oaAppsecret === '')
    throw missing(oaAppid === '' ? 'oaAppid' : 'oaAppsecret')
  return { appid: oaAppid, secret: oaAppsecret }
}

/**
 * The server handler's options from `runtimeConfig.wechat`, but the session store, which is
 * Nitro's to open.
 * @throws {WechatLoginError} `INVALID_OPTION` naming the variable of a missing AppID, AppSecret
 *   or session secret, or of the Official Account's AppID or AppSecret set without the other.
 *   The handler checks every value itself.
 */
export function authOptionsFromRuntimeConfig(config: WechatRuntimeConfig, basePath: string): WechatAuthOptions {
  const { appid, appsecret, sessionSecret, cookie } = config
  for (const [key, value] of [['appid', appid], ['appsecret', appsecret], ['sessionSecret', sessionSecret]] as const) {
    if (given(value) === undefined)
      throw missing(key)
  }
  const cookieOptions: WechatSessionCookieOptions = defined({
    name: given(cookie.name),
    maxAge: given(cookie.maxAge),
    secure: given(cookie.secure),
    domain: given(cookie.domain),
  })
  return defined({
    appid,
    secret: appsecret,
    sessionSecret,
    officialAccount: officialAccountFrom(config),
    basePath,
    openBase: given(config.openBase),
    apiBase: given(config.apiBase),
    redirectUri: given(config.redirectUri),
    appOrigin: given(config.appOrigin),
    trustProxy: config.trustProxy,
    returnPaths: given(config.returnPaths),
    defaultReturnPath: given(config.defaultReturnPath),
    cookie: Object.keys(cookieOptions).length > 0 ? cookieOptions : undefined,
  })
}
