import { invalidOption } from './invalid-option'
import { MAX_STATE_LENGTH } from './validate'

/** Options of {@link createState}. */
export interface CreateStateOptions {
  /**
   * Randomness of the state, in bytes, between 16 (128 bits) and 96 (the 128-character limit).
   * @default 24
   */
  bytes?: number
}

/** The characters of a state: the Official Account's `state` allows nothing else. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
/** 248 = 4 × 62: below it, a random byte maps to each character equally often. */
const UNBIASED_BYTES = 248

/**
 * Mints an unguessable `state` from Web Crypto: `[A-Za-z0-9]` only, so that it is valid for the
 * QR login and for an Official Account's web authorization alike, as many characters as the
 * URL-safe base64 of `bytes` random bytes (32 by default, each carrying 5.95 bits). Works
 * unchanged in browsers, Node 20, Deno, Bun and workers.
 *
 * @throws {WechatLoginError} `INVALID_OPTION` when `bytes` is out of range.
 * @example
 * const state = createState() // e.g. 'Jx0b1N3uQ6m2yL8cVt5rP4aZ9kWd7eHs'
 */
export function createState(options: CreateStateOptions = {}): string {
  const { bytes = 24 } = options
  const maxBytes = Math.floor(MAX_STATE_LENGTH * 3 / 4)
  if (!Number.isInteger(bytes) || bytes < 16 || bytes > maxBytes)
    throw invalidOption('bytes', () => __DEV__ && `a state needs an integer between 16 (128 bits) and ${maxBytes} random bytes.`)
  const length = Math.ceil(bytes * 4 / 3)
  let state = ''
  while (state.length < length) {
    for (const byte of crypto.getRandomValues(new Uint8Array(length))) {
      if (byte < UNBIASED_BYTES && state.length < length)
        state += ALPHABET[byte % ALPHABET.length]
    }
  }
  return state
}
