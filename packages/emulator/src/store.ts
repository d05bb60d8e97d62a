import type { EmulatorApp, EmulatorUser } from './options'
import { WECHAT_LOGIN_SCOPE, WechatLoginError } from '@wechat-qr-login/core'
import { callbackUrl } from './callback-url'
import { createCode, createNonce, createQrUuid, createToken, deriveOpenid, deriveUnionid } from './ids'

/** Where a QR session is: the long-poll answers 408, 404, 405, 403 and 402 in turn. */
export type EmulatorQrStatus = 'waiting' | 'scanned' | 'confirmed' | 'cancelled' | 'expired'

/** A QR shown by `/connect/qrconnect`, as the control API reports it. */
export interface EmulatorQrSession {
  /** The id in `/connect/qrcode/{uuid}` and the phone page URL. */
  uuid: string
  appid: string
  /** `state` as received; echoed back unchanged. */
  state: string
  redirectUri: string
  /** `self_redirect=true`: the iframe navigates itself instead of the top window. */
  selfRedirect: boolean
  /** Shown in an iframe (`login_type=jssdk`) rather than as a full page. */
  embedded: boolean
  status: EmulatorQrStatus
  /** Epoch milliseconds. */
  createdAt: number
  /** When the QR expires (epoch milliseconds). */
  expiresAt: number
  lang: 'cn' | 'en'
  style: 'black' | 'white'
  /** The custom stylesheet applied to the page, if any. */
  href?: string
  stylelite: boolean
  fastLogin: boolean
  /** The phone page URL the QR encodes. */
  qrUrl: string
  /** The user who confirmed. */
  userId?: string
  /** The code issued on confirmation. */
  code?: string
  /** Status long-polls held open right now: 1 while a QR page is watching. */
  polls: number
}

/** Whose a code or a token is, for which app, with what scope: what a token keeps of its code. */
interface GrantSubject {
  appid: string
  userId: string
  openid: string
  unionid?: string
  /** `snsapi_login` (website app), `snsapi_base` or `snsapi_userinfo` (Official Account). */
  scope: string
  /** Issued on a snapshot page (快照页): a virtual account's (`is_snapshotuser: 1`). */
  snapshot?: true
  createdAt: number
}

/** A login code issued by a confirmation, an authorization or `issueCode()`. */
export interface EmulatorCode extends GrantSubject {
  code: string
  /** 10 minutes after issue for a website app, 5 for an Official Account. */
  expiresAt: number
  /** Exchanged already: a second exchange gets 40163. */
  used: boolean
}

/** An access / refresh token pair issued by a code exchange. */
export interface EmulatorToken extends GrantSubject {
  accessToken: string
  refreshToken: string
  /** 7200 s after issue or the last refresh. */
  accessTokenExpiresAt: number
  /** 30 days after the code exchange; never extended. */
  refreshTokenExpiresAt: number
}

/** What a confirmation returns: the code and the URL the QR page navigates to. */
export interface EmulatorConfirmResult {
  code: string
  redirectUrl: string
}

/** A website app's login codes live 10 minutes. */
export const CODE_LIFETIME = 10 * 60_000

/** What a code grants, besides its user. */
export interface CodeGrant {
  scope: string
  /** A snapshot-page virtual account: another openid and unionid than the user's. */
  snapshot?: boolean
  /** The Open Platform account whose unionid the token carries, if any. */
  unionidFrom?: string
  /** Milliseconds the code lives. */
  lifetime: number
  /** The login's `redirect_uri`, which says where links for the user's browser must lead (see `publicUrl`). */
  redirectUri?: string
}
/** Access tokens live 7200 seconds. */
const ACCESS_TOKEN_LIFETIME = 7200_000
/** Refresh tokens live 30 days and cannot be renewed. */
const REFRESH_TOKEN_LIFETIME = 30 * 24 * 3600_000
/** Expired sessions are kept this long, so that their page still learns it expired. */
const SESSION_RETENTION = 10 * 60_000
/** Expired codes and tokens are kept this long, so that they answer "expired" rather than "invalid". */
const RECORD_RETENTION = 24 * 3600_000
/** Sweeps run at most this often. */
export const SWEEP_INTERVAL = 60_000

/** What the store keeps about a QR session beyond what it reports. */
export interface SessionRecord {
  session: EmulatorQrSession
  /** Binds the phone page's form to this QR. */
  phoneToken: string
  waiters: Set<() => void>
}

/** A code with the user it was issued for. */
export interface CodeRecord {
  code: EmulatorCode
  user: EmulatorUser
  /** The login's `redirect_uri`, when the code came from one. */
  redirectUri?: string
}

/** A token grant with its user. */
export interface GrantRecord {
  token: EmulatorToken
  user: EmulatorUser
  /** The login's `redirect_uri`, when the code came from one. */
  redirectUri?: string
}

/** What `/connect/qrconnect` asks the store to remember. */
export type NewSession = Omit<EmulatorQrSession, 'uuid' | 'status' | 'createdAt' | 'expiresAt' | 'qrUrl' | 'userId' | 'code' | 'polls'>

/** The emulator's bounded in-memory state. */
export interface EmulatorStore {
  createSession: (init: NewSession, publicBase: string) => SessionRecord
  /** A session with its status brought up to date (expiry), or `undefined`. */
  findSession: (uuid: string) => SessionRecord | undefined
  sessions: () => EmulatorQrSession[]
  /** @throws {WechatLoginError} for an unknown session or a step that does not apply. */
  scan: (uuid: string) => void
  /** @throws {WechatLoginError} for an unknown session or a step that does not apply. */
  cancel: (uuid: string) => void
  /** @throws {WechatLoginError} for an unknown session or a step that does not apply. */
  expire: (uuid: string) => void
  /**
   * Confirms as the user `pickUser` names, once the session is known to accept a confirmation.
   * @throws {WechatLoginError} for an unknown session or a step that does not apply.
   */
  confirm: (uuid: string, pickUser: () => EmulatorUser) => EmulatorConfirmResult
  /**
   * Resolves when the session's status changes, its QR expires, `timeout` ms pass, `signal`
   * aborts or {@link EmulatorStore.release} runs.
   */
  waitForChange: (record: SessionRecord, timeout: number, signal?: AbortSignal) => Promise<void>
  issueCode: (appid: string, user: EmulatorUser, grant: CodeGrant) => EmulatorCode
  findCode: (code: string) => CodeRecord | undefined
  codes: () => EmulatorCode[]
  /** Marks the code used and issues a token grant. */
  redeemCode: (record: CodeRecord) => GrantRecord
  findByAccessToken: (accessToken: string) => GrantRecord | undefined
  findByRefreshToken: (refreshToken: string) => GrantRecord | undefined
  /** Extends a live access token, or replaces an expired one. */
  refresh: (grant: GrantRecord) => void
  tokens: () => EmulatorToken[]
  /** Removes what has expired, at most once per {@link SWEEP_INTERVAL} unless `force`. */
  sweep: (force?: boolean) => void
  /** Answers every pending long-poll now. */
  release: () => void
  /** Forgets everything. */
  reset: () => void
}

/** Limits of {@link createEmulatorStore}. */
export interface EmulatorStoreOptions {
  apps: ReadonlyMap<string, EmulatorApp>
  maxSessions: number
  /** Seconds. */
  qrLifetime: number
}

/** The statuses a QR can still move on from: it can be scanned, confirmed or expire. */
export const LIVE_STATUSES: ReadonlySet<EmulatorQrStatus> = new Set(['waiting', 'scanned', 'cancelled'])

function notify(record: SessionRecord): void {
  for (const wake of [...record.waiters])
    wake()
}

function unknownSession(uuid: string): WechatLoginError {
  return new WechatLoginError('INVALID_REQUEST', `No QR session "${uuid.slice(0, 40)}": it never existed, was evicted or was swept after expiring. List the live ones with sessions().`, { option: 'uuid' })
}

function setOnce<K, V>(map: Map<K, V>, key: K, value: V, max: number, onEvict?: (value: V) => void): void {
  if (map.size >= max) {
    const oldest = map.keys().next()
    if (!oldest.done) {
      onEvict?.(map.get(oldest.value) as V)
      map.delete(oldest.value)
    }
  }
  map.set(key, value)
}

/** Creates the store: QR sessions, codes and token grants, each bounded by `maxSessions`. */
export function createEmulatorStore(options: EmulatorStoreOptions): EmulatorStore {
  const { apps, maxSessions, qrLifetime } = options
  const sessionMap = new Map<string, SessionRecord>()
  const codeMap = new Map<string, CodeRecord>()
  /** Grants by refresh token, oldest first. */
  const grantMap = new Map<string, GrantRecord>()
  const accessIndex = new Map<string, GrantRecord>()
  let lastSweep = Date.now()

  function setStatus(record: SessionRecord, status: EmulatorQrStatus): void {
    if (record.session.status === status)
      return
    record.session.status = status
    notify(record)
  }

  function refreshStatus(record: SessionRecord): SessionRecord {
    if (LIVE_STATUSES.has(record.session.status) && Date.now() >= record.session.expiresAt)
      setStatus(record, 'expired')
    return record
  }

  function findSession(uuid: string): SessionRecord | undefined {
    const record = sessionMap.get(uuid)
    return record && refreshStatus(record)
  }

  function requireSession(uuid: string): SessionRecord {
    const record = findSession(uuid)
    if (!record)
      throw unknownSession(uuid)
    return record
  }

  function refuse(record: SessionRecord, step: string): never {
    const { uuid, status } = record.session
    if (status === 'expired')
      throw new WechatLoginError('QR_EXPIRED', `Cannot ${step} QR session "${uuid}": its QR expired. Load /connect/qrconnect again for a new one.`, { option: 'uuid' })
    throw new WechatLoginError('INVALID_REQUEST', `Cannot ${step} QR session "${uuid}": it is ${status}. A QR is confirmed at most once; load /connect/qrconnect again for a new one.`, { option: 'uuid' })
  }

  function issueCode(appid: string, user: EmulatorUser, grant: CodeGrant): EmulatorCode {
    const now = Date.now()
    const snapshot = grant.snapshot === true
    const code: EmulatorCode = {
      code: createCode(),
      appid,
      userId: user.id,
      openid: deriveOpenid(appid, user.id, snapshot),
      ...(grant.unionidFrom !== undefined && user.unionid !== false ? { unionid: deriveUnionid(grant.unionidFrom, user.id, snapshot) } : {}),
      scope: grant.scope,
      ...(snapshot ? { snapshot: true } : {}),
      createdAt: now,
      expiresAt: now + grant.lifetime,
      used: false,
    }
    setOnce(codeMap, code.code, { code, user, ...(grant.redirectUri === undefined ? {} : { redirectUri: grant.redirectUri }) }, maxSessions)
    return code
  }

  function deleteGrant(grant: GrantRecord): void {
    grantMap.delete(grant.token.refreshToken)
    if (accessIndex.get(grant.token.accessToken) === grant)
      accessIndex.delete(grant.token.accessToken)
  }

  function sweep(force = false): void {
    const now = Date.now()
    if (!force && now - lastSweep < SWEEP_INTERVAL)
      return
    lastSweep = now
    for (const [uuid, record] of sessionMap) {
      refreshStatus(record)
      if (!LIVE_STATUSES.has(record.session.status) && now >= record.session.expiresAt + SESSION_RETENTION) {
        sessionMap.delete(uuid)
        notify(record)
      }
    }
    for (const [code, record] of codeMap) {
      if (now >= record.code.expiresAt + RECORD_RETENTION)
        codeMap.delete(code)
    }
    for (const grant of grantMap.values()) {
      if (now >= grant.token.refreshTokenExpiresAt + RECORD_RETENTION)
        deleteGrant(grant)
    }
  }

  function release(): void {
    for (const record of sessionMap.values())
      notify(record)
  }

  return {
    createSession(init, publicBase) {
      const uuid = createQrUuid()
      const now = Date.now()
      const record: SessionRecord = {
        session: {
          uuid,
          ...init,
          status: 'waiting',
          createdAt: now,
          expiresAt: now + qrLifetime * 1000,
          qrUrl: `${publicBase}/connect/confirm?uuid=${uuid}`,
          polls: 0,
        },
        phoneToken: createNonce(),
        waiters: new Set(),
      }
      setOnce(sessionMap, uuid, record, maxSessions, notify)
      return record
    },
    findSession,
    sessions: () => [...sessionMap.values()].map(record => ({ ...refreshStatus(record).session, polls: record.waiters.size })),
    scan(uuid) {
      const record = requireSession(uuid)
      const { status } = record.session
      if (status === 'confirmed' || status === 'expired')
        refuse(record, 'scan')
      setStatus(record, 'scanned')
    },
    cancel(uuid) {
      const record = requireSession(uuid)
      const { status } = record.session
      if (status === 'confirmed' || status === 'expired')
        refuse(record, 'cancel')
      setStatus(record, 'cancelled')
    },
    expire(uuid) {
      const record = requireSession(uuid)
      if (record.session.status === 'confirmed')
        refuse(record, 'expire')
      record.session.expiresAt = Math.min(record.session.expiresAt, Date.now())
      setStatus(record, 'expired')
    },
    confirm(uuid, pickUser) {
      const record = requireSession(uuid)
      const { session } = record
      if (!LIVE_STATUSES.has(session.status))
        refuse(record, 'confirm')
      const user = pickUser()
      const code = issueCode(session.appid, user, { scope: WECHAT_LOGIN_SCOPE, unionidFrom: apps.get(session.appid)?.openPlatformId, lifetime: CODE_LIFETIME, redirectUri: session.redirectUri })
      session.userId = user.id
      session.code = code.code
      setStatus(record, 'confirmed')
      return { code: code.code, redirectUrl: callbackUrl(session.redirectUri, code.code, session.state) }
    },
    waitForChange(record, timeout, signal) {
      return new Promise((resolve) => {
        // A client that left before the wait began (during `latency`, or before the handler first
        // read its signal) fires no 'abort' event any more: holding it would cost a waiter and a
        // timer until the timeout.
        if (signal?.aborted) {
          resolve()
          return
        }
        const wait = Math.max(0, Math.min(timeout, record.session.expiresAt - Date.now()))
        const timer = setTimeout(done, wait)
        function done(): void {
          clearTimeout(timer)
          record.waiters.delete(done)
          signal?.removeEventListener('abort', done)
          resolve()
        }
        record.waiters.add(done)
        signal?.addEventListener('abort', done)
      })
    },
    issueCode,
    findCode: code => codeMap.get(code),
    codes: () => [...codeMap.values()].map(record => ({ ...record.code })),
    redeemCode(record) {
      record.code.used = true
      const now = Date.now()
      const { appid, userId, openid, unionid, scope, snapshot } = record.code
      const grant: GrantRecord = {
        token: {
          accessToken: createToken(),
          refreshToken: createToken(),
          appid,
          userId,
          openid,
          ...(unionid ? { unionid } : {}),
          scope,
          ...(snapshot ? { snapshot } : {}),
          createdAt: now,
          accessTokenExpiresAt: now + ACCESS_TOKEN_LIFETIME,
          refreshTokenExpiresAt: now + REFRESH_TOKEN_LIFETIME,
        },
        user: record.user,
        ...(record.redirectUri === undefined ? {} : { redirectUri: record.redirectUri }),
      }
      setOnce(grantMap, grant.token.refreshToken, grant, maxSessions, deleteGrant)
      accessIndex.set(grant.token.accessToken, grant)
      return grant
    },
    findByAccessToken: accessToken => accessIndex.get(accessToken),
    findByRefreshToken: refreshToken => grantMap.get(refreshToken),
    refresh(grant) {
      const now = Date.now()
      if (now >= grant.token.accessTokenExpiresAt) {
        accessIndex.delete(grant.token.accessToken)
        grant.token.accessToken = createToken()
        accessIndex.set(grant.token.accessToken, grant)
      }
      grant.token.accessTokenExpiresAt = now + ACCESS_TOKEN_LIFETIME
    },
    tokens: () => [...grantMap.values()].map(grant => ({ ...grant.token })),
    sweep,
    release,
    reset() {
      release()
      sessionMap.clear()
      codeMap.clear()
      grantMap.clear()
      accessIndex.clear()
    },
  }
}
