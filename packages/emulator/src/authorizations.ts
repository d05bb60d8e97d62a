import type { EmulatorOfficialAccountStatus, ResolvedOfficialAccount } from './official-account'
import { invalidOption } from '@wechat-qr-login/core/internal'
import { createNonce, createQrUuid } from './ids'

/** The scopes of an Official Account's web authorization. */
export type OfficialAccountScope = 'snsapi_base' | 'snsapi_userinfo'

/**
 * Where an authorization is:
 * - `'consent'`: the consent page (允许/拒绝) is shown;
 * - `'allowed'`: the user allowed, and was sent to `redirect_uri` with a code;
 * - `'denied'`: the user denied: no redirect;
 * - `'silent'`: authorized without asking (`snsapi_base`, or a silent rule);
 * - `'snapshot'`: sent to `redirect_uri` with a snapshot-page (快照页) code.
 */
export type EmulatorAuthorizationStatus = 'consent' | 'allowed' | 'denied' | 'silent' | 'snapshot'

/** One opening of `/connect/oauth2/authorize` that passed WeChat's checks, as the control API reports it. */
export interface EmulatorAuthorization {
  id: string
  appid: string
  scope: OfficialAccountScope
  /** `state` as received; echoed back unchanged. */
  state: string
  redirectUri: string
  /** The user who authorized, or who is asked. */
  userId: string
  status: EmulatorAuthorizationStatus
  /** Epoch milliseconds. */
  createdAt: number
  /** The newest code issued for it. */
  code?: string
  /**
   * On a snapshot: the 「使用完整服务」 action, a link (relative to the emulator's root) that
   * opens the consent page and, once allowed, issues a real code.
   */
  fullServiceUrl?: string
}

/** What the store keeps about an authorization beyond what it reports. */
export interface AuthorizationRecord {
  authorization: EmulatorAuthorization
  /** Binds the consent page's form to this authorization. */
  formToken: string
}

/** Consents are remembered this long (WeChat's 30-day rule). */
export const CONSENT_MEMORY = 30 * 24 * 3600_000

/** The Official Account side of the emulator's memory: authorizations, followers, consents. */
export interface AuthorizationStore {
  create: (init: Omit<EmulatorAuthorization, 'id' | 'createdAt'>) => AuthorizationRecord
  find: (id: string) => AuthorizationRecord | undefined
  list: () => EmulatorAuthorization[]
  isFollowing: (appid: string, userId: string) => boolean
  /** @throws {WechatLoginError} `INVALID_APPID` for an account the emulator does not have. */
  setFollowing: (appid: string, userId: string, following: boolean) => void
  followers: (appid: string) => string[]
  /** The account's status now (its option, unless changed since). */
  status: (appid: string) => EmulatorOfficialAccountStatus
  /** @throws {WechatLoginError} `INVALID_APPID` for an account the emulator does not have. */
  setStatus: (appid: string, status: EmulatorOfficialAccountStatus) => void
  /** The user allowed `snsapi_userinfo` for the account now. */
  rememberConsent: (appid: string, userId: string) => void
  /** Whether the user allowed `snsapi_userinfo` for the account less than 30 days ago. */
  consentedRecently: (appid: string, userId: string) => boolean
  /** Forgets authorizations and consents; followers and statuses return to the accounts' options. */
  reset: () => void
}

/** Creates the store, bounded like the QR sessions by `maxSessions`. */
export function createAuthorizationStore(accounts: ReadonlyMap<string, ResolvedOfficialAccount>, maxSessions: number): AuthorizationStore {
  const records = new Map<string, AuthorizationRecord>()
  const consents = new Map<string, number>()
  const statuses = new Map<string, EmulatorOfficialAccountStatus>()
  let followerSets = new Map<string, Set<string>>()

  function seedFollowers(): void {
    followerSets = new Map([...accounts.values()].map(account => [account.appid, new Set(account.followers)]))
  }

  function requireAccount(appid: string): void {
    if (!accounts.has(appid))
      throw invalidOption('appid', `no Official Account "${String(appid).slice(0, 40)}" is registered on the emulator (registered: ${[...accounts.keys()].join(', ') || 'none'}).`, 'INVALID_APPID')
  }

  function bounded<V>(map: Map<string, V>, key: string, value: V): void {
    map.delete(key)
    if (map.size >= maxSessions)
      map.delete(map.keys().next().value as string)
    map.set(key, value)
  }

  seedFollowers()
  return {
    create(init) {
      const record: AuthorizationRecord = {
        authorization: { id: createQrUuid(), createdAt: Date.now(), ...init },
        formToken: createNonce(),
      }
      bounded(records, record.authorization.id, record)
      return record
    },
    find: id => records.get(id),
    list: () => [...records.values()].map(record => ({ ...record.authorization })),
    isFollowing: (appid, userId) => followerSets.get(appid)?.has(userId) === true,
    setFollowing(appid, userId, following) {
      requireAccount(appid)
      const followers = followerSets.get(appid) as Set<string>
      if (following)
        followers.add(userId)
      else
        followers.delete(userId)
    },
    status: appid => statuses.get(appid) ?? accounts.get(appid)?.status ?? 'active',
    setStatus(appid, status) {
      requireAccount(appid)
      statuses.set(appid, status)
    },
    followers: appid => [...followerSets.get(appid) ?? []],
    rememberConsent: (appid, userId) => bounded(consents, `${appid}\0${userId}`, Date.now()),
    consentedRecently(appid, userId) {
      const at = consents.get(`${appid}\0${userId}`)
      return at !== undefined && Date.now() - at < CONSENT_MEMORY
    },
    reset() {
      records.clear()
      consents.clear()
      statuses.clear()
      seedFollowers()
    },
  }
}
