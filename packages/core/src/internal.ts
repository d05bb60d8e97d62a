/**
 * `@wechat-qr-login/core/internal`: helpers shared by the packages of wechat-qr-login.
 *
 * Not public API and not covered by semver: any release may change or remove these. Apps use
 * `@wechat-qr-login/core`.
 */
export { devOnly, warn } from './dev'
export { invalidOption } from './invalid-option'
