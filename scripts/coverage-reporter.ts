import type { Reporter } from 'vitest/reporters'
import { relative } from 'node:path'
import process from 'node:process'

/** Minimum line coverage per package, enforced here so the verdict prints before Vitest's summary. */
const LINE_THRESHOLDS: Record<string, number> = { core: 95 }

/** The slice of istanbul's CoverageMap that this reporter reads. */
interface CoverageMapLike {
  files: () => string[]
  fileCoverageFor: (file: string) => { toSummary: () => { lines: { covered: number, total: number } } }
}

/**
 * Prints line coverage per package, then fails the run if a package is under its threshold.
 * Vitest calls `onCoverage` before its own summary, so the run still ends with that summary.
 */
export default class CoverageByPackageReporter implements Reporter {
  onCoverage(coverage: unknown): void {
    const map = coverage as CoverageMapLike
    const totals = new Map<string, { covered: number, total: number }>()
    for (const file of map.files()) {
      const name = /^packages\/([^/]+)\//.exec(relative(process.cwd(), file))?.[1]
      if (!name)
        continue
      const { lines } = map.fileCoverageFor(file).toSummary()
      const sum = totals.get(name) ?? { covered: 0, total: 0 }
      totals.set(name, { covered: sum.covered + lines.covered, total: sum.total + lines.total })
    }

    const failures: string[] = []
    const rows = [...totals].sort(([a], [b]) => a.localeCompare(b)).map(([name, { covered, total }]) => {
      const percent = total === 0 ? 100 : (covered / total) * 100
      const threshold = LINE_THRESHOLDS[name]
      if (threshold !== undefined && percent < threshold)
        failures.push(`${name} line coverage ${percent.toFixed(2)}% is under its ${threshold}% threshold`)
      const verdict = threshold === undefined ? '' : `  (threshold ${threshold}%: ${percent >= threshold ? 'met' : 'MISSED'})`
      return `  ${name.padEnd(12)} ${percent.toFixed(2).padStart(6)}%  ${covered}/${total} lines${verdict}`
    })
    process.stdout.write(`\nLine coverage by package\n${rows.join('\n')}\n`)
    for (const failure of failures)
      process.stderr.write(`ERROR: ${failure}\n`)
    if (failures.length > 0)
      process.exitCode = 1
  }
}
