import type {
  WechatAccessTokenResponse,
  WechatUser,
  WechatUserInfo,
  WechatUserInfoLang,
} from '@wechat-qr-login/core'
import type { WechatClient } from './client'
import type { Sealer } from './internal/seal'
import type { SessionStore } from './internal/session-store'
import type { WechatAuthStore } from './store'
import { assertAppid, assertBaseUrl, assertBoolean, assertRedirectUri, checkReturnPath, WECHAT_ENDPOINTS } from '@wechat-qr-login/core'
import { invalidOption } from '@wechat-qr-login/core/internal'
import { createWechatClient } from './client'
import { assertSecret } from './internal/assert'
import { createSealer } from './internal/seal'
import { createSessionStore } from './internal/session-store'

/**
 * Which WeChat login ran, and so whose AppID and AppSecret exchanged the code: `qr`, the website
 * app's QR login (a desktop browser); `oa`, the Official Account's web authorization (inside
 * WeChat).
 */
export type WechatLoginFlow = 'qr' | 'oa'

/** The scopes of an Official Account's web authorization: silent and openid only, or the profile after the user allows. */
export type WechatOfficialAccountScope = 'snsapi_base' | 'snsapi_userinfo'

/**
 * What `onLogin` receives after WeChat confirmed the user. Tokens stay on the server. An app that
 * links the two logins of one person stores each `(appid, token.openid)` pair under the user's
 * unionid (`user.unionid`), which is the same for the website app and the Official Account when
 * both are bound to one Open Platform account.
 */
export interface WechatLoginContext {
  /** The user as the session will hold it (`id` from `wechatIdentity()`, `flow` and `appid` set). */
  user: WechatUser
  /** The login that ran. */
  flow: WechatLoginFlow
  /** The AppID the user signed in to: the website app's (`qr`) or the Official Account's (`oa`). An openid is unique per AppID only. */
  appid: string
  /** The Official Account's scope (`oa` only). */
  scope?: WechatOfficialAccountScope
  /** WeChat's token answer: `access_token`, `refresh_token`, `openid`, `unionid`. Never sent to a browser. */
  token: WechatAccessTokenResponse
  /**
   * WeChat's `/sns/userinfo` answer; `undefined` for `snsapi_base`, which grants none (WeChat
   * answers `48001`): the user then has an empty nickname and avatar.
   */
  userInfo: WechatUserInfo | undefined
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

/** The file that proves to WeChat that a 网页授权域名 is yours, as the 公众平台 gives it for download. */
export interface WechatVerificationFile {
  /** Its file name, `MP_verify_` and letters or digits, then `.txt`, e.g. `MP_verify_JAvcbC1J7nmyASIJ.txt`. */
  name: string
  /** Its content, served verbatim as `text/plain`. */
  content: string
}

/**
 * The Official Account (a verified 服务号) whose web authorization logs users in inside WeChat,
 * where the QR code cannot be scanned. Bind it to the website app's Open Platform account, so
 * that a user has one unionid across both logins.
 */
export interface WechatOfficialAccountOptions {
  /** Its AppID (`wx` + 16 hex characters), from 公众平台 → 设置与开发 → 基本配置. */
  appid: string
  /** Its AppSecret. Server-side only. */
  secret: string
  /**
   * The verification file of its 网页授权域名: the handler answers `GET /{name}` (and
   * `GET /{any path}/{name}`, for a domain with a path such as `www.example.com/mp`) with
   * `content`, so that the 公众平台 accepts the domain.
   * @default undefined
   */
  verificationFile?: WechatVerificationFile
}

/** What an `openBase` function is asked: the login that a `GET {basePath}/state` starts. */
export interface WechatOpenBaseContext {
  flow: WechatLoginFlow
  /** The request's URL as the browser sees it (through `trustProxy`). */
  url: URL
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
   * The Official Account that logs users in inside WeChat (`GET {basePath}/state?flow=oa`).
   * Without it, such a request gets `OFFICIAL_ACCOUNT_NOT_CONFIGURED`.
   * @default undefined
   */
  officialAccount?: WechatOfficialAccountOptions
  /**
   * Origin of WeChat's login pages (the QR page, an Official Account's authorization), returned
   * by `GET {basePath}/state` for the client to build the URL. A function picks one per request,
   * e.g. a proxy on the app's own host for a phone that reaches it through a tunnel.
   * @default 'https://open.weixin.qq.com'
   */
  openBase?: string | ((context: WechatOpenBaseContext) => string)
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
  /** The app of each login flow: the website app's for the QR login, the Official Account's when configured. */
  apps: { qr: ResolvedApp, oa?: ResolvedApp }
  /** The Official Account's verification file, when configured. */
  verificationFile?: WechatVerificationFile
  /** Origin of WeChat's login pages for a request, without a trailing `/`. */
  openBase: (context: WechatOpenBaseContext) => string
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

/** `MP_verify_` and the token WeChat generates (16 letters and digits so far), `.txt`. */
const VERIFICATION_FILE_PATTERN = /^MP_verify_[A-Za-z\d]{1,64}\.txt$/
/** The 公众平台's file holds a short token; anything much longer is not that file. */
const MAX_VERIFICATION_CONTENT = 1024

function resolveVerificationFile(file: unknown): WechatVerificationFile | undefined {
  if (file === undefined)
    return undefined
  const { name, content } = (typeof file === 'object' && file !== null ? file : {}) as Partial<Record<keyof WechatVerificationFile, unknown>>
  if (typeof name !== 'string' || !VERIFICATION_FILE_PATTERN.test(name))
    throw invalidOption('officialAccount.verificationFile.name', 'expected the file name the 公众平台 gives (网页授权域名 → 下载文件), such as "MP_verify_JAvcbC1J7nmyASIJ.txt".')
  if (typeof content !== 'string' || content.length === 0 || content.length > MAX_VERIFICATION_CONTENT)
    throw invalidOption('officialAccount.verificationFile.content', `expected the downloaded file's content as a string (1 to ${MAX_VERIFICATION_CONTENT} characters), e.g. readFileSync(path, 'utf8').`)
  return { name, content }
}

/** A fixed origin, or the app's function checked on each call. */
function resolveOpenBase(openBase: unknown): ResolvedAuthOptions['openBase'] {
  if (typeof openBase === 'function') {
    return (context) => {
      const base: unknown = openBase(context)
      assertBaseUrl(base, 'openBase')
      return base.replace(/\/+$/, '')
    }
  }
  assertBaseUrl(openBase, 'openBase')
  const fixed = openBase.replace(/\/+$/, '')
  return () => fixed
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

function resolveOfficialAccount(account: unknown, websiteAppid: string, app: (appid: string, secret: string) => ResolvedApp): ResolvedApp {
  if (typeof account !== 'object' || account === null)
    throw invalidOption('officialAccount', 'expected { appid, secret } of your Official Account (a verified 服务号), or leave it out.')
  const { appid, secret } = account as Partial<Record<keyof WechatOfficialAccountOptions, unknown>>
  assertAppid(appid, 'officialAccount.appid')
  if (appid === websiteAppid)
    throw invalidOption('officialAccount.appid', 'this is the website app\'s AppID. The Official Account has its own AppID and AppSecret (公众平台 → 设置与开发 → 基本配置): a website app cannot run the web authorization inside WeChat.')
  assertSecret(secret, 'officialAccount.secret', 1)
  return app(appid, secret)
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
    officialAccount,
  } = options
  assertAppid(appid)
  const resolvedOpenBase = resolveOpenBase(openBase)
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
  const app = (id: string, appSecret: string): ResolvedApp => ({ appid: id, client: createWechatClient({ appid: id, secret: appSecret, apiBase, fetch, timeout, lang }) })
  return {
    apps: { qr: app(appid, secret), ...(officialAccount === undefined ? {} : { oa: resolveOfficialAccount(officialAccount, appid, app) }) },
    verificationFile: resolveVerificationFile(officialAccount?.verificationFile),
    openBase: resolvedOpenBase,
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
