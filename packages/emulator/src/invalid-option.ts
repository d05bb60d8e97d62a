import { WechatLoginError } from '@wechat-qr-login/core'

/** The `INVALID_OPTION` error of the emulator's options: `Invalid "{option}": {message}`, naming the option. */
export function invalidOption(option: string, message: string): WechatLoginError {
  return new WechatLoginError('INVALID_OPTION', `Invalid "${option}": ${message}`, { option })
}
