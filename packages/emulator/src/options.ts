import type { WechatUserInfoLang } from '@wechat-qr-login/core'
import type { EmulatorFaults } from './faults'
import type { EmulatorOfficialAccount, ResolvedOfficialAccount } from './official-account'
import { assertAppid, assertBaseUrl, assertBoolean } from '@wechat-qr-login/core'
import { invalidOption } from '@wechat-qr-login/core/internal'
import { assertFaults } from './faults'
import { DEMO_OFFICIAL_ACCOUNT, resolveOfficialAccount } from './official-account'

/** A website app registered on the emulator, as in WeChat's Open Platform console. */
export interface EmulatorApp {
  /** The AppID: `wx` + 16 lowercase hex characters. */
  appid: string
  /** The AppSecret that `/sns/oauth2/access_token` checks. */
  secret: string
  /**
   * The 授权回调域: a bare host such as `localhost` or `www.example.com` (no scheme, port or
   * path). `redirect_uri` must be on exactly this host.
   *
   * Emulator-only extension: a list of hosts, each accepted, for development where one app is
   * reached under several names (`['localhost', '127.0.0.1', 'abc.natapp4.cc']`). WeChat's
   * console takes exactly one domain.
   */
  callbackDomain: string | string[]
  /**
   * The Open Platform account the app is bound to. Users get a `unionid` (the same for every app
   * with this id); unset, they get none, as with an unbound app.
   * @default undefined
   */
  openPlatformId?: string
  /**
   * Shown on the QR page and the phone page.
   * @default the appid
   */
  name?: string
}

/** Region names of a user, as `/sns/userinfo` returned them before the 2021 privacy change. */
export interface EmulatorRegion {
  country: string
  province: string
  city: string
}

/** A fake WeChat user who can confirm logins. */
export interface EmulatorUser {
  /** Stable id; the user's openid (per app) and unionid (per Open Platform account) derive from it. */
  id: string
  nickname: string
  /**
   * `headimgurl`: an absolute http(s) URL, or `''` for a user without avatar.
   * @default a generated avatar served by the emulator
   */
  avatar?: string
  /**
   * `false`: never a unionid, even on an app bound to an Open Platform account.
   * @default true
   */
  unionid?: boolean
  /**
   * 1 male, 2 female, 0 unknown. Only returned when the emulator's `blankProfile` is `false`.
   * @default 0
   */
  sex?: 0 | 1 | 2
  /**
   * Region per `/sns/userinfo` `lang`. Only returned when the emulator's `blankProfile` is `false`.
   * @default undefined (empty strings)
   */
  region?: Partial<Record<WechatUserInfoLang, EmulatorRegion>>
}

/** What a `publicUrl` function is asked about: the login that a link belongs to. */
export interface EmulatorPublicUrlContext {
  /** The login's `redirect_uri`: where the user's browser is (the app's host, a tunnel's host…). */
  redirectUri: URL
  /** The request being answered: the QR page's (from the browser), or `/sns/userinfo`'s (from the app's server). */
  request: Request
}

/** Options of {@link createWechatEmulator}. */
export interface WechatEmulatorOptions {
  /**
   * The registered website apps.
   * @default [DEMO_APP]
   */
  apps?: EmulatorApp[]
  /**
   * The Official Accounts (and test accounts) whose web authorization
   * (`/connect/oauth2/authorize`) the emulator plays. `[]` for none.
   * @default [DEMO_OFFICIAL_ACCOUNT]
   */
  officialAccounts?: EmulatorOfficialAccount[]
  /**
   * The fake users offered on the phone page; the first one confirms when none is named.
   * @default DEMO_USERS
   */
  users?: EmulatorUser[]
  /**
   * Base URL that phones use to reach the emulator (a LAN address or a tunnel). The QR encodes
   * `{publicUrl}/connect/confirm?uuid=…`, and `/sns/userinfo` links generated avatars on it. It
   * may carry a path prefix (`https://abc.natapp4.cc/__wechat-emulator`) for a proxy that
   * forwards that prefix to the emulator's root: the emulator's pages link only relative to
   * themselves.
   *
   * A function decides per login, for a tunnel whose host is only known when a request comes
   * through it: it gets the login's `redirect_uri` (and the request being answered), and returns
   * the base URL, or `undefined` for the default.
   * @default the origin of the request that created the QR (for avatars: where `listen()` serves)
   * @example
   * // Phones reach the emulator through the host the app was opened on, under a proxy prefix.
   * publicUrl: ({ redirectUri }) => redirectUri.hostname.endsWith('.natappfree.cc') ? `${redirectUri.origin}/__wechat-emulator` : undefined
   */
  publicUrl?: string | ((context: EmulatorPublicUrlContext) => string | undefined)
  /**
   * Seconds a QR lives before the page reports 402 (expired).
   * @default 300
   */
  qrLifetime?: number
  /**
   * Milliseconds a status long-poll is held before it answers 408 (still waiting).
   * @default 25000
   */
  longPollTimeout?: number
  /**
   * Milliseconds added to every response, to feel a real network.
   * @default 0
   */
  latency?: number
  /**
   * Reject a `redirect_uri` with a non-default port, as WeChat does. Off by default so that
   * `http://localhost:5173/…` works.
   * @default false
   */
  strict?: boolean
  /**
   * Accept subdomains of the callback domain (`www.example.com` for `example.com`), and of an
   * Official Account's 网页授权域名. WeChat's rule for the callback domain is not documented
   * (exact match is the safe assumption); the 网页授权域名's is exact match: an emulator-only
   * extension for tunnels whose host changes on each start.
   * @default false
   */
  allowSubdomains?: boolean
  /**
   * Failures injected into the `/sns/*` APIs (see {@link EmulatorFaults}).
   * @default {}
   */
  faults?: EmulatorFaults
  /**
   * Memory bound: live QR sessions kept at most (the oldest are evicted). Issued codes and token
   * grants are bounded by the same number.
   * @default 10000
   */
  maxSessions?: number
  /**
   * Blank `sex` (0) and `province`/`city`/`country` ('') in `/sns/userinfo`, as WeChat has done
   * since 2021-10-20. `false` returns the users' `sex` and `region`.
   * @default true
   */
  blankProfile?: boolean
  /**
   * `Content-Type` of the `/sns/*` JSON answers. WeChat sends `text/plain`, which trips clients
   * that insist on `application/json`.
   * @default 'text/plain'
   */
  apiContentType?: string
}

/**
 * The emulator's demo website app: registered for `localhost`, bound to an Open Platform
 * account (so users get a unionid). Its secret is public: never use it outside the emulator.
 */
export const DEMO_APP: Readonly<Required<EmulatorApp>> = Object.freeze({
  appid: 'wxdeadbeefcafef00d',
  secret: 'e0000000000000000000000000000001',
  callbackDomain: 'localhost',
  openPlatformId: 'emulator-open-platform',
  name: 'Demo App (emulator)',
})

/**
 * The emulator's seed users: Chinese and English nicknames, one without unionid, one without
 * avatar. Their openids are the same on every run.
 */
export const DEMO_USERS: readonly Readonly<EmulatorUser>[] = Object.freeze(([
  {
    id: 'zhang-wei',
    nickname: '张伟',
    sex: 1,
    region: {
      zh_CN: { country: '中国', province: '广东', city: '深圳' },
      zh_TW: { country: '中國', province: '廣東', city: '深圳' },
      en: { country: 'China', province: 'Guangdong', city: 'Shenzhen' },
    },
  },
  { id: 'alice', nickname: 'Alice Chen', sex: 2 },
  { id: 'li-na', nickname: '李娜 🐼', unionid: false },
  { id: 'bob', nickname: 'Bob', avatar: '' },
] satisfies EmulatorUser[]).map(user => Object.freeze(user as EmulatorUser)))

/** Options after defaults and checks. */
export interface ResolvedEmulatorOptions {
  apps: ReadonlyMap<string, Readonly<EmulatorApp>>
  officialAccounts: ReadonlyMap<string, ResolvedOfficialAccount>
  users: readonly EmulatorUser[]
  /** The phones' base URL for a link of the login that redirects to `redirectUri`, when one is set. */
  publicUrl: (redirectUri: string | undefined, request: Request) => string | undefined
  qrLifetime: number
  longPollTimeout: number
  latency: number
  strict: boolean
  allowSubdomains: boolean
  faults: EmulatorFaults
  maxSessions: number
  blankProfile: boolean
  apiContentType: string
}

const HOST_PATTERN = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i

function assertNumber(value: unknown, option: string, { min, integer = false }: { min: number, integer?: boolean }): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || (integer && !Number.isInteger(value)))
    throw invalidOption(option, `expected ${integer ? 'an integer' : 'a number'} of at least ${min}.`)
}

function assertApp(app: unknown, option: string): asserts app is EmulatorApp {
  if (typeof app !== 'object' || app === null)
    throw invalidOption(option, 'expected an app object { appid, secret, callbackDomain }.')
  const { appid, secret, callbackDomain, openPlatformId, name } = app as Record<string, unknown>
  assertAppid(appid, `${option}.appid`)
  if (typeof secret !== 'string' || secret.length === 0)
    throw invalidOption(`${option}.secret`, 'expected the AppSecret as a non-empty string.')
  const domains = Array.isArray(callbackDomain) ? callbackDomain : [callbackDomain]
  if (domains.length === 0 || domains.some(domain => typeof domain !== 'string' || !HOST_PATTERN.test(domain))) {
    throw invalidOption(`${option}.callbackDomain`, 'expected a bare host such as "localhost" or "www.example.com" (or a list of them): no scheme, port or path, as in WeChat\'s 授权回调域 field.')
  }
  if (openPlatformId !== undefined && (typeof openPlatformId !== 'string' || openPlatformId.length === 0))
    throw invalidOption(`${option}.openPlatformId`, 'expected a non-empty string, or leave it out for an app without unionid.')
  if (name !== undefined && typeof name !== 'string')
    throw invalidOption(`${option}.name`, 'expected a string.')
}

/**
 * Checks a user: a non-empty id and nickname, an http(s) or empty avatar, booleans where
 * booleans belong.
 * @throws {WechatLoginError} `INVALID_OPTION` naming the field at fault.
 */
export function assertUser(user: unknown, option: string): asserts user is EmulatorUser {
  if (typeof user !== 'object' || user === null)
    throw invalidOption(option, 'expected a user object { id, nickname }.')
  const { id, nickname, avatar, unionid, sex } = user as Record<string, unknown>
  if (typeof id !== 'string' || id.length === 0 || id.length > 64)
    throw invalidOption(`${option}.id`, 'expected a non-empty string of at most 64 characters.')
  if (typeof nickname !== 'string' || nickname.length === 0 || nickname.length > 64)
    throw invalidOption(`${option}.nickname`, 'expected a non-empty string of at most 64 characters.')
  if (avatar !== undefined && avatar !== '' && !isHttpUrl(avatar))
    throw invalidOption(`${option}.avatar`, 'expected an absolute http(s) URL, or "" for a user without avatar (leave it out for a generated one).')
  if (unionid !== undefined)
    assertBoolean(unionid, `${option}.unionid`)
  if (sex !== undefined && sex !== 0 && sex !== 1 && sex !== 2)
    throw invalidOption(`${option}.sex`, 'expected 0 (unknown), 1 (male) or 2 (female).')
}

/** Whether `value` is an absolute http(s) URL. */
export function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string')
    return false
  try {
    const { protocol } = new URL(value)
    return protocol === 'http:' || protocol === 'https:'
  }
  catch {
    return false
  }
}

/** A base URL as links append to it: checked, without a trailing `/`. */
function baseUrl(value: unknown): string {
  assertBaseUrl(value, 'publicUrl')
  return value.replace(/\/+$/, '')
}

function resolvePublicUrl(publicUrl: WechatEmulatorOptions['publicUrl']): ResolvedEmulatorOptions['publicUrl'] {
  if (typeof publicUrl === 'function') {
    return (redirectUri, request) => {
      if (redirectUri === undefined)
        return undefined
      const base = publicUrl({ redirectUri: new URL(redirectUri), request })
      return base === undefined ? undefined : baseUrl(base)
    }
  }
  const base = publicUrl === undefined ? undefined : baseUrl(publicUrl)
  return () => base
}

/**
 * Applies the defaults and checks every option, so that a bad option fails at start-up with a
 * message that names it.
 * @throws {WechatLoginError} `INVALID_OPTION` or `INVALID_APPID` / `INVALID_BASE_URL`.
 */
export function resolveOptions(options: WechatEmulatorOptions): ResolvedEmulatorOptions {
  const {
    apps = [DEMO_APP],
    officialAccounts = [DEMO_OFFICIAL_ACCOUNT as EmulatorOfficialAccount],
    users = DEMO_USERS,
    publicUrl,
    qrLifetime = 300,
    longPollTimeout = 25_000,
    latency = 0,
    strict = false,
    allowSubdomains = false,
    faults = {},
    maxSessions = 10_000,
    blankProfile = true,
    apiContentType = 'text/plain',
  } = options
  if (!Array.isArray(apps) || apps.length === 0)
    throw invalidOption('apps', 'expected at least one app { appid, secret, callbackDomain }, or leave it out for DEMO_APP.')
  const appMap = new Map<string, Readonly<EmulatorApp>>()
  apps.forEach((app, index) => {
    assertApp(app, `apps[${index}]`)
    if (appMap.has(app.appid))
      throw invalidOption(`apps[${index}].appid`, `the appid ${app.appid} is registered twice.`)
    const callbackDomain = Array.isArray(app.callbackDomain) ? app.callbackDomain.map(domain => domain.toLowerCase()) : app.callbackDomain.toLowerCase()
    appMap.set(app.appid, Object.freeze({ ...app, callbackDomain }))
  })
  if (!Array.isArray(users))
    throw invalidOption('users', 'expected an array of users { id, nickname }.')
  const ids = new Set<string>()
  users.forEach((user, index) => {
    assertUser(user, `users[${index}]`)
    if (ids.has(user.id))
      throw invalidOption(`users[${index}].id`, `the user id "${user.id}" is used twice.`)
    ids.add(user.id)
  })
  if (!Array.isArray(officialAccounts))
    throw invalidOption('officialAccounts', 'expected an array of Official Accounts { appid, secret, webAuthDomain } ([] for none), or leave it out for DEMO_OFFICIAL_ACCOUNT.')
  const accountMap = new Map<string, ResolvedOfficialAccount>()
  officialAccounts.forEach((account, index) => {
    const resolved = resolveOfficialAccount(account, `officialAccounts[${index}]`)
    if (appMap.has(resolved.appid) || accountMap.has(resolved.appid))
      throw invalidOption(`officialAccounts[${index}].appid`, `the appid ${resolved.appid} is registered twice (an AppID belongs to one app or account).`)
    accountMap.set(resolved.appid, resolved)
  })
  const resolvedPublicUrl = resolvePublicUrl(publicUrl)
  assertNumber(qrLifetime, 'qrLifetime', { min: 1 })
  assertNumber(longPollTimeout, 'longPollTimeout', { min: 1 })
  assertNumber(latency, 'latency', { min: 0 })
  assertNumber(maxSessions, 'maxSessions', { min: 1, integer: true })
  assertBoolean(strict, 'strict')
  assertBoolean(allowSubdomains, 'allowSubdomains')
  assertBoolean(blankProfile, 'blankProfile')
  assertFaults(faults, 'faults')
  if (typeof apiContentType !== 'string' || apiContentType.length === 0)
    throw invalidOption('apiContentType', 'expected a media type such as "text/plain" or "application/json".')
  return {
    apps: appMap,
    officialAccounts: accountMap,
    users: users.map(user => ({ ...user })),
    publicUrl: resolvedPublicUrl,
    qrLifetime,
    longPollTimeout,
    latency,
    strict,
    allowSubdomains,
    faults: { ...faults, next: faults.next ? [...faults.next] : undefined },
    maxSessions,
    blankProfile,
    apiContentType,
  }
}
