/** Remembers consumed states until they expire, so one instance accepts each state once. */
export interface ReplayGuard {
  /** `true` the first time `key` is used before `expiresAt` (epoch ms), `false` on a replay. */
  use: (key: string, expiresAt: number) => boolean
}

/**
 * The state cookie is cleared when it is consumed, but a client that kept a copy could send it
 * again; this bounded in-memory set refuses that within one instance. Across instances the
 * single-use code (40163) is the backstop, so nothing needs to be shared.
 */
export function createReplayGuard(maxEntries = 10_000): ReplayGuard {
  const used = new Map<string, number>()

  function prune(now: number): void {
    for (const [key, expiresAt] of used) {
      if (expiresAt <= now)
        used.delete(key)
    }
    // Still full of live entries (a flood): forget the oldest, the cookie clearing still holds.
    for (const key of used.keys()) {
      if (used.size <= maxEntries)
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
      used.set(key, expiresAt)
      if (used.size > maxEntries)
        prune(now)
      return true
    },
  }
}
