import type { WechatAuthLogger } from '@wechat-qr-login/server'
import type { NodeMiddleware } from '@wechat-qr-login/server/node'
import type { Logger } from 'vite'
import type { DevBannerInput } from '../banner'
import type { EmulatorLease } from './emulator'
import type { DevPlan } from './plan'
import type { VirtualModuleInput } from './virtual-module'
import { WECHAT_ENDPOINTS } from '@wechat-qr-login/core'
import { DEMO_APP } from '@wechat-qr-login/emulator'
import { createWechatAuth } from '@wechat-qr-login/server'
import { toNodeMiddleware } from '@wechat-qr-login/server/node'
import { acquireEmulator } from './emulator'
import { createEmulatorProxy } from './emulator-proxy'

/** The dev integration once the server handler (and the emulator) run. */
export interface StartedDev {
  /** The auth routes and, with the emulator, its phone page; every other request goes to `next`. */
  middleware: NodeMiddleware
  /** What `virtual:wechat-qr-login` says, but for the page origin assumed outside a browser. */
  module: Omit<VirtualModuleInput, 'serverOrigin'>
  /** What the start-up banner says about it. */
  banner: DevBannerInput
  /** Gives the emulator back, once. */
  release: () => Promise<void>
}

/** The server handler's failures, through Vite's logger (its messages carry the package prefix). */
function viteAuthLogger(logger: Logger): WechatAuthLogger {
  return {
    warn: message => logger.warn(message, { timestamp: true }),
    error: message => logger.error(message, { timestamp: true }),
  }
}

/**
 * Starts the emulator (emulator mode) and the server handler of one dev server. Loaded by the
 * first request that needs them (see `createDevIntegration`), so that they cost nothing until then.
 * `context.lease`: the emulator, when the dev server already holds it (a restart takes over the
 * running one).
 * @throws {WechatLoginError} for bad emulator or server options.
 */
export async function startDev(plan: DevPlan, context: { root: string, logger: Logger, lease?: Promise<EmulatorLease> | undefined }): Promise<StartedDev> {
  const logger = viteAuthLogger(context.logger)
  const { authBase } = plan

  if (plan.mode === 'wechat') {
    const { auth } = plan
    const middleware = toNodeMiddleware(createWechatAuth({ logger, ...auth }))
    return {
      middleware,
      module: { mode: 'wechat', authBase, appid: auth.appid, openBase: typeof auth.openBase === 'string' ? auth.openBase : WECHAT_ENDPOINTS.openBase, redirectUri: auth.redirectUri },
      banner: { mode: 'wechat', authBase, appid: auth.appid, ...(auth.redirectUri === undefined ? {} : { redirectUri: auth.redirectUri, appUrl: new URL(auth.redirectUri).origin }) },
      release: async () => {},
    }
  }

  const lease = await (context.lease ?? acquireEmulator(context.root, plan.emulator))
  try {
    const { emulator, app, url, port, busyPort, publicUrl, lanAddress } = lease.running
    const authOptions = { logger, ...plan.auth, appid: app.appid, secret: app.secret }
    // Pages on 127.0.0.1 get the emulator as localhost: another site, as WeChat is.
    const auth = createWechatAuth({ openBase: url, apiBase: url, ...authOptions })
    const authFor127 = createWechatAuth({ openBase: `http://localhost:${port}`, apiBase: url, ...authOptions })
    const proxy = createEmulatorProxy(emulator, url)
    const middleware = toNodeMiddleware(async request => await proxy(request) ?? (new URL(request.url).hostname === '127.0.0.1' ? authFor127 : auth)(request))
    return {
      middleware,
      module: { mode: 'emulator', authBase, appid: app.appid, openBase: url, redirectUri: plan.auth.redirectUri, emulator: { url, publicUrl } },
      banner: {
        mode: 'emulator',
        authBase,
        appid: app.appid,
        emulator: {
          url,
          ...(busyPort === undefined ? {} : { busyPort }),
          ...(publicUrl === undefined ? {} : { publicUrl }),
          lan: lanAddress !== undefined,
          callbackDomains: [app.callbackDomain].flat(),
          subdomains: plan.emulator.settings.options.allowSubdomains ?? plan.emulator.allowSubdomains,
          demoApp: app.appid === DEMO_APP.appid && app.secret === DEMO_APP.secret,
        },
      },
      release: lease.release,
    }
  }
  catch (error) {
    await lease.release()
    throw error
  }
}
