import type { Reporter } from 'vitest/reporters'
import process from 'node:process'

/** CI's time limit, for the line this reporter prints. */
const CI_LIMIT_MINUTES = 90

/**
 * Under `.ci/run` (which exports `CI_STARTED_AT`, epoch seconds), prints how long CI has taken,
 * install to last test, just before Vitest's own summary, so the run still ends with that summary.
 */
export default class CiDurationReporter implements Reporter {
  onTestRunEnd(): void {
    const started = Number(process.env.CI_STARTED_AT)
    if (!Number.isFinite(started) || started <= 0)
      return
    const seconds = Math.round(Date.now() / 1000 - started)
    process.stdout.write(`\nCI took ${Math.floor(seconds / 60)} min ${seconds % 60} s from a clean clone to the last test (limit ${CI_LIMIT_MINUTES} min)\n`)
  }
}
