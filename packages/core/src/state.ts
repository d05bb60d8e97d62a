import { invalidOption } from './invalid-option'
import { MAX_STATE_LENGTH } from './validate'

/** Options of {@link createState}. */
export interface CreateStateOptions {
  /**
   * Random bytes in the state, between 16 (128 bits) and 96 (the 128-character limit).
   * @default 24
   */
  bytes?: number
}

/**
 * Mints an unguessable `state` from Web Crypto: URL-safe base64 of `bytes` random bytes (32
 * characters by default). Works unchanged in browsers, Node 20, Deno, Bun and workers.
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
  const random = crypto.getRandomValues(new Uint8Array(bytes))
  return btoa(String.fromCharCode(...random)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}
