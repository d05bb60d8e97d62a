import type { WechatUser } from '@wechat-qr-login/core'
import type { ResolvedAuthOptions } from '../options'
import type { RequestContext } from './request-context'
import type { StoredSessionHandle } from './session-store'
import { WechatLoginError } from '@wechat-qr-login/core'
import { serialize } from 'cookie-es'
import { hostPrefix } from './request-context'

/** Browsers drop cookies above 4096 bytes silently; a login would then loop. */
const MAX_COOKIE_BYTES = 4096
/** Seconds a session handed over by a `self_redirect` callback waits for its first `GET /session`. */
export const PENDING_SESSION_MAX_AGE = 120

/** With a session store, a session's cookie names its entry there (see `createSessionStore`). */
interface StoredFields {
  sid?: string
  iat?: number
}

interface SessionRecord extends StoredFields {
  t: 'session'
  user: WechatUser
  /** Epoch milliseconds. */
  exp: number
}

/** A session opened in a cross-site frame, waiting to become a first-party cookie. */
interface PendingSessionRecord extends StoredFields {
  t: 'pending-session'
  user: WechatUser
  /** When the session will end (epoch milliseconds). */
  exp: number
  /** When the hand-over expires (epoch milliseconds). */
  until: number
}

/** An open session. */
export interface Session {
  user: WechatUser
  expiresAt: number
  /** Its entry in the session store, when there is one. */
  handle?: StoredSessionHandle
}

type SessionOptions = Pick<ResolvedAuthOptions, 'cookie' | 'sealer' | 'sessions'>
type CookieAttributes = Parameters<typeof serialize>[2]

const optionalString = (value: unknown): boolean => value === undefined || typeof value === 'string'

/**
 * Whether `value` has the shape of a {@link WechatUser} (checked before sealing and after
 * unsealing), with the login that signed it in (`flow`, `appid`) when it says.
 */
export function isWechatUser(value: unknown): value is WechatUser {
  const user = value as Partial<WechatUser & Record<'flow' | 'appid', unknown>> | undefined
  return typeof user === 'object' && user !== null
    && typeof user.id === 'string' && user.id.length > 0
    && typeof user.openid === 'string' && typeof user.nickname === 'string' && typeof user.avatar === 'string'
    && optionalString(user.unionid) && optionalString(user.appid)
    && (user.flow === undefined || user.flow === 'qr' || user.flow === 'oa')
}

function isRecord<T extends SessionRecord | PendingSessionRecord>(value: unknown, type: T['t']): value is T {
  const record = value as Partial<T> | undefined
  return typeof record === 'object' && record !== null && record.t === type
    && typeof record.exp === 'number' && isWechatUser(record.user)
    && optionalString(record.sid) && (record.iat === undefined || typeof record.iat === 'number')
}

function handleOf(record: StoredFields): StoredSessionHandle | undefined {
  return record.sid !== undefined && record.iat !== undefined ? { sid: record.sid, iat: record.iat } : undefined
}

/**
 * Without a store every unexpired session counts. With one, only those with an entry there that
 * was not revoked: a cookie sealed before the store was configured has none, and is refused.
 */
async function isLive(options: SessionOptions, record: SessionRecord | PendingSessionRecord): Promise<boolean> {
  if (!options.sessions)
    return true
  const handle = handleOf(record)
  return handle !== undefined && options.sessions.isLive(record.user.id, handle)
}

/** `__Host-` on https: the cookie is then Secure, Path=/ and host-only, and no subdomain can plant one. */
function sessionName(context: RequestContext, options: SessionOptions): string {
  return hostPrefix(context, options.cookie.domain) + options.cookie.name
}

function pendingName(context: RequestContext, options: SessionOptions): string {
  return `${hostPrefix(context)}${options.cookie.name}_pending`
}

function sessionAttributes(context: RequestContext, options: SessionOptions): CookieAttributes {
  return { path: '/', httpOnly: true, sameSite: 'lax', secure: context.secure, domain: options.cookie.domain }
}

/** `SameSite=None`: the only kind a cross-site frame navigation may set (see `isCrossSiteFrame`). */
const PENDING_ATTRIBUTES: CookieAttributes = { path: '/', httpOnly: true, sameSite: 'none', secure: true }

function cleared(name: string, attributes: CookieAttributes): string {
  return serialize(name, '', { ...attributes, maxAge: 0, expires: new Date(0) })
}

const encoder = new TextEncoder()

async function sealCookie(name: string, options: SessionOptions, record: object, attributes: CookieAttributes): Promise<string> {
  const cookie = serialize(name, await options.sealer.seal(record), attributes)
  if (encoder.encode(cookie).length > MAX_COOKIE_BYTES)
    throw new WechatLoginError('EXCHANGE_FAILED', `The session cookie would exceed ${MAX_COOKIE_BYTES} bytes and browsers would drop it. Return a smaller user from "onLogin" (keep large data in your own store).`)
  return cookie
}

/** Ends the session in this browser (and a pending hand-over, if the browser has one). */
export function clearSessionCookies(context: RequestContext, options: SessionOptions): void {
  context.setCookies.push(cleared(sessionName(context, options), sessionAttributes(context, options)))
  if (context.cookies[pendingName(context, options)] !== undefined)
    context.setCookies.push(cleared(pendingName(context, options), PENDING_ATTRIBUTES))
}

/** Seals `user` into a new session cookie, with its entry in the session store if there is one. */
export async function createSessionCookie(context: RequestContext, options: SessionOptions, user: WechatUser, expiresAt: number, handle?: StoredSessionHandle): Promise<string> {
  const record: SessionRecord = { t: 'session', user, exp: expiresAt, ...handle }
  const maxAge = Math.max(0, Math.ceil((expiresAt - Date.now()) / 1000))
  return sealCookie(sessionName(context, options), options, record, { ...sessionAttributes(context, options), maxAge })
}

/**
 * Seals `user` into a short-lived `SameSite=None` cookie, for a callback running in WeChat's
 * cross-site iframe, whose response cannot set the `Lax` session cookie. The next `GET /session`
 * (a same-origin fetch, made by the relay page itself) turns it into the session cookie.
 */
export async function createPendingSessionCookie(context: RequestContext, options: SessionOptions, user: WechatUser, expiresAt: number, handle?: StoredSessionHandle): Promise<string> {
  const record: PendingSessionRecord = { t: 'pending-session', user, exp: expiresAt, until: Date.now() + PENDING_SESSION_MAX_AGE * 1000, ...handle }
  return sealCookie(pendingName(context, options), options, record, { ...PENDING_ATTRIBUTES, maxAge: PENDING_SESSION_MAX_AGE })
}

async function readRecord<T extends SessionRecord | PendingSessionRecord>(options: SessionOptions, sealed: string, type: T['t']): Promise<T | undefined> {
  const record = await options.sealer.unseal(sealed)
  return isRecord<T>(record, type) && record.exp > Date.now() ? record : undefined
}

/**
 * The session of this request, if its cookie unseals to a live session. A tampered, expired or
 * unreadable cookie is no session, and its clearing goes to `context.setCookies`. With
 * `handOver`, a live pending session becomes the session cookie (answers to same-origin requests
 * may set `Lax` cookies), replacing any older session: it is the login that just completed.
 */
export async function readSession(context: RequestContext, options: SessionOptions, handOver = false): Promise<Session | undefined> {
  const pending = handOver ? context.cookies[pendingName(context, options)] : undefined
  if (pending) {
    context.setCookies.push(cleared(pendingName(context, options), PENDING_ATTRIBUTES))
    const record = await readRecord<PendingSessionRecord>(options, pending, 'pending-session')
    if (record && record.until > Date.now() && await isLive(options, record)) {
      const handle = handleOf(record)
      context.setCookies.push(await createSessionCookie(context, options, record.user, record.exp, handle))
      return { user: record.user, expiresAt: record.exp, handle }
    }
  }
  const sealed = context.cookies[sessionName(context, options)]
  if (!sealed)
    return undefined
  const record = await readRecord<SessionRecord>(options, sealed, 'session')
  if (record && await isLive(options, record))
    return { user: record.user, expiresAt: record.exp, handle: handleOf(record) }
  context.setCookies.push(cleared(sessionName(context, options), sessionAttributes(context, options)))
  return undefined
}

/** The session the cookie holds if it unseals and has not expired, revoked or not (for logout). */
export async function sealedSession(context: RequestContext, options: SessionOptions): Promise<Session | undefined> {
  const sealed = context.cookies[sessionName(context, options)]
  const record = sealed ? await readRecord<SessionRecord>(options, sealed, 'session') : undefined
  return record && { user: record.user, expiresAt: record.exp, handle: handleOf(record) }
}
