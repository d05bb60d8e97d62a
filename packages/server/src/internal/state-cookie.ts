import type { WechatLoginMode } from '@wechat-qr-login/core'
import type { ResolvedAuthOptions, WechatLoginFlow, WechatOfficialAccountScope } from '../options'
import type { RequestContext } from './request-context'
import { assertState, createState } from '@wechat-qr-login/core'
import { isLoginMode } from '@wechat-qr-login/core/internal'
import { serialize } from 'cookie-es'
import { hostPrefix } from './request-context'

/** Seconds a state lives: as long as the login code it protects (10 minutes). */
export const STATE_MAX_AGE = 600
/** Pending states one browser may hold (QR refreshes, several tabs); the oldest goes first. */
export const MAX_PENDING_STATES = 5
const STATE_COOKIE_PREFIX = 'wechat_state_'

/** What the server remembers about a state, signed (not encrypted: nothing in it is secret) in its cookie. */
export interface StateRecord {
  t: 'state'
  state: string
  /** The login the state was issued for: its callback exchanges the code with that app's credentials. */
  flow: WechatLoginFlow
  /** The Official Account's scope (`oa` only): `snsapi_base` grants no `/sns/userinfo`. */
  scope?: WechatOfficialAccountScope
  /** How the callback arrives: an Official Account's always as a top-window `redirect`. */
  mode: WechatLoginMode
  selfRedirect: boolean
  /** Same-origin path to return to, validated when the state was issued. */
  returnTo: string
  /** Epoch milliseconds. */
  exp: number
}

/** Where the state came from and how the callback will arrive. */
export type StateRequest = Pick<StateRecord, 'flow' | 'scope' | 'mode' | 'selfRedirect' | 'returnTo'>

type StateOptions = Pick<ResolvedAuthOptions, 'sealer' | 'cookie'>

function hasFlow(record: Partial<StateRecord>): boolean {
  if (record.flow === 'qr')
    return record.scope === undefined
  return record.flow === 'oa' && (record.scope === 'snsapi_base' || record.scope === 'snsapi_userinfo')
    && record.mode === 'redirect' && record.selfRedirect === false
}

function isStateRecord(value: unknown): value is StateRecord {
  const record = value as Partial<StateRecord> | undefined
  return typeof record === 'object' && record !== null && record.t === 'state'
    && typeof record.state === 'string' && typeof record.exp === 'number' && hasFlow(record)
    && isLoginMode(record.mode)
    && typeof record.selfRedirect === 'boolean' && typeof record.returnTo === 'string'
}

/**
 * Whether the callback of `record` arrives as the navigation of WeChat's cross-site iframe inside
 * the app page (`self_redirect`) and its cookies can be `SameSite=None` there. Chromium treats a
 * subframe navigation started by a cross-site document as cross-site even when every ancestor is
 * the app (net/cookies/cookie_util.cc, crbug.com/1166211): `Lax` cookies are neither sent with
 * it nor accepted from its response. `SameSite=None` needs `Secure`, which browsers accept on
 * https and on localhost.
 */
export function isCrossSiteFrame(context: RequestContext, options: StateOptions, record: Pick<StateRecord, 'mode' | 'selfRedirect'> | undefined): boolean {
  return record?.mode === 'embedded' && record.selfRedirect && context.trustworthy && options.cookie.secure !== false
}

/**
 * Cookie attributes of a state. Other callbacks arrive as top-level navigations (redirect mode,
 * popup, embedded QR without `self_redirect`), where `SameSite=Lax` cookies are sent. `Path=/` so
 * that https can use the `__Host-` prefix.
 */
function stateCookieAttributes(context: RequestContext, none: boolean): Parameters<typeof serialize>[2] {
  return { path: '/', httpOnly: true, sameSite: none ? 'none' : 'lax', secure: none || context.secure }
}

function namePrefix(context: RequestContext): string {
  return hostPrefix(context) + STATE_COOKIE_PREFIX
}

/** One cookie per state: a state's characters are valid in a cookie name, and it is public anyway. */
function cookieName(context: RequestContext, state: string): string {
  return namePrefix(context) + state
}

function clearCookie(context: RequestContext, options: StateOptions, name: string, record: StateRecord | undefined): string {
  return serialize(name, '', { ...stateCookieAttributes(context, isCrossSiteFrame(context, options, record)), maxAge: 0, expires: new Date(0) })
}

async function readRecord(options: StateOptions, signed: string | undefined): Promise<StateRecord | undefined> {
  if (!signed)
    return undefined
  const record = await options.sealer.verify(signed)
  return isStateRecord(record) ? record : undefined
}

/**
 * Mints a state and binds it to this browser with its own cookie (named after the state), so
 * states of several tabs or refreshed QR codes coexist without a race. Expired or unreadable
 * state cookies are cleared, and the oldest beyond {@link MAX_PENDING_STATES}.
 */
export async function issueState(context: RequestContext, options: StateOptions, request: StateRequest): Promise<{ state: string, expiresAt: number }> {
  const now = Date.now()
  const cookies = context.setCookies
  const pending: { name: string, record: StateRecord }[] = []
  const prefix = namePrefix(context)
  for (const [name, signed] of Object.entries(context.cookies)) {
    if (!name.startsWith(prefix))
      continue
    const record = await readRecord(options, signed)
    if (record && record.exp > now && name === cookieName(context, record.state))
      pending.push({ name, record })
    else
      cookies.push(clearCookie(context, options, name, record))
  }
  pending.sort((a, b) => a.record.exp - b.record.exp)
  for (const { name, record } of pending.slice(0, Math.max(0, pending.length - MAX_PENDING_STATES + 1)))
    cookies.push(clearCookie(context, options, name, record))

  const state = createState()
  const record: StateRecord = { t: 'state', state, ...request, exp: now + STATE_MAX_AGE * 1000 }
  const attributes = stateCookieAttributes(context, isCrossSiteFrame(context, options, record))
  cookies.push(serialize(cookieName(context, state), await options.sealer.sign(record), { ...attributes, maxAge: STATE_MAX_AGE }))
  return { state, expiresAt: record.exp }
}

/** Whether `value` has the shape of a state (safe to echo in a relay message), whoever minted it. */
export function isWellFormedState(value: string): boolean {
  try {
    assertState(value)
    return true
  }
  catch {
    return false
  }
}

/**
 * Checks `state` against this browser's cookie: its record when the cookie exists, its signature
 * holds, the signed record names exactly this state (the cookie name is not signed) and it has
 * not expired. The cookie is cleared whatever the outcome. Whether the state was used before is
 * the replay guard's to say (`AuthRuntime.guard`), once the record is known.
 */
export async function takeState(context: RequestContext, options: StateOptions, state: string): Promise<StateRecord | undefined> {
  if (!isWellFormedState(state))
    return undefined
  const name = cookieName(context, state)
  const signed = context.cookies[name]
  if (signed === undefined)
    return undefined
  const record = await readRecord(options, signed)
  context.setCookies.push(clearCookie(context, options, name, record))
  if (!record || record.state !== state || record.exp <= Date.now())
    return undefined
  return record
}
