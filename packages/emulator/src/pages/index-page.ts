import type { EmulatorApp } from '../options'
import { plainText } from '../plain-text'
import { WX_LOGIN_SCRIPT_PATH } from '../wx-login-script'

/**
 * `GET /`: what this server is and how to point an app at it, as plain text. Lists appids and
 * callback domains, never secrets.
 */
export function renderIndex(origin: string, apps: readonly EmulatorApp[]): Response {
  const lines = [
    'WeChat emulator (wechat-qr-login): a local stand-in for WeChat website QR login. Fake users only.',
    '',
    `openBase = apiBase = ${origin}`,
    `wxLogin.js: ${origin}${WX_LOGIN_SCRIPT_PATH}`,
    '',
    'Apps:',
    ...apps.map(app => `  ${app.appid}  callback domain ${[app.callbackDomain].flat().join(', ')}  ${app.openPlatformId ? 'unionid' : 'no unionid'}${app.name ? `  (${app.name})` : ''}`),
    '',
    `Test-only control API: ${origin}/__emulator/sessions, /__emulator/codes, /__emulator/tokens, /__emulator/users, /__emulator/faults`,
  ]
  return plainText(`${lines.join('\n')}\n`)
}
