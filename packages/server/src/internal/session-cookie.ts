import type { WechatUser } from '@wechat-qr-login/core'
import type { ResolvedAuthOptions } from '../options'
import type { RequestContext } from './request-context'
import { WechatLoginError } from '@wechat-qr-login/core'
import { serialize } from 'cookie-es'
import { hostPrefix } from './request-context'

/** Browsers drop cookies above 4096 bytes silently; a login would then loop. */
const MAX_COOKIE_BYTES = 4096
/** Seconds a session handed over by a `self_redirect` callback waits for its first `GET /session`. */
export const PENDING_SESSION_MAX_AGE = 120

interface SessionRecord {
  t: 'session'
  user: WechatUser
  /** Epoch milliseconds. */
  exp: number
}

/** A session opened in a cross-site frame, waiting to become a first-party cookie. */
interface PendingSessionRecord {
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
}

type SessionOptions = Pick<ResolvedAuthOptions, 'cookie' | 'sealer'>
type CookieAttributes = Parameters<typeof serialize>[2]

const optionalString = (value: unknown): boolean => value === undefined || typeof value === 'string'

/** Whether `value` has the shape of a {@link WechatUser} (checked before sealing and after unsealing). */
export function isWechatUser(value: unknown): value is WechatUser {
  const user = value as Partial<WechatUser> | undefined
  return typeof user === 'object' && user !== null
    && typeof user.id === 'string' && user.id.length > 0
    && typeof user.openid === 'string' && typeof user.nickname === 'string' && typeof user.avatar === 'string'
    && optionalString(user.unionid)
}

function isRecord<T extends SessionRecord | PendingSessionRecord>(value: unknown, type: T['t']): value is T {
  const record = value as Partial<T> | undefined
  return typeof record === 'object' && record !== null && record.t === type
    && typeof record.exp === 'number' && isWechatUser(record.user)
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

/** Seals `user` into a new session cookie. */
export async function createSessionCookie(context: RequestContext, options: SessionOptions, user: WechatUser, expiresAt = Date.now() + options.cookie.maxAge * 1000): Promise<{ cookie: string, expiresAt: number }> {
  const record: SessionRecord = { t: 'session', user, exp: expiresAt }
  const maxAge = Math.max(0, Math.ceil((expiresAt - Date.now()) / 1000))
  return { cookie: await sealCookie(sessionName(context, options), options, record, { ...sessionAttributes(context, options), maxAge }), expiresAt }
}

/**
 * Seals `user` into a short-lived `SameSite=None` cookie, for a callback running in WeChat's
 * cross-site iframe, whose response cannot set the `Lax` session cookie. The next `GET /session`
 * (a same-origin fetch, made by the relay page itself) turns it into the session cookie.
 */
export async function createPendingSessionCookie(context: RequestContext, options: SessionOptions, user: WechatUser): Promise<{ cookie: string, expiresAt: number }> {
  const now = Date.now()
  const record: PendingSessionRecord = { t: 'pending-session', user, exp: now + options.cookie.maxAge * 1000, until: now + PENDING_SESSION_MAX_AGE * 1000 }
  const cookie = await sealCookie(pendingName(context, options), options, record, { ...PENDING_ATTRIBUTES, maxAge: PENDING_SESSION_MAX_AGE })
  return { cookie, expiresAt: record.exp }
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
    if (record && record.until > Date.now()) {
      const { cookie, expiresAt } = await createSessionCookie(context, options, record.user, record.exp)
      context.setCookies.push(cookie)
      return { user: record.user, expiresAt }
    }
  }
  const sealed = context.cookies[sessionName(context, options)]
  if (!sealed)
    return undefined
  const record = await readRecord<SessionRecord>(options, sealed, 'session')
  if (record)
    return { user: record.user, expiresAt: record.exp }
  context.setCookies.push(cleared(sessionName(context, options), sessionAttributes(context, options)))
  return undefined
}
