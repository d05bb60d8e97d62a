import type {
  WechatAccessTokenResponse,
  WechatUser,
  WechatUserInfo,
  WechatUserInfoLang,
} from '@wechat-qr-login/core'
import type { WechatClient } from './client'
import type { Sealer } from './internal/seal'
import type { SessionStore } from './internal/session-store'
import type { LoginFlow } from './internal/state-cookie'
import type { WechatAuthStore } from './store'
import { assertAppid, assertBaseUrl, assertBoolean, assertRedirectUri, checkReturnPath, WECHAT_ENDPOINTS } from '@wechat-qr-login/core'
import { invalidOption } from '@wechat-qr-login/core/internal'
import { createWechatClient } from './client'
import { assertSecret } from './internal/assert'
import { createSealer } from './internal/seal'
import { createSessionStore } from './internal/session-store'

/** What `onLogin` receives after WeChat confirmed the user. Tokens stay on the server. */
export interface WechatLoginContext {
  /** The user as the session will hold it (`id` from `wechatIdentity()`). */
  user: WechatUser
  /** WeChat's token answer: `access_token`, `refresh_token`, `openid`, `unionid`. Never sent to a browser. */
  token: WechatAccessTokenResponse
  /** WeChat's `/sns/userinfo` answer. */
  userInfo: WechatUserInfo
  /** The callback or exchange request. */
  request: Request
}

/**
 * Runs after a successful code exchange, before the session opens. Return nothing to keep the
 * user, a `WechatUser` to store a different one (e.g. your own user id), or a `Response` to
 * answer yourself (no session cookie is set; the state cookie is still cleared). Throwing fails
 * the login with `EXCHANGE_FAILED` (or your `WechatLoginError`'s code).
 *
 * A `self_redirect` callback runs in WeChat's cross-site iframe, where browsers only accept
 * `SameSite=None; Secure` cookies: a `Response` you return there must set its cookies that way.
 */
export type WechatLoginHook = (context: WechatLoginContext) => WechatUser | Response | void | Promise<WechatUser | Response | void>

/** Where the handler reports failures. Messages never contain secrets, codes or tokens. */
export interface WechatAuthLogger {
  /** Failures caused by the browser or the user: bad or replayed state, bad requests. */
  warn: (message: string) => void
  /** Failures of WeChat or of the configuration: API errors, timeouts, a failing `onLogin`. */
  error: (message: string) => void
}

/** Attributes of the session cookie. */
export interface WechatSessionCookieOptions {
  /**
   * Cookie name. On https without `domain` it is sent as `__Host-{name}`, which a sibling
   * subdomain cannot set.
   * @default 'wechat_session'
   */
  name?: string
  /**
   * Session lifetime in whole seconds, from 1 to 34560000 (400 days: browsers keep no cookie
   * longer). A cookie's `Max-Age` has no fractions, and rounding one down to 0 would delete the
   * session at once.
   * @default 604800 (7 days)
   */
  maxAge?: number
  /**
   * The `Secure` attribute of every cookie: `'auto'` sets it when the request (as seen through
   * `trustProxy`) is https.
   * @default 'auto'
   */
  secure?: boolean | 'auto'
  /**
   * `Domain` attribute, to share the session with subdomains. Unset, the cookie is host-only.
   * @default undefined
   */
  domain?: string
}

/** Options of {@link createWechatAuth}. */
export interface WechatAuthOptions {
  /** The website app's AppID (`wx` + 16 hex characters). */
  appid: string
  /** The AppSecret. Server-side only. */
  secret: string
  /**
   * Keys of the session cookie (encrypted) and the state cookies (signed), derived once: at
   * least 32 random characters. Pass a list to rotate: the first seals and signs, all of them open.
   */
  sessionSecret: string | string[]
  /**
   * Origin of the QR pages, returned by `GET {basePath}/state` for the client to build the URL.
   * @default 'https://open.weixin.qq.com'
   */
  openBase?: string
  /**
   * Origin of the server APIs.
   * @default 'https://api.weixin.qq.com'
   */
  apiBase?: string
  /**
   * Where the routes live.
   * @default '/auth/wechat'
   */
  basePath?: string
  /**
   * The absolute `redirect_uri` registered with WeChat (its host under the 授权回调域). Unset, it
   * is `{basePath}/callback` on the origin of each request.
   * @default undefined
   */
  redirectUri?: string
  /**
   * Origin of the app pages: target of the relay page's `postMessage` and base of return paths.
   * @default the origin of the redirect URI
   */
  appOrigin?: string
  /**
   * Trust `X-Forwarded-Proto` and `X-Forwarded-Host` when deriving the redirect URI, the app origin
   * and the `Secure` attribute. Enable it only behind a proxy or tunnel that sets both headers.
   * @default false
   */
  trustProxy?: boolean
  /**
   * Same-origin paths a login may return to: a string allows that path and everything below it,
   * a RegExp is tested against the path (its `g` and `y` flags are ignored: they would make the
   * test depend on the previous one).
   * @default ['/']
   */
  returnPaths?: (string | RegExp)[]
  /**
   * Where a top-window login returns when `GET {basePath}/state` got no `return_to`.
   * @default '/'
   */
  defaultReturnPath?: string
  /**
   * The session cookie.
   * @default {} (each field's own default)
   */
  cookie?: WechatSessionCookieOptions
  /**
   * Open the built-in encrypted-cookie session. `false` for apps with their own sessions: `onLogin`
   * is then required, and `GET /session` and `POST /logout` are left to the app.
   * @default true
   */
  session?: boolean
  /**
   * A store shared by every instance (an unstorage `Storage`, e.g. its Redis driver), for sessions
   * that can be revoked: logout then ends the session on every instance, "log out everywhere"
   * (`POST {basePath}/logout` with `{ "everywhere": true }`, or `revokeSessions(userId)`) ends all
   * of a user's, and each state is accepted once across instances. Without it the server is
   * stateless: a session cookie is valid until it expires.
   * @default undefined
   */
  store?: WechatAuthStore
  /**
   * Runs after each successful login; see {@link WechatLoginHook}.
   * @default undefined
   */
  onLogin?: WechatLoginHook
  /**
   * Where failures are reported; `false` for silence.
   * @default console
   */
  logger?: WechatAuthLogger | false
  /**
   * The `fetch` used to call WeChat (through a proxy, a test double). Unset, Node's own
   * `http`/`https` clients call WeChat over kept-alive connections; other runtimes use `fetch`.
   * @default Node's http/https clients in Node, else globalThis.fetch
   */
  fetch?: typeof globalThis.fetch
  /**
   * Milliseconds each WeChat call may take: above 0, at most 2147483647 (setTimeout's limit).
   * @default 10000
   */
  timeout?: number
  /**
   * Language of the region names in `/sns/userinfo`.
   * @default 'zh_CN'
   */
  lang?: WechatUserInfoLang
}

/** A WeChat app the server logs in with: its AppID and the client that holds its AppSecret. */
export interface ResolvedApp {
  appid: string
  client: WechatClient
}

/** The options after validation, with every default applied. */
export interface ResolvedAuthOptions {
  /** The app of each login flow (see `LoginFlow`): the website app for the QR login. */
  apps: Record<LoginFlow, ResolvedApp>
  openBase: string
  basePath: string
  redirectUri?: string
  appOrigin?: string
  trustProxy: boolean
  returnPaths: (string | RegExp)[]
  defaultReturnPath: string
  cookie: Required<Omit<WechatSessionCookieOptions, 'domain'>> & Pick<WechatSessionCookieOptions, 'domain'>
  session: boolean
  onLogin?: WechatLoginHook
  logger?: WechatAuthLogger
  sealer: Sealer
  /** Sessions and used states in the shared store, when `store` is given. */
  sessions?: SessionStore
}

/** Plain segments (no dot segments, nothing to encode): the path appends to an origin as it is. */
const BASE_PATH_PATTERN = /^(?:\/(?!\.\.?(?:\/|$))[\w.~-]+)+$/
const COOKIE_NAME_PATTERN = /^[\w!#$%&'*+.^`|~-]+$/
/** Browsers cap a cookie's lifetime at 400 days (RFC 6265bis): a longer session would end early, unannounced. */
const MAX_COOKIE_AGE = 400 * 24 * 60 * 60

function resolveAppOrigin(appOrigin: unknown): string | undefined {
  if (appOrigin === undefined)
    return undefined
  let url: URL | undefined
  try {
    url = typeof appOrigin === 'string' ? new URL(appOrigin) : undefined
  }
  catch {}
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== String(appOrigin).replace(/\/$/, ''))
    throw invalidOption('appOrigin', 'expected an origin such as "https://www.example.com" (scheme, host and port only).')
  return url.origin
}

/**
 * A RegExp with `g` or `y` keeps `lastIndex` between `test()` calls, so the same path would be
 * allowed and refused in turn: such entries are copied without those flags.
 */
function statelessPath(entry: string | RegExp): string | RegExp {
  return entry instanceof RegExp && (entry.global || entry.sticky) ? new RegExp(entry.source, entry.flags.replace(/[gy]/g, '')) : entry
}

function resolveSecrets(sessionSecret: unknown): [string, ...string[]] {
  const secrets = Array.isArray(sessionSecret) ? sessionSecret : [sessionSecret]
  if (secrets.length === 0)
    throw invalidOption('sessionSecret', 'pass at least one secret.')
  for (const secret of secrets)
    assertSecret(secret, 'sessionSecret', 32)
  return secrets as [string, ...string[]]
}

function resolveCookie(cookie: WechatSessionCookieOptions): ResolvedAuthOptions['cookie'] {
  if (typeof cookie !== 'object' || cookie === null)
    throw invalidOption('cookie', 'expected an object such as { maxAge: 86400 }, or leave it out for the defaults.')
  const { name = 'wechat_session', maxAge = 604_800, secure = 'auto', domain } = cookie
  if (typeof name !== 'string' || !COOKIE_NAME_PATTERN.test(name) || name.startsWith('__'))
    throw invalidOption('cookie.name', 'expected a cookie name of letters, digits and "_-." without a "__" prefix (the prefix is added for you).')
  if (!Number.isSafeInteger(maxAge) || maxAge < 1 || maxAge > MAX_COOKIE_AGE)
    throw invalidOption('cookie.maxAge', `expected a whole number of seconds from 1 to ${MAX_COOKIE_AGE} (400 days, the longest a browser keeps a cookie), such as 86400 (1 day). A fraction would be rounded to "Max-Age=0", which deletes the cookie at once.`)
  if (secure !== 'auto' && typeof secure !== 'boolean')
    throw invalidOption('cookie.secure', 'expected "auto", true or false.')
  if (domain !== undefined && (typeof domain !== 'string' || !/^[a-z0-9.-]+$/i.test(domain)))
    throw invalidOption('cookie.domain', 'expected a domain such as "example.com".')
  return { name, maxAge, secure, domain }
}

/** Validates {@link WechatAuthOptions} once and applies the defaults. */
export function resolveAuthOptions(options: WechatAuthOptions): ResolvedAuthOptions {
  const {
    appid,
    secret,
    sessionSecret,
    openBase = WECHAT_ENDPOINTS.openBase,
    apiBase = WECHAT_ENDPOINTS.apiBase,
    basePath = '/auth/wechat',
    redirectUri,
    appOrigin,
    trustProxy = false,
    returnPaths = ['/'],
    defaultReturnPath = '/',
    cookie = {},
    session = true,
    onLogin,
    store,
    logger = console,
    fetch,
    timeout,
    lang,
  } = options
  assertAppid(appid)
  assertBaseUrl(openBase, 'openBase')
  if (typeof basePath !== 'string' || !BASE_PATH_PATTERN.test(basePath))
    throw invalidOption('basePath', 'expected a path such as "/auth/wechat": a leading "/", no trailing "/", no "." or ".." segment, no query.')
  if (redirectUri !== undefined)
    assertRedirectUri(redirectUri)
  assertBoolean(trustProxy, 'trustProxy')
  assertBoolean(session, 'session')
  if (!Array.isArray(returnPaths) || returnPaths.some(path => !(path instanceof RegExp) && (typeof path !== 'string' || !path.startsWith('/') || path.startsWith('//'))))
    throw invalidOption('returnPaths', 'expected a list of same-origin paths ("/account") or RegExps tested against the path.')
  if (onLogin !== undefined && typeof onLogin !== 'function')
    throw invalidOption('onLogin', 'expected a function.')
  if (!session && !onLogin)
    throw invalidOption('onLogin', 'with "session: false" the login has nowhere to go: pass "onLogin" to open your own session.')
  if (store !== undefined && (typeof store?.getItem !== 'function' || typeof store.setItem !== 'function' || typeof store.removeItem !== 'function'))
    throw invalidOption('store', 'expected an unstorage Storage, such as createStorage({ driver: redisDriver({ url }) }), or leave it out.')
  if (logger !== false && (typeof logger?.warn !== 'function' || typeof logger.error !== 'function'))
    throw invalidOption('logger', 'expected an object with "warn" and "error" methods (console works), or false.')
  const allowedPaths = returnPaths.map(statelessPath)
  const defaultPath = checkReturnPath(defaultReturnPath, allowedPaths)
  if (!defaultPath.ok)
    throw invalidOption('defaultReturnPath', `expected a same-origin path allowed by "returnPaths", such as "/" (this one is ${defaultPath.reason}).`)
  const resolvedCookie = resolveCookie(cookie)
  return {
    apps: { qr: { appid, client: createWechatClient({ appid, secret, apiBase, fetch, timeout, lang }) } },
    openBase: openBase.replace(/\/+$/, ''),
    basePath,
    redirectUri,
    appOrigin: resolveAppOrigin(appOrigin ?? (redirectUri === undefined ? undefined : new URL(redirectUri).origin)),
    trustProxy,
    returnPaths: allowedPaths,
    defaultReturnPath: defaultPath.path,
    cookie: resolvedCookie,
    session,
    onLogin,
    logger: logger === false ? undefined : logger,
    sealer: createSealer(resolveSecrets(sessionSecret)),
    sessions: store && createSessionStore(store, resolvedCookie.maxAge),
  }
}
