import type { WechatLoginErrorCode } from './login-error'
import { devOnly } from './dev'
import { WechatLoginError } from './login-error'

/**
 * The error of an invalid option, naming it: `Invalid "option": {fix}`. `fix` says what was
 * expected and how to fix it: a string is always shown (server-side code, where bytes do not
 * matter), a function is development-only text (`() => __DEV__ && '…'`, see `devOnly`), and
 * production builds then say `Invalid "option".`
 *
 * @example
 * throw invalidOption('timeout', 'expected milliseconds above 0.')
 * throw invalidOption('appid', () => __DEV__ && 'copy it from the Open Platform console.', 'INVALID_APPID')
 */
export function invalidOption(option: string, fix: string | (() => string | false), code: WechatLoginErrorCode = 'INVALID_OPTION'): WechatLoginError {
  const text = typeof fix === 'string' ? fix : devOnly(fix)
  return new WechatLoginError(code, text ? `Invalid "${option}": ${text}` : `Invalid "${option}".`, { option })
}
