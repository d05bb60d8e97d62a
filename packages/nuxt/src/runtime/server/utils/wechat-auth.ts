import type { WechatAuth, WechatSessionResponse } from '@wechat-qr-login/server'
import type { H3Event } from 'h3'
import type { WechatRuntimeConfig } from '../auth-options'
import { createWechatAuth, WechatHttpError } from '@wechat-qr-login/server'
import { createError, getRequestURL } from 'h3'
import { useRuntimeConfig } from 'nitropack/runtime'
import { authOptionsFromRuntimeConfig } from '../auth-options'

/** A signed-in session, as `requireWechatSession()` resolves it. */
export type WechatSignedInSession = Extract<WechatSessionResponse, { authenticated: true }>

let auth: WechatAuth | undefined

/**
 * The app's server handler of `@wechat-qr-login/server`, made on first use from
 * `runtimeConfig.wechat` (`NUXT_WECHAT_*`). The module mounts it at its `basePath`; use it for
 * `auth.client` (WeChat's API) in your own server code.
 * @throws {WechatLoginError} `INVALID_OPTION` when the AppID, AppSecret or session secret is missing.
 */
export function useWechatAuth(event?: H3Event): WechatAuth {
  if (!auth) {
    const config = useRuntimeConfig(event)
    // Values from the environment are whatever was set: the handler checks each one.
    auth = createWechatAuth(authOptionsFromRuntimeConfig(config.wechat as WechatRuntimeConfig, config.public.wechat.basePath))
  }
  return auth
}

/**
 * The session of a request: `{ authenticated: true, user, expiresAt }` or `{ authenticated: false }`,
 * read once per request (server rendering and your API routes share it). Never reads the body.
 *
 * @example
 * // server/api/me.get.ts
 * export default defineEventHandler(async event => (await getWechatSession(event)).user ?? null)
 */
export function getWechatSession(event: H3Event): Promise<WechatSessionResponse> {
  const context = event.context as { wechatSession?: Promise<WechatSessionResponse> }
  // A request without cookies (a first visit, prerendering) has no session, whatever the config.
  context.wechatSession ??= event.headers.has('cookie')
    ? useWechatAuth(event).getSession(new Request(getRequestURL(event), { headers: event.headers }))
    : Promise.resolve({ authenticated: false })
  return context.wechatSession
}

/**
 * The signed-in session of a request, for API routes that need a user; a request without one
 * gets a 401 whose `data` is `{ error: { code: 'NOT_AUTHENTICATED', message } }`.
 *
 * @example
 * // server/api/orders.get.ts
 * export default defineEventHandler(async (event) => {
 *   const { user } = await requireWechatSession(event)
 *   return listOrders(user.id)
 * })
 */
export async function requireWechatSession(event: H3Event): Promise<WechatSignedInSession> {
  const session = await getWechatSession(event)
  if (!session.authenticated) {
    const error = new WechatHttpError('NOT_AUTHENTICATED', 'Not signed in.')
    throw createError({ statusCode: error.statusCode, statusMessage: 'Unauthorized', message: error.toBody().error.message, data: error.toBody() })
  }
  return session
}
