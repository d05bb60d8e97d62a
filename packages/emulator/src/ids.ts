import { createHash } from 'node:crypto'

const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
const URL_SAFE = `${ALPHANUMERIC}-_`
const HEX = '0123456789abcdef'

/**
 * The number WeChat puts before the `_` of its OAuth tokens (`66_e22Lk3_9ql…`); it changes over
 * the years, nobody parses it.
 */
const TOKEN_PREFIX = '86'

function randomString(length: number, alphabet: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length))
  let result = ''
  for (const byte of bytes)
    result += alphabet[byte % alphabet.length]
  return result
}

function digest(input: string, length: number): string {
  return createHash('sha256').update(input).digest('base64url').slice(0, length)
}

/** A login code shaped like WeChat's: 32 alphanumeric characters. */
export function createCode(): string {
  return randomString(32, ALPHANUMERIC)
}

/** A QR session id, as in `/connect/qrcode/{uuid}`. */
export function createQrUuid(): string {
  return randomString(16, ALPHANUMERIC)
}

/** An access or refresh token shaped like WeChat's: a number, `_`, then URL-safe characters. */
export function createToken(): string {
  return `${TOKEN_PREFIX}_${randomString(86, URL_SAFE)}`
}

/** Whether a string is shaped like a token from {@link createToken}. */
export function isTokenShaped(value: string): boolean {
  return /^\d+_[\w-]{20,200}$/.test(value)
}

/** The request id WeChat appends to every `errmsg` (`rid: 6270dbb5-47d9f324-018472b7`). */
export function createRid(): string {
  return [8, 8, 8].map(length => randomString(length, HEX)).join('-')
}

/** A fresh CSP nonce. */
export function createNonce(): string {
  return randomString(22, URL_SAFE)
}

/**
 * The openid of a user in an app: 28 characters starting with `o`, like WeChat's, and the same
 * on every run for the same user and app.
 */
export function deriveOpenid(appid: string, userId: string, snapshot = false): string {
  return `o${digest(`${snapshot ? 'snapshot-' : ''}openid\0${appid}\0${userId}`, 27)}`
}

/**
 * The unionid of a user under an Open Platform account: stable, 28 characters, starts with `o`.
 * A snapshot-page (快照页) virtual account has another one, never the user's.
 */
export function deriveUnionid(openPlatformId: string, userId: string, snapshot = false): string {
  return `o${digest(`${snapshot ? 'snapshot-' : ''}unionid\0${openPlatformId}\0${userId}`, 27)}`
}

/** The id of a user created on the phone page: the same nickname gives the same user (and openid) on every run. */
export function deriveUserId(nickname: string): string {
  return `u-${digest(`user\0${nickname}`, 10)}`
}

/** A short stable hue (0–359) for a generated avatar. */
export function hueOf(value: string): number {
  return createHash('sha256').update(value).digest().readUInt16BE(0) % 360
}
