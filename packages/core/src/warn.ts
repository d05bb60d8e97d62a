/**
 * Whether this is a development build. Bundlers replace `process.env.NODE_ENV` (as they do for
 * Vue and Pinia), so production bundles drop the warnings; where nothing replaces it and there
 * is no `process` (a browser loading the file directly), warnings stay on.
 */
function isDevelopment(): boolean {
  try {
    // eslint-disable-next-line node/prefer-global/process -- the global is what bundlers replace
    return process.env.NODE_ENV !== 'production'
  }
  catch {
    return true
  }
}

/** Prints a prefixed warning in development builds. */
export function warn(message: string): void {
  if (isDevelopment())
    console.warn(`[wechat-qr-login] ${message}`)
}
