/** Remembers consumed states until they expire, so that each is accepted once. */
export interface ReplayGuard {
  /** `true` the first time `key` is used before `expiresAt` (epoch ms), `false` on a replay. */
  use: (key: string, expiresAt: number) => boolean | Promise<boolean>
}

/**
 * The state cookie is cleared when it is consumed, but a client that kept a copy could send it
 * again; this bounded in-memory set refuses that within one instance. Across instances the
 * single-use code (40163) is the backstop, so nothing needs to be shared.
 */
export function createReplayGuard(maxEntries = 10_000): ReplayGuard {
  const used = new Map<string, number>()

  /**
   * Keys arrive about in the order they expire (every state lives 10 minutes), so the expired
   * ones gather at the front of the map, in insertion order: dropping from the front until a live
   * key costs next to nothing per use, where a sweep of the whole map would cost `maxEntries`.
   * Still full of live keys (a flood), it forgets the oldest; the cookie clearing still holds.
   */
  function prune(now: number): void {
    for (const [key, expiresAt] of used) {
      if (expiresAt > now && used.size <= maxEntries)
        break
      used.delete(key)
    }
  }

  return {
    use(key, expiresAt) {
      const now = Date.now()
      const seen = used.get(key)
      if (seen !== undefined && seen > now)
        return false
      // Re-inserted, so that it moves to the back with its new expiry.
      used.delete(key)
      used.set(key, expiresAt)
      prune(now)
      return true
    },
  }
}
