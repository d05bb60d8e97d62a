import type { WechatLoginErrorCode } from './login-error'

/** What starts every message of wechat-qr-login: errors, warnings and log lines. */
export const MESSAGE_PREFIX = '[wechat-qr-login]'

/** The docs site, for teams using wechat-qr-login. */
export const DOCS_URL = 'https://wechat-qr-login.github.io/'

/** The source repository: issues, releases, the code. */
export const REPOSITORY_URL = 'https://github.com/wechat-qr-login/wechat-qr-login'

/** The docs page that explains every error code. */
export const ERRORS_PAGE_URL = `${DOCS_URL}reference/errors`

/** The section of the errors page that explains `code`: its heading's id is the code in lower case. */
export function errorDocsUrl(code: WechatLoginErrorCode): string {
  return `${ERRORS_PAGE_URL}#${code.toLowerCase()}`
}
