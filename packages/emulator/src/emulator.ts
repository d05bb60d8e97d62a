import type { EmulatorFaults } from './faults'
import type { EmulatorListenOptions, EmulatorServer } from './listen'
import type { EmulatorUser, WechatEmulatorOptions } from './options'
import type { EmulatorCode, EmulatorConfirmResult, EmulatorQrSession, EmulatorToken } from './store'
import { STATUS_CODES } from 'node:http'
import { WechatLoginError } from '@wechat-qr-login/core'
import { handleLongPoll, handlePhonePage, handleQrConnect, handleQrImage } from './connect'
import { CONTROL_PREFIX, handleControl } from './control'
import { createFaultInjector } from './faults'
import { listenEmulator } from './listen'
import { resolveOptions } from './options'
import { AVATAR_PATH, renderAvatar } from './pages/avatar'
import { renderIndex } from './pages/index-page'
import { plainText } from './plain-text'
import { safeDecode } from './safe-decode'
import { createSleeper } from './sleeper'
import { handleSns, SNS_PATHS } from './sns'
import { createEmulatorStore } from './store'
import { createUserRegistry } from './users'
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
   * Test-only: a code as if `user` had confirmed a QR of `appid`, without a QR.
   * @throws {WechatLoginError} for an unknown appid or user.
   */
  issueCode: (appid: string, user?: string | EmulatorUser) => string
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
  /** Test-only: forgets sessions, codes, tokens and added users; faults return to the options'. */
  reset: () => void
}

function notFound(): Response {
  return plainText('Not found (WeChat emulator)', 404)
}

/**
 * The response with the standard reason phrase of its status (`200 OK`), which Node's server
 * writes in the status line: a `Response` built without `statusText` would send `HTTP/1.1 200 `.
 */
function withReasonPhrase(response: Response): Response {
  if (response.statusText !== '')
    return response
  const { status, headers, body } = response
  return new Response(body, { status, statusText: STATUS_CODES[status] ?? '', headers })
}

const SNS_PATH_SET: ReadonlySet<string> = new Set(Object.values(SNS_PATHS))

/**
 * Creates a faithful local WeChat for website QR login: the QR page (redirect and iframe
 * variants), the QR image and status long-poll, a phone page to confirm as a fake user, the
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
  // Not the request's origin while there is a better one: a proxy that keeps the Host header
  // (`api.weixin.qq.com`) would otherwise put its host in the links.
  const publicBase = (requestOrigin: string): string => resolved.publicUrl ?? listeningUrl ?? requestOrigin
  const sns = { options: resolved, store, faults, publicBase }

  function requireApp(appid: string): void {
    if (!apps.has(appid))
      throw new WechatLoginError('INVALID_APPID', `Invalid "appid": no app "${String(appid).slice(0, 40)}" is registered on the emulator (registered: ${[...apps.keys()].join(', ')}).`, { option: 'appid' })
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
    issueCode(appid, user) {
      requireApp(appid)
      return store.issueCode(apps.get(appid)!, users.resolve(user)).code
    },
    codes: () => store.codes(),
    tokens: () => store.tokens(),
    users: () => users.list(),
    addUser: user => users.add(user),
    faults: () => faults.current(),
    setFaults: next => faults.set(next),
    reset() {
      store.reset()
      users.reset()
      faults.set(resolved.faults)
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
    if (path.startsWith(CONTROL_PREFIX) && !path.startsWith(AVATAR_PATH))
      return handleControl({ emulator, store }, request, path.slice(CONTROL_PREFIX.length))
    if (method !== 'GET' && method !== 'HEAD')
      return notFound()
    if (path === '/connect/qrconnect')
      return handleQrConnect(connect, url)
    if (path === '/connect/l/qrconnect')
      return handleLongPoll(connect, request, url)
    if (path.startsWith('/connect/qrcode/'))
      return handleQrImage(connect, safeDecode(path.slice('/connect/qrcode/'.length)))
    if (path === WX_LOGIN_SCRIPT_PATH)
      return renderWxLoginScript(url.origin)
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
