import { defaults, seal, unseal } from 'iron-webcrypto'

/** Encrypts and signs cookie payloads with iron (AES-256-CBC + HMAC-SHA-256). */
export interface Sealer {
  seal: (payload: object) => Promise<string>
  /** The payload, or `undefined` when the value is tampered, truncated or sealed with an unknown secret. */
  unseal: (sealed: string) => Promise<unknown>
}

/**
 * Seals with the first secret and unseals with any of them, so a secret can be rotated by
 * putting the new one first and keeping the old one until its cookies have expired. Trying each
 * secret in turn keeps secret ids out of the cookies; a wrong secret fails at the HMAC check.
 */
export function createSealer(secrets: readonly [string, ...string[]]): Sealer {
  const [current] = secrets
  return {
    seal: payload => seal(payload, current, defaults),
    async unseal(sealed) {
      for (const secret of secrets) {
        try {
          return await unseal(sealed, secret, defaults)
        }
        catch {}
      }
      return undefined
    },
  }
}
