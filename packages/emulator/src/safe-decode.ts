/**
 * `decodeURIComponent`, or the value as it came when it holds a malformed `%` escape: a path
 * segment that names no session or user is then simply not found, rather than a 500.
 */
export function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value)
  }
  catch {
    return value
  }
}
