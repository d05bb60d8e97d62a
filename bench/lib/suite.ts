import type { Table } from './table'

/** One goal from the issue, and how this run did against it. */
export interface GoalResult {
  goal: string
  result: string
  met: boolean
  /** When missed: by how much, why, and what would close it (computed from this run where possible). */
  finding?: string
}

/** What a suite reports: its tables, how it measured, and its raw numbers for the JSON file. */
export interface SuiteResult {
  tables: Table[]
  goals: GoalResult[]
  /** Method and caveats, one sentence each (printed under the tables, and in RESULTS.md). */
  notes: string[]
  /** Raw numbers (results/latest.json). */
  data: unknown
}

/** One benchmark suite. */
export interface Suite {
  /** The name to run it alone: `pnpm bench <id>`. */
  id: string
  title: string
  run: (context: SuiteContext) => Promise<SuiteResult>
}

/** What `run.ts` gives every suite. */
export interface SuiteContext {
  /** Progress output (stderr, so that stdout holds only the tables). */
  log: (message: string) => void
  /** `--quick`: fewer runs and shorter windows, to check the harness (numbers not for quoting). */
  quick: boolean
}
