/** `1234567` → `1,234,567`. */
export function formatInt(value: number): string {
  return Math.round(value).toLocaleString('en-US')
}

/** A number with `digits` decimals and thousands separators. */
export function formatNumber(value: number, digits = 1): string {
  return Number.isFinite(value)
    ? value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
    : '—'
}

/** Bytes as kB (1 kB = 1,000 B, as size-limit and bundlephobia count). */
export function formatKb(bytes: number): string {
  return `${(bytes / 1000).toFixed(2)} kB`
}

/** Milliseconds, with one decimal below 100 ms. */
export function formatMs(ms: number): string {
  return Number.isFinite(ms) ? `${ms < 100 ? ms.toFixed(1) : Math.round(ms)} ms` : '—'
}

/** A difference in milliseconds with its sign: `+12.3 ms`, `−2.1 ms`. */
export function formatDeltaMs(ms: number): string {
  return `${ms < 0 ? '−' : '+'}${formatMs(Math.abs(ms))}`
}

/** A ratio such as `0.42×`. */
export function formatRatio(ratio: number): string {
  return Number.isFinite(ratio) ? `${ratio < 10 ? ratio.toFixed(2) : ratio.toFixed(1)}×` : '—'
}

/** `0.42× vue3-google-login`. */
export function ratioTo(value: number, baseline: number, name: string): string {
  return `${formatRatio(value / baseline)} ${name}`
}

/** `met` / `missed (by …)`. */
export function goal(met: boolean, missedBy?: string): string {
  return met ? 'met' : `**missed**${missedBy ? ` (${missedBy})` : ''}`
}
