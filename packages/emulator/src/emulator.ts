import type { WechatLoginError } from '@wechat-qr-login/core'
import type { EmulatorAuthorization, OfficialAccountScope } from './authorizations'
import type { EmulatorFaults } from './faults'
import type { EmulatorListenOptions, EmulatorServer } from './listen'
import type { EmulatorOfficialAccountStatus } from './official-account'
import type { EmulatorUser, WechatEmulatorOptions } from './options'
import type { EmulatorCode, EmulatorConfirmResult, EmulatorQrSession, EmulatorToken } from './store'
import type { EmulatorWechatClient } from './wechat-client'
import { STATUS_CODES } from 'node:http'
import { WECHAT_LOGIN_SCOPE } from '@wechat-qr-login/core'
import { invalidOption, safeDecode } from '@wechat-qr-login/core/internal'
import { createAuthorizationStore } from './authorizations'
import { handleLongPoll, handlePhonePage, handleQrConnect, handleQrImage } from './connect'
import { CONTROL_PREFIX, handleControl } from './control'
import { createFaultInjector } from './faults'
import { listenEmulator } from './listen'
import { handleAuthorize, handleConsent, handleFollow, handleFullService, OAUTH2_PATHS, officialAccountGrant } from './oauth2'
import { OFFICIAL_ACCOUNT_STATUSES } from './official-account'
import { resolveOptions } from './options'
import { AVATAR_PATH, renderAvatar } from './pages/avatar'
import { FAVICON_PATH, renderFavicon } from './pages/favicon'
import { renderIndex } from './pages/index-page'
import { plainText } from './plain-text'
import { createSleeper } from './sleeper'
import { handleSns, SNS_PATHS } from './sns'
import { CODE_LIFETIME, createEmulatorStore } from './store'
import { createUserRegistry } from './users'
import { changeWechatClient, DEFAULT_WECHAT_CLIENT } from './wechat-client'
import { renderWxLoginScript, WX_LOGIN_SCRIPT_PATH } from './wx-login-script'

/** A local WeChat: its HTTP handler, a server, and the control API for tests. */
export interface WechatEmulator {
  /** The fetch-standard handler: mount it anywhere that speaks `Request` → `Response`. */
  fetch: (request: Request) => Promise<Response>
  /** Serves the emulator on node:http. */
  listen: (options?: EmulatorListenOptions) => Promise<EmulatorServer>
  /** Test-only: the QR sessions in memory, oldest first. */
  sessions: () => EmulatorQrSession[]
  /**
   * Test-only: the phone scanned the QR (long-poll 404).
   * @throws {WechatLoginError} for an unknown, expired or confirmed session.
   */
  scan: (uuid: string) => void
  /**
   * Test-only: the user confirmed (long-poll 405 with a fresh code). `user` is an id, a user
   * object (added to the users), or nothing for the first user.
   * @throws {WechatLoginError} for an unknown, expired or confirmed session, or an unknown user.
   */
  confirm: (uuid: string, user?: string | EmulatorUser) => EmulatorConfirmResult
  /**
   * Test-only: the user cancelled (long-poll 403; no redirect).
   * @throws {WechatLoginError} for an unknown, expired or confirmed session.
   */
  cancel: (uuid: string) => void
  /**
   * Test-only: the QR expires now (long-poll 402).
   * @throws {WechatLoginError} for an unknown or confirmed session.
   */
  expire: (uuid: string) => void
  /**
   * Test-only: a code as if `user` had confirmed a QR of the website app `appid`, or authorized
   * the Official Account `appid` (`scope` defaults to `snsapi_userinfo`; `snapshot` for a
   * snapshot page's virtual account), without a page.
   * @throws {WechatLoginError} for an unknown appid or user, or a scope the app does not have.
   */
  issueCode: (appid: string, user?: string | EmulatorUser, grant?: EmulatorCodeOptions) => string
  /** Test-only: the codes issued, with `used` and `expiresAt`. */
  codes: () => EmulatorCode[]
  /** Test-only: the token grants issued, with their current access token. */
  tokens: () => EmulatorToken[]
  /** The users offered on the phone page. */
  users: () => EmulatorUser[]
  /**
   * Adds a user, or replaces the one with the same id.
   * @throws {WechatLoginError} `INVALID_OPTION` for a bad user.
   */
  addUser: (user: EmulatorUser) => EmulatorUser
  /** Test-only: the faults in force, with what is left of the `next` queue. */
  faults: () => EmulatorFaults
  /**
   * Test-only: replaces the injected faults (`{}` for none).
   * @throws {WechatLoginError} `INVALID_OPTION` for bad faults.
   */
  setFaults: (faults: EmulatorFaults) => void
  /** The Official Accounts, without secrets, with their followers and status now. */
  officialAccounts: () => EmulatorOfficialAccountInfo[]
  /**
   * Test-only: `user` (an id; the WeChat client's user when left out) follows the Official
   * Account `appid`, or no longer does.
   * @throws {WechatLoginError} `INVALID_APPID` for an unknown account, `INVALID_OPTION` for an unknown user.
   */
  follow: (appid: string, user?: string) => void
  unfollow: (appid: string, user?: string) => void
  /**
   * Test-only: how WeChat treats the account from now on (10004, 10005, 10009).
   * @throws {WechatLoginError} `INVALID_APPID` or `INVALID_OPTION`.
   */
  setOfficialAccountStatus: (appid: string, status: EmulatorOfficialAccountStatus) => void
  /** Test-only: the Official Account authorizations that passed WeChat's checks, oldest first. */
  authorizations: () => EmulatorAuthorization[]
  /** Test-only: the WeChat client's settings: its user, the link's entry, snapshot mode, the 30-day rule. */
  wechatClient: () => EmulatorWechatClient
  /**
   * Test-only: changes some of the WeChat client's settings; returns them all.
   * @throws {WechatLoginError} `INVALID_OPTION` for a bad setting or an unknown user; nothing changes then.
   */
  setWechatClient: (change: Partial<EmulatorWechatClient>) => EmulatorWechatClient
  /**
   * Test-only: forgets sessions, authorizations, codes, tokens, consents and added users; faults,
   * followers, account statuses and the WeChat client return to the options'.
   */
  reset: () => void
}

/** What `issueCode()` grants for an Official Account. */
export interface EmulatorCodeOptions {
  /**
   * An Official Account's scope (a website app's is always `snsapi_login`).
   * @default 'snsapi_userinfo'
   */
  scope?: OfficialAccountScope
  /**
   * A snapshot page's code: its token is a virtual account's (`is_snapshotuser: 1`).
   * @default false
   */
  snapshot?: boolean
}

/** An Official Account as `officialAccounts()` lists it: its options without the secret, and its state now. */
export interface EmulatorOfficialAccountInfo {
  appid: string
  name: string
  webAuthDomain: string[]
  openPlatformId?: string
  testAccount: boolean
  unionidWithBase: boolean
  status: EmulatorOfficialAccountStatus
  /** Ids of the users who follow it now. */
  followers: string[]
}

function notFound(): Response {
  return plainText('Not found (WeChat emulator)', 404)
}

/**
 * Gives the response the standard reason phrase of its status (`200 OK`), which Node's server
 * writes in the status line: a `Response` built without `statusText` would send `HTTP/1.1 200 `.
 * Set on the instance rather than by copying the response, which would stream its body through a
 * second `Response` (a fifth of the token endpoint's throughput).
 */
function withReasonPhrase(response: Response): Response {
  if (response.statusText === '')
    Object.defineProperty(response, 'statusText', { value: STATUS_CODES[response.status] ?? '' })
  return response
}

const SNS_PATH_SET: ReadonlySet<string> = new Set(Object.values(SNS_PATHS))

/**
 * Creates a faithful local WeChat for website QR login and Official Account web authorization:
 * the QR page (redirect and iframe variants), the QR image and status long-poll, a phone page to
 * confirm as a fake user, `/connect/oauth2/authorize` with its consent and snapshot pages, the
 * `/sns/*` APIs, `wxLogin.js`, WeChat's error pages, and a control API for tests. Point
 * `openBase` and `apiBase` at it; nothing else changes.
 *
 * @throws {WechatLoginError} `INVALID_OPTION` (or `INVALID_APPID`, `INVALID_BASE_URL`) naming a bad option.
 * @example
 * const emulator = createWechatEmulator()
 * const { url, close } = await emulator.listen({ port: 4399 })
 * // openBase = apiBase = url; DEMO_APP's appid and secret; callback on localhost.
 */
export function createWechatEmulator(options: WechatEmulatorOptions = {}): WechatEmulator {
  const resolved = resolveOptions(options)
  const { apps, latency } = resolved
  const store = createEmulatorStore(resolved)
  const users = createUserRegistry(resolved.users)
  const sleeper = createSleeper()
  let draining = 0
  /** Where `listen()` serves the emulator: its public URL unless `publicUrl` says otherwise. */
  let listeningUrl: string | undefined
  const sleep = (ms: number): Promise<void> => draining > 0 ? Promise.resolve() : sleeper.sleep(ms)
  const faults = createFaultInjector(resolved.faults, sleep)
  const connect = { options: resolved, store, users, holding: () => draining === 0 }
  const authorizations = createAuthorizationStore(resolved.officialAccounts, resolved.maxSessions)
  let wechatClient: EmulatorWechatClient = { ...DEFAULT_WECHAT_CLIENT }
  const oauth2 = { options: resolved, store, authorizations, users, client: () => wechatClient, faults: () => faults.current() }
  // Not the request's origin while there is a better one: a proxy that keeps the Host header
  // (`api.weixin.qq.com`) would otherwise put its host in the links.
  const publicBase = (redirectUri: string | undefined, request: Request): string =>
    resolved.publicUrl(redirectUri, request) ?? listeningUrl ?? new URL(request.url).origin
  const sns = { options: resolved, store, faults, publicBase }

  function unknownAppid(appid: string): WechatLoginError {
    return invalidOption('appid', `no app or Official Account "${String(appid).slice(0, 40)}" is registered on the emulator (registered: ${[...apps.keys(), ...resolved.officialAccounts.keys()].join(', ')}).`, 'INVALID_APPID')
  }

  function issueCode(appid: string, user: EmulatorUser, grant: EmulatorCodeOptions = {}): string {
    const { scope = 'snsapi_userinfo', snapshot = false } = grant
    const app = apps.get(appid)
    if (app) {
      if (grant.scope !== undefined || snapshot)
        throw invalidOption('scope', `${appid} is a website app, whose only scope is ${WECHAT_LOGIN_SCOPE} (no snapshot page either). Leave scope and snapshot out.`)
      return store.issueCode(appid, user, { scope: WECHAT_LOGIN_SCOPE, unionidFrom: app.openPlatformId, lifetime: CODE_LIFETIME }).code
    }
    const account = resolved.officialAccounts.get(appid)
    if (!account)
      throw unknownAppid(appid)
    if (scope !== 'snsapi_base' && scope !== 'snsapi_userinfo')
      throw invalidOption('scope', `an Official Account's is "snsapi_base" or "snsapi_userinfo"; got "${String(scope).slice(0, 40)}".`)
    if (typeof snapshot !== 'boolean' || (snapshot && scope !== 'snsapi_userinfo'))
      throw invalidOption('snapshot', 'expected true or false, and true only with scope "snsapi_userinfo" (the snapshot page replaces its consent).')
    return store.issueCode(appid, user, officialAccountGrant(account, scope, snapshot)).code
  }

  function setFollowing(appid: string, user: string | undefined, following: boolean): void {
    if (!resolved.officialAccounts.has(appid))
      throw unknownAppid(appid)
    const id = user ?? wechatClient.user ?? users.resolve(undefined).id
    authorizations.setFollowing(appid, users.resolve(id).id, following)
  }

  const emulator: WechatEmulator = {
    async fetch(request) {
      try {
        return withReasonPhrase(await route(request))
      }
      catch (error) {
        return withReasonPhrase(plainText(`WeChat emulator error: ${error instanceof Error ? error.message : String(error)}`, 500))
      }
    },
    async listen(listenOptions) {
      const server = await listenEmulator(emulator.fetch, {
        drain(on) {
          draining += on ? 1 : -1
          if (on) {
            sleeper.wakeAll()
            store.release()
          }
        },
        sweep: () => store.sweep(true),
      }, listenOptions)
      listeningUrl ??= server.url
      return server
    },
    sessions: () => store.sessions(),
    scan: uuid => store.scan(uuid),
    confirm: (uuid, user) => store.confirm(uuid, () => users.resolve(user)),
    cancel: uuid => store.cancel(uuid),
    expire: uuid => store.expire(uuid),
    issueCode: (appid, user, grant) => issueCode(appid, users.resolve(user), grant),
    codes: () => store.codes(),
    tokens: () => store.tokens(),
    users: () => users.list(),
    addUser: user => users.add(user),
    faults: () => faults.current(),
    setFaults: next => faults.set(next),
    officialAccounts: () => [...resolved.officialAccounts.values()].map(({ secret: _secret, ...account }) => ({
      ...account,
      webAuthDomain: [...account.webAuthDomain],
      status: authorizations.status(account.appid),
      followers: authorizations.followers(account.appid),
    })),
    follow: (appid, user) => setFollowing(appid, user, true),
    unfollow: (appid, user) => setFollowing(appid, user, false),
    setOfficialAccountStatus(appid, status) {
      if (!resolved.officialAccounts.has(appid))
        throw unknownAppid(appid)
      if (typeof status !== 'string' || !OFFICIAL_ACCOUNT_STATUSES.has(status))
        throw invalidOption('status', `expected one of ${[...OFFICIAL_ACCOUNT_STATUSES].map(value => `"${value}"`).join(', ')}.`)
      authorizations.setStatus(appid, status)
    },
    authorizations: () => authorizations.list(),
    wechatClient: () => ({ ...wechatClient }),
    setWechatClient(change) {
      const next = changeWechatClient(wechatClient, change)
      if (next.user !== null)
        users.resolve(next.user)
      wechatClient = next
      return { ...wechatClient }
    },
    reset() {
      store.reset()
      authorizations.reset()
      users.reset()
      faults.set(resolved.faults)
      wechatClient = { ...DEFAULT_WECHAT_CLIENT }
    },
  }

  async function route(request: Request): Promise<Response> {
    const url = new URL(request.url)
    const path = url.pathname
    const method = request.method
    store.sweep()
    if (latency > 0)
      await sleep(latency)
    if (SNS_PATH_SET.has(path))
      return handleSns(sns, request, url)
    if (path === '/connect/confirm' && (method === 'GET' || method === 'POST'))
      return handlePhonePage(connect, request, url)
    if (path === OAUTH2_PATHS.consent && method === 'POST')
      return handleConsent(oauth2, request)
    if (path === OAUTH2_PATHS.follow && method === 'POST')
      return handleFollow(oauth2, request)
    if (path.startsWith(CONTROL_PREFIX) && !path.startsWith(AVATAR_PATH))
      return handleControl({ emulator, store }, request, path.slice(CONTROL_PREFIX.length))
    if (method !== 'GET' && method !== 'HEAD')
      return notFound()
    if (path === '/connect/qrconnect')
      return handleQrConnect(connect, request, url)
    if (path === OAUTH2_PATHS.authorize)
      return handleAuthorize(oauth2, request, url)
    if (path === OAUTH2_PATHS.fullService)
      return handleFullService(oauth2, request, url)
    if (path === '/connect/l/qrconnect')
      return handleLongPoll(connect, request, url)
    if (path.startsWith('/connect/qrcode/'))
      return handleQrImage(connect, safeDecode(path.slice('/connect/qrcode/'.length)))
    if (path === WX_LOGIN_SCRIPT_PATH)
      return renderWxLoginScript(url.origin)
    if (path === FAVICON_PATH)
      return renderFavicon()
    if (path.startsWith(AVATAR_PATH)) {
      const id = safeDecode(path.slice(AVATAR_PATH.length).replace(/\/\d+$/, ''))
      return renderAvatar(id, users.get(id))
    }
    if (path === '/')
      return renderIndex(url.origin, [...apps.values()])
    return notFound()
  }

  return emulator
}
