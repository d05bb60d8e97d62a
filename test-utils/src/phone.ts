import type { WechatStateResponse } from '@wechat-qr-login/core'
import type { WechatEmulator } from '@wechat-qr-login/emulator'
import type { CookieJar } from './cookie-jar'
import { buildAuthorizeUrl } from '@wechat-qr-login/core'

/**
 * A redirect-mode login against an app that mounts the server package at `/auth/wechat`:
 * the browser asks for a state, opens WeChat's (the emulator's) page, the "phone" scans and
 * confirms as `user` through the emulator's control API, and the browser follows the callback.
 * Resolves with the callback's answer (a 302 to the return path).
 */
export async function logInWithRedirect(options: { appUrl: string, emulator: WechatEmulator, jar: CookieJar, user?: string, returnTo?: string }): Promise<Response> {
  const { appUrl, emulator, jar, user = 'zhang-wei', returnTo = '/' } = options
  const answer = await jar.fetch(`${appUrl}/auth/wechat/state?mode=redirect&return_to=${encodeURIComponent(returnTo)}`)
  if (answer.status !== 200)
    throw new Error(`GET /auth/wechat/state answered ${answer.status}`)
  const { appid, redirectUri, state, openBase } = await answer.json() as WechatStateResponse
  const page = await fetch(buildAuthorizeUrl({ appid, redirectUri, state, openBase }))
  if (page.status !== 200)
    throw new Error(`the QR page answered ${page.status}`)
  const { uuid } = emulator.sessions().find(session => session.state === state)!
  emulator.scan(uuid)
  const { redirectUrl } = emulator.confirm(uuid, user)
  return jar.fetch(redirectUrl)
}
