import type { ViteDevServer } from 'vite'
import type { DevPlan } from './plan'
import type { StartedDev } from './start'
import { WechatLoginError } from '@wechat-qr-login/core'
import { acquireEmulator, isEmulatorRunning } from './emulator'
import { EMULATOR_PROXY_PREFIX } from './plan'

/**
 * The port the dev server listens on (the demo Official Account's 网页授权域名 names it): known
 * once it listens, which every start after a request is; the configured one before that.
 */
function devPort(server: ViteDevServer): number {
  const address = server.httpServer?.address()
  return typeof address === 'object' && address !== null ? address.port : server.config.server.port
}

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
 * `/__wechat-emulator/`, and the Official Account's verification file when one is configured. The
 * server handler and the emulator are loaded and started by the first
 * request to one of those paths (or by the virtual module, or the banner), so that the dev server
 * starts as fast as without them. A restart takes over the running emulator at once, which keeps
 * its port and its QR codes.
 */
export function createDevIntegration(server: ViteDevServer, plan: DevPlan): DevIntegration {
  const { root, logger } = server.config
  const prefixes = [`${plan.authBase}/`, ...(plan.mode === 'emulator' ? [`${EMULATOR_PROXY_PREFIX}/`] : [])]
  // At the site's root, or under the path of a 网页授权域名 such as `www.example.com/mp`.
  const verificationFile = plan.verificationFile && `/${plan.verificationFile.name}`
  const isOurs = (url: string): boolean => prefixes.some(prefix => url.startsWith(prefix)) || (verificationFile !== undefined && url.split('?')[0]!.endsWith(verificationFile))
  // A restart takes over the running emulator now, before the server it replaces gives it back.
  const held = plan.mode === 'emulator' && isEmulatorRunning(root, plan.emulator) ? acquireEmulator(root, plan.emulator, devPort(server)) : undefined
  let started: Promise<StartedDev> | undefined
  let closed = false

  function start(): Promise<StartedDev> {
    // A request that races the close of a restarted server must not take an emulator nobody gives back.
    if (closed)
      return Promise.reject(new WechatLoginError('INVALID_REQUEST', 'This dev server has closed, so it no longer serves the WeChat login: reload the page from the running one.'))
    return started ??= import('./start').then(({ startDev }) => startDev(plan, { root, logger, lease: held, devPort: devPort(server) }))
  }

  server.middlewares.use((req, res, next) => {
    if (req.url === undefined || !isOurs(req.url))
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
