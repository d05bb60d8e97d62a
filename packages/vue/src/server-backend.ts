import type { WechatSessionResponse, WechatStateResponse } from '@wechat-qr-login/core'
import type { LoginBackend, SignedIn } from './backend'
import type { WechatLoginOptions } from './options'
import type { WechatLoginUser } from './types'
import { STATE_QUERY, WechatLoginError } from '@wechat-qr-login/core'
import { devOnly } from '@wechat-qr-login/core/internal'
import { requestJson } from './request'

/** Development-only advice for an answer that is not the server package's. */
const NOT_MOUNTED = ' Is the server package mounted at "authBase"?'

function readSession(data: unknown, route: string): SignedIn | null {
  const body = data as Partial<WechatSessionResponse> | null
  if (typeof body?.authenticated !== 'boolean')
    throw new WechatLoginError('INVALID_RESPONSE', `${route} did not answer a session${devOnly(() => __DEV__ && ` ({ authenticated, user }).${NOT_MOUNTED}`) || '.'}`)
  if (!body.authenticated)
    return null
  if (typeof body.user !== 'object' || body.user === null)
    throw new WechatLoginError('INVALID_RESPONSE', `${route} said "authenticated" without a user.`)
  return { user: body.user as WechatLoginUser, expiresAt: body.expiresAt }
}

/**
 * The server package's routes under `authBase`: `GET /state`, `POST /exchange`,
 * `GET /session`, `POST /logout`. The server checks each state against its own cookie.
 */
export function serverBackend(options: WechatLoginOptions): LoginBackend {
  const { authBase = '/auth/wechat', requestTimeout } = options
  const base = authBase.replace(/\/+$/, '')
  const call = (path: string, body?: object): Promise<unknown> => requestJson(base + path, { body, timeout: requestTimeout })
  const session = async (): Promise<SignedIn | null> => readSession(await call('/session'), `GET ${base}/session`)

  return {
    checksState: false,
    async issue({ mode, selfRedirect, returnTo }) {
      const query = new URLSearchParams({ [STATE_QUERY.mode]: mode })
      if (mode === 'embedded')
        query.set(STATE_QUERY.selfRedirect, String(selfRedirect))
      if (returnTo !== undefined)
        query.set(STATE_QUERY.returnTo, returnTo)
      const data = await call(`/state?${query}`) as Partial<WechatStateResponse> | null
      if (typeof data?.expiresAt !== 'number' || ![data.state, data.appid, data.redirectUri, data.openBase].every(value => typeof value === 'string'))
        throw new WechatLoginError('INVALID_RESPONSE', `GET ${base}/state did not answer a state${devOnly(() => __DEV__ && ` ({ state, expiresAt, appid, redirectUri, openBase }).${NOT_MOUNTED}`) || '.'}`)
      // A server without `expiresIn` (older, or another implementation) is trusted to share this clock.
      return { ...data as WechatStateResponse, ...(typeof data.expiresIn === 'number' && { expiresAt: Date.now() + data.expiresIn }) }
    },
    exchange: async (code, state) => readSession(await call('/exchange', { code, state }), `POST ${base}/exchange`),
    relayed: session,
    session,
    logout: () => call('/logout', {}),
  }
}
