/**
 * The longest login code accepted, by the callback and `POST /exchange` alike. WeChat's codes
 * are 32 characters; the margin tolerates a format change, the bound keeps junk away from WeChat.
 */
export const MAX_CODE_LENGTH = 512

/** A login code worth sending to WeChat: a non-empty string of at most {@link MAX_CODE_LENGTH} characters. */
export function isWellFormedCode(code: unknown): code is string {
  return typeof code === 'string' && code !== '' && code.length <= MAX_CODE_LENGTH
}
