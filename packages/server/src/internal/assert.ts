import { WechatLoginError } from '@wechat-qr-login/core'

/** Checks a secret option without ever printing it. */
export function assertSecret(value: unknown, option: string, minLength: number): asserts value is string {
  if (typeof value === 'string' && value.length >= minLength)
    return
  const need = minLength > 1 ? `a string of at least ${minLength} characters (e.g. \`openssl rand -base64 32\`)` : 'a non-empty string'
  throw new WechatLoginError('INVALID_OPTION', `Invalid "${option}": expected ${need}. Read it from server configuration (an environment variable), never from client code.`, { option })
}

/** Checks a duration or size option: a finite number above zero (or zero when allowed). */
export function assertPositiveNumber(value: unknown, option: string, allowZero = false): asserts value is number {
  if (typeof value === 'number' && Number.isFinite(value) && (value > 0 || (allowZero && value === 0)))
    return
  throw new WechatLoginError('INVALID_OPTION', `Invalid "${option}": expected a finite number ${allowZero ? 'of at least 0' : 'above 0'}.`, { option })
}
