/** Waits that can all be cut short at once, so that closing the emulator ends every delayed answer. */
export interface Sleeper {
  /** Resolves after `ms` (driven by `setTimeout`, so fake timers control it) or on {@link Sleeper.wakeAll}. */
  sleep: (ms: number) => Promise<void>
  wakeAll: () => void
}

/** Creates a {@link Sleeper}. */
export function createSleeper(): Sleeper {
  const pending = new Set<() => void>()
  return {
    sleep: ms => new Promise((resolve) => {
      const timer = setTimeout(wake, ms)
      function wake(): void {
        clearTimeout(timer)
        pending.delete(wake)
        resolve()
      }
      pending.add(wake)
    }),
    wakeAll() {
      for (const wake of [...pending])
        wake()
    },
  }
}
