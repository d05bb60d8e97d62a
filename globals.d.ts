/**
 * True outside production builds. Write it only as `devOnly(() => __DEV__ && '…')` (or in the
 * arrow given to `warn()` or `invalidOption()`): see `DEV_FLAG` in scripts/dev-flag.ts.
 */
declare const __DEV__: boolean
