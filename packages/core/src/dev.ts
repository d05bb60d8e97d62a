/**
 * Text that only developers need (long explanations, warnings), left out of production builds.
 * Write it as `() => process.env.NODE_ENV !== 'production' && '…'`: bundlers replace
 * `process.env.NODE_ENV` (as they do for Vue and Pinia), so a production bundle folds the arrow to
 * `() => false` and drops the text, while Node reads the variable when the text is needed. Where
 * nothing replaces it and there is no `process` (a browser loading the file directly), there is
 * no development text rather than a `ReferenceError`.
 */
export function devOnly(text: () => string | false): string | false {
  try {
    return text()
  }
  catch {
    return false
  }
}

/** Prints a prefixed development-only warning (see {@link devOnly}). */
export function warn(text: () => string | false): void {
  const message = devOnly(text)
  if (message)
    console.warn(`[wechat-qr-login] ${message}`)
}
