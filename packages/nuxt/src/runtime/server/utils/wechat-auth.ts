import type { WechatAuth, WechatErrorBody, WechatSession, WechatSessionResponse } from '@wechat-qr-login/server'
import type { H3Event } from 'h3'
import type { WechatRuntimeConfig } from '../auth-options'
import { createWechatAuth } from '@wechat-qr-login/server'
import { createError, getRequestURL } from 'h3'
import { useRuntimeConfig, useStorage } from 'nitropack/runtime'
import { authOptionsFromRuntimeConfig } from '../auth-options'

let auth: WechatAuth | undefined

/**
 * The app's server handler of `@wechat-qr-login/server`, made on first use from
 * `runtimeConfig.wechat` (`NUXT_WECHAT_*`). The module mounts it at its `basePath`; use it for
 * `client` (WeChat's API) and `revokeSessions(userId)` in your own server code.
 * @throws {WechatLoginError} `INVALID_OPTION` when the AppID, AppSecret or session secret is missing.
 */
export function useWechatAuth(event?: H3Event): WechatAuth {
  if (!auth) {
    const config = useRuntimeConfig(event)
    // Values from the environment are whatever was set: the handler checks each one.
    const wechat = config.wechat as WechatRuntimeConfig
    const options = authOptionsFromRuntimeConfig(wechat, config.public.wechat.basePath)
    // In `nuxt dev` the Vite plugin's routes, which have no store, open the sessions.
    auth = createWechatAuth(wechat.sessionStore && !import.meta.dev ? { ...options, store: useStorage(wechat.sessionStore) } : options)
  }
  return auth
}

/** The request's cookies and address, without its body: what reading a session needs. */
function sessionRequest(event: H3Event): Request {
  return new Request(getRequestURL(event), { headers: event.headers })
}

/**
 * The session of a request: `{ authenticated: true, user, expiresAt }` or `{ authenticated: false }`,
 * read once per request (server rendering and your API routes share it). Never reads the body,
 * never throws.
 *
 * @example
 * // server/api/me.get.ts
 * export default defineEventHandler(async event => (await getWechatSession(event)).user ?? null)
 */
export function getWechatSession(event: H3Event): Promise<WechatSessionResponse> {
  const context = event.context as { wechatSession?: Promise<WechatSessionResponse> }
  // A request without cookies (a first visit, prerendering) has no session, whatever the config.
  context.wechatSession ??= event.headers.has('cookie')
    ? useWechatAuth(event).getSession(sessionRequest(event))
    : Promise.resolve({ authenticated: false })
  return context.wechatSession
}

/**
 * The signed-in session of a request, for API routes that need a user. Any other request is
 * answered with the server package's error, as an h3 error whose `data` is its JSON body: a 401
 * (`NOT_AUTHENTICATED`), or a 503 (`STORE_UNAVAILABLE`) when the session store fails.
 *
 * @example
 * // server/api/orders.get.ts
 * export default defineEventHandler(async (event) => {
 *   const { user } = await requireWechatSession(event)
 *   return listOrders(user.id)
 * })
 */
export async function requireWechatSession(event: H3Event): Promise<WechatSession> {
  const answer = await useWechatAuth(event).requireSession(sessionRequest(event))
  if (answer instanceof Response) {
    const body = await answer.json() as WechatErrorBody
    throw createError({ statusCode: answer.status, statusMessage: answer.statusText, message: body.error.message, data: body })
  }
  return answer
}
