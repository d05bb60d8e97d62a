/**
 * `decodeURIComponent`, or the value as it came when it holds a malformed `%` escape (`%zz`): what
 * a URL carries can then be compared or looked up, and simply matches nothing, instead of throwing.
 */
export function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value)
  }
  catch {
    return value
  }
}
