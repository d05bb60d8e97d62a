import { compactDecrypt, CompactEncrypt, CompactSign, compactVerify } from 'jose'

/**
 * Protects cookie payloads with JOSE compact tokens (jose): the session is encrypted (JWE `dir` +
 * `A256GCM`: its user data stays private), the state only signed (JWS `HS256`: nothing in it is
 * secret, and a browser needs none of it).
 */
export interface Sealer {
  /** Encrypts and authenticates `payload` with the first secret. */
  seal: (payload: object) => Promise<string>
  /** The payload, or `undefined` when the value is tampered, truncated or sealed with an unknown secret. */
  unseal: (sealed: string) => Promise<unknown>
  /** Signs `payload` with the first secret, without encrypting it. */
  sign: (payload: object) => Promise<string>
  /** The payload, or `undefined` when the value is tampered, truncated or signed with an unknown secret. */
  verify: (signed: string) => Promise<unknown>
}

/** Keys of every secret, the first secret's first. */
interface Keyring {
  encryption: CryptoKey[]
  signing: CryptoKey[]
}

const encoder = new TextEncoder()
const decoder = new TextDecoder()

const JWE_HEADER = { alg: 'dir', enc: 'A256GCM' }
const JWE_ALGORITHMS = { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'] }
const JWS_HEADER = { alg: 'HS256' }
const JWS_ALGORITHMS = { algorithms: ['HS256'] }

/**
 * One key per purpose, derived with HKDF-SHA-256, so a signed state can never be read as a
 * session and a leaked key of one purpose says nothing about the other. A session secret is
 * meant to be random (`openssl rand -base64 32`), so a slow password hash would add cost, not
 * strength.
 */
async function deriveKeys(secret: string): Promise<{ encryption: CryptoKey, signing: CryptoKey }> {
  const base = await crypto.subtle.importKey('raw', encoder.encode(secret), 'HKDF', false, ['deriveKey'])
  const derive = (purpose: string, algorithm: AesDerivedKeyParams | HmacImportParams, usages: KeyUsage[]): Promise<CryptoKey> =>
    crypto.subtle.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: encoder.encode(`wechat-qr-login ${purpose}`) }, base, algorithm, false, usages)
  const [encryption, signing] = await Promise.all([
    derive('session A256GCM', { name: 'AES-GCM', length: 256 }, ['encrypt', 'decrypt']),
    derive('state HS256', { name: 'HMAC', hash: 'SHA-256', length: 256 }, ['sign', 'verify']),
  ])
  return { encryption, signing }
}

/** The JSON payload opened by the first key that fits, or `undefined`. */
async function openWithAny(keys: readonly CryptoKey[], open: (key: CryptoKey) => Promise<Uint8Array>): Promise<unknown> {
  for (const key of keys) {
    try {
      return JSON.parse(decoder.decode(await open(key)))
    }
    catch {}
  }
  return undefined
}

/**
 * Seals and signs with the first secret and opens with any of them, so a secret can be rotated by
 * putting the new one first and keeping the old one until its cookies have expired. Trying each
 * key in turn keeps secret ids out of the cookies; a wrong key fails at the authentication tag
 * or the signature.
 *
 * The keys are derived once, here, not per cookie: a login then costs three WebCrypto calls
 * (sign, verify, encrypt) instead of a key derivation for each.
 */
export function createSealer(secrets: readonly [string, ...string[]]): Sealer {
  const keyring: Promise<Keyring> = Promise.all(secrets.map(deriveKeys)).then(keys => ({
    encryption: keys.map(key => key.encryption),
    signing: keys.map(key => key.signing),
  }))
  // Every call awaits it; this only keeps a failure from surfacing first as an unhandled rejection.
  keyring.catch(() => {})

  return {
    async seal(payload) {
      const { encryption: [key] } = await keyring
      return new CompactEncrypt(encoder.encode(JSON.stringify(payload))).setProtectedHeader(JWE_HEADER).encrypt(key!)
    },
    async unseal(sealed) {
      const { encryption } = await keyring
      return openWithAny(encryption, async key => (await compactDecrypt(sealed, key, JWE_ALGORITHMS)).plaintext)
    },
    async sign(payload) {
      const { signing: [key] } = await keyring
      return new CompactSign(encoder.encode(JSON.stringify(payload))).setProtectedHeader(JWS_HEADER).sign(key!)
    },
    async verify(signed) {
      const { signing } = await keyring
      return openWithAny(signing, async key => (await compactVerify(signed, key, JWS_ALGORITHMS)).payload)
    },
  }
}
