import type { ViteDevServer } from 'vite'
import type { DevPlan } from './plan'
import type { StartedDev } from './start'
import { WechatLoginError } from '@wechat-qr-login/core'
import { acquireEmulator, isEmulatorRunning } from './emulator'
import { EMULATOR_PROXY_PREFIX } from './plan'

/** The dev integration of one dev server. */
export interface DevIntegration {
  /** Starts the server handler (and the emulator) once; later calls get the same start. */
  start: () => Promise<StartedDev>
  /** Gives the emulator back. Safe to call twice. */
  close: () => Promise<void>
}

/**
 * Mounts the dev integration on a dev server, before Vite's own middlewares (so before its SPA
 * fallback): the auth routes under `authBase` and, with the emulator, its phone page under
 * `/__wechat-emulator/`. The server handler and the emulator are loaded and started by the first
 * request to one of those paths (or by the virtual module, or the banner), so that the dev server
 * starts as fast as without them. A restart takes over the running emulator at once, which keeps
 * its port and its QR codes.
 */
export function createDevIntegration(server: ViteDevServer, plan: DevPlan): DevIntegration {
  const { root, logger } = server.config
  const prefixes = [`${plan.authBase}/`, ...(plan.mode === 'emulator' ? [`${EMULATOR_PROXY_PREFIX}/`] : [])]
  // A restart takes over the running emulator now, before the server it replaces gives it back.
  const held = plan.mode === 'emulator' && isEmulatorRunning(root, plan.emulator) ? acquireEmulator(root, plan.emulator) : undefined
  let started: Promise<StartedDev> | undefined
  let closed = false

  function start(): Promise<StartedDev> {
    // A request that races the close of a restarted server must not take an emulator nobody gives back.
    if (closed)
      return Promise.reject(new WechatLoginError('INVALID_REQUEST', 'This dev server has closed, so it no longer serves the WeChat login: reload the page from the running one.'))
    return started ??= import('./start').then(({ startDev }) => startDev(plan, { root, logger, lease: held }))
  }

  server.middlewares.use((req, res, next) => {
    if (!prefixes.some(prefix => req.url?.startsWith(prefix)))
      return next()
    start().then(dev => dev.middleware(req, res, next), next)
  })

  if (held)
    start().catch((error: Error) => logger.error(error.message, { timestamp: true }))

  return {
    start,
    async close() {
      closed = true
      await (await started?.catch(() => undefined))?.release()
    },
  }
}
