/** Sorted copy, ascending. */
function sorted(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b)
}

/**
 * The `p`-th percentile (0–100) with linear interpolation between the closest ranks, the
 * definition most tools (numpy's default, autocannon's HDR-less mode) agree on.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0)
    return Number.NaN
  const data = sorted(values)
  const rank = (p / 100) * (data.length - 1)
  const low = Math.floor(rank)
  const high = Math.ceil(rank)
  return data[low]! + (data[high]! - data[low]!) * (rank - low)
}

/** The median (50th percentile). */
export function median(values: readonly number[]): number {
  return percentile(values, 50)
}

/** The arithmetic mean. */
export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((sum, value) => sum + value, 0) / values.length
}

/** Median absolute deviation relative to the median: how noisy a series is (0.05 = 5 %). */
export function relativeSpread(values: readonly number[]): number {
  const middle = median(values)
  return median(values.map(value => Math.abs(value - middle))) / middle
}

/** Summary of a series of samples. */
export interface Summary {
  n: number
  min: number
  p50: number
  p90: number
  p99: number
  max: number
  mean: number
}

/** Summarises a series of samples. */
export function summarize(values: readonly number[]): Summary {
  return {
    n: values.length,
    min: Math.min(...values),
    p50: percentile(values, 50),
    p90: percentile(values, 90),
    p99: percentile(values, 99),
    max: Math.max(...values),
    mean: mean(values),
  }
}
