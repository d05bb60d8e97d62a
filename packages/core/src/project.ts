/** What starts every message of wechat-qr-login: errors, warnings and log lines. */
export const MESSAGE_PREFIX = '[wechat-qr-login]'
