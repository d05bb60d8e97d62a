import { MESSAGE_PREFIX } from './project'

/**
 * Text that only developers need (long explanations, warnings), left out of production builds:
 * the one mechanism for it in every package. Write it as `devOnly(() => __DEV__ && '…')`, and the
 * short production text after it (`devOnly(…) || 'Timed out.'`).
 *
 * The build writes `__DEV__` as `process.env.NODE_ENV !== 'production'`, which bundlers replace
 * (as they do for Vue and Pinia): a production bundle folds the arrow to `() => false` and drops
 * the text, and Node reads the variable when the text is needed. Where nothing replaced it and
 * there is no `process` (a browser loading the files without a bundler), the arrow throws, and
 * there is no development text rather than a `ReferenceError`.
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
    console.warn(`${MESSAGE_PREFIX} ${message}`)
}
