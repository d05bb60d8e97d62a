import { fileURLToPath } from 'node:url'

/** `bench/`. */
export const BENCH_DIR = fileURLToPath(new URL('../', import.meta.url))
/** The monorepo root. */
export const ROOT_DIR = fileURLToPath(new URL('../../', import.meta.url))
/** Generated consumer apps and builds (git-ignored). */
export const TMP_DIR = fileURLToPath(new URL('../.tmp/', import.meta.url))
/** Raw results (git-ignored). */
export const RESULTS_DIR = fileURLToPath(new URL('../results/', import.meta.url))
