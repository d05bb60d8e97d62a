import { invalidOption } from '@wechat-qr-login/core/internal'

/** Checks a secret option without ever printing it. */
export function assertSecret(value: unknown, option: string, minLength: number): asserts value is string {
  if (typeof value === 'string' && value.length >= minLength)
    return
  const need = minLength > 1 ? `a string of at least ${minLength} characters (e.g. \`openssl rand -base64 32\`)` : 'a non-empty string'
  throw invalidOption(option, `expected ${need}. Read it from server configuration (an environment variable), never from client code.`)
}

/** The longest delay setTimeout honours: a longer one overflows its 32-bit counter and fires at once. */
export const MAX_TIMER_DELAY = 2 ** 31 - 1

/** Checks a millisecond option that ends up in setTimeout: above zero (or zero when allowed), at most {@link MAX_TIMER_DELAY}. */
export function assertTimerDelay(value: unknown, option: string, allowZero = false): asserts value is number {
  if (typeof value === 'number' && (value > 0 || (allowZero && value === 0)) && value <= MAX_TIMER_DELAY)
    return
  throw invalidOption(option, `expected milliseconds ${allowZero ? 'from 0' : 'above 0'} up to ${MAX_TIMER_DELAY} (about 24.8 days, the longest setTimeout can wait).`)
}
