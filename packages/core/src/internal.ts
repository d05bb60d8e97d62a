/**
 * `@wechat-qr-login/core/internal`: helpers shared by the packages of wechat-qr-login.
 *
 * Not public API and not covered by semver: any release may change or remove these. Apps use
 * `@wechat-qr-login/core`.
 */
export { devOnly, warn } from './dev'
export { DEFAULT_EMULATOR_PORT } from './endpoints'
export { escapeHtml, escapeText, scriptJson } from './html'
export { invalidOption } from './invalid-option'
export { findLanAddress } from './lan-address'
export type { LanInterface } from './lan-address'
export { bareMessage } from './login-error'
export { isLoginMode, LOGIN_MODES } from './login-mode'
export { DOCS_URL, errorDocsUrl, MESSAGE_PREFIX, REPOSITORY_URL } from './project'
export { safeDecode } from './safe-decode'
