import type { WechatAuthLogger } from '@wechat-qr-login/server'
import type { Logger, Plugin, ResolvedConfig, ViteDevServer } from 'vite'
import type { PluginContext } from '../context'
import type { ResolvedDevOptions } from '../options'
import type { EmulatorLease } from './emulator'
import type { DevPlan } from './plan'
import type { VirtualModuleInput } from './virtual-module'
import { WECHAT_ENDPOINTS } from '@wechat-qr-login/core'
import { DEMO_APP } from '@wechat-qr-login/emulator'
import { createWechatAuth } from '@wechat-qr-login/server'
import { toNodeMiddleware } from '@wechat-qr-login/server/node'
import { loadPluginEnv } from '../env'
import { acquireEmulator } from './emulator'
import { createEmulatorProxy } from './emulator-proxy'
import { DEV_ENV_NAMES, planDev } from './plan'
import { renderVirtualModule, RESOLVED_VIRTUAL_MODULE_ID, VIRTUAL_MODULE_ID } from './virtual-module'

/** The server handler's failures, through Vite's logger (its messages carry the package prefix). */
function viteAuthLogger(logger: Logger): WechatAuthLogger {
  return {
    warn: message => logger.warn(message, { timestamp: true }),
    error: message => logger.error(message, { timestamp: true }),
  }
}

/** The origin the app is served at, for code that runs outside a browser (SSR). */
function serverOrigin(server: ViteDevServer): string {
  const local = server.resolvedUrls?.local[0]
  if (local)
    return new URL(local).origin
  const { host, port = 5173, https } = server.config.server
  return `${https ? 'https' : 'http'}://${typeof host === 'string' && host !== '0.0.0.0' ? host : 'localhost'}:${port}`
}

/** What runs on one dev server: the virtual module's values, and the emulator to give back. */
interface DevIntegration {
  module: Omit<VirtualModuleInput, 'serverOrigin'>
  lease: EmulatorLease | undefined
}

/**
 * Starts the emulator (emulator mode), mounts the server handler and the phone-page proxy on the
 * dev server, and says what the virtual module and the banner show.
 */
async function startDevIntegration(server: ViteDevServer, plan: DevPlan, context: PluginContext): Promise<DevIntegration> {
  const logger = viteAuthLogger(server.config.logger)
  const authOptions = { logger, ...plan.auth }

  if (!plan.emulator) {
    server.middlewares.use(toNodeMiddleware(createWechatAuth(authOptions)))
    const redirectUri = plan.auth.redirectUri
    context.devBanner = {
      mode: 'wechat',
      authBase: plan.authBase,
      appid: plan.auth.appid,
      ...(redirectUri === undefined ? {} : { redirectUri, appUrl: new URL(redirectUri).origin }),
    }
    return {
      module: { mode: 'wechat', authBase: plan.authBase, appid: plan.auth.appid, openBase: plan.auth.openBase ?? WECHAT_ENDPOINTS.openBase, redirectUri },
      lease: undefined,
    }
  }

  const lease = await acquireEmulator(server.config.root, plan.emulator)
  const { emulator, url, port, busyPort, publicUrl, lanAddress } = lease.running
  // The same server for pages on 127.0.0.1 hands out the emulator as localhost: another site.
  const otherSiteUrl = `http://localhost:${port}`
  const auth = createWechatAuth({ openBase: url, apiBase: url, ...authOptions })
  const authFor127 = createWechatAuth({ openBase: otherSiteUrl, apiBase: url, ...authOptions })
  server.middlewares.use(toNodeMiddleware(createEmulatorProxy(emulator, url)))
  server.middlewares.use(toNodeMiddleware(request => (new URL(request.url).hostname === '127.0.0.1' ? authFor127 : auth)(request)))
  context.devBanner = {
    mode: 'emulator',
    authBase: plan.authBase,
    appid: plan.auth.appid,
    emulator: {
      url,
      ...(busyPort === undefined ? {} : { busyPort }),
      ...(publicUrl === undefined ? {} : { publicUrl }),
      lan: lanAddress !== undefined,
      callbackDomains: [plan.emulator.app.callbackDomain].flat(),
      demoApp: plan.emulator.app.appid === DEMO_APP.appid && plan.emulator.app.secret === DEMO_APP.secret,
    },
  }
  return {
    module: { mode: 'emulator', authBase: plan.authBase, appid: plan.auth.appid, openBase: url, redirectUri: plan.auth.redirectUri, emulator: { url, publicUrl } },
    lease,
  }
}

/**
 * The dev integration (`wechat-qr-login:dev`). In `vite dev` it mounts the auth routes of
 * `@wechat-qr-login/server` on the dev server, before Vite's own middlewares, and starts a local
 * WeChat emulator on `127.0.0.1` (another site than the app on `localhost`), so that the app logs
 * in end to end with no WeChat account. With `WECHAT_APPID` and `WECHAT_APPSECRET` set it uses
 * the real WeChat instead, and starts no emulator. Both stop when the dev server closes.
 *
 * It also serves `virtual:wechat-qr-login` (mode, authBase, appid, openBase, redirect URI; never
 * a secret), which is why it applies to builds too: there it describes the real WeChat.
 */
export function devPlugin(options: { dev: ResolvedDevOptions, redirectUri: string | undefined }, context: PluginContext): Plugin {
  const { dev, redirectUri } = options
  let config: ResolvedConfig
  let plan: DevPlan | undefined
  let buildAppid = ''
  let preview = false
  let started: { server: ViteDevServer, module: Omit<VirtualModuleInput, 'serverOrigin'> } | undefined
  // By environment, because a restart may reuse this plugin object for the next server while the
  // previous one closes: each server gives back its own emulator.
  const leases = new WeakMap<object, EmulatorLease>()

  return {
    name: 'wechat-qr-login:dev',
    config(_, { isPreview }) {
      preview = isPreview === true
    },
    async configResolved(resolved) {
      config = resolved
      const env = await loadPluginEnv(resolved.envDir, resolved.mode)
      if (resolved.command === 'build') {
        // The same AppID the dev server would use: `dev.server.appid` over the variable.
        buildAppid = dev.server.appid?.trim() || env[DEV_ENV_NAMES.appid]?.trim() || ''
        return
      }
      // `vite preview` serves a build; its login is the production server's.
      if (preview)
        return
      plan = planDev({ dev, env, tunnels: context.tunnels.tunnels, redirectUri })
      for (const warning of plan.warnings)
        resolved.logger.warn(`[wechat-qr-login] ${warning}`)
    },
    async configureServer(server) {
      if (!plan)
        return
      // Mounted now, not in a returned hook: the routes must answer before Vite's SPA fallback.
      const { module, lease } = await startDevIntegration(server, plan, context)
      started = { server, module }
      if (lease) {
        for (const environment of Object.values(server.environments))
          leases.set(environment, lease)
      }
    },
    // Called as each environment of a closing dev server closes (restarts included).
    async closeBundle() {
      await leases.get(this.environment)?.release()
    },
    resolveId(id) {
      return id === VIRTUAL_MODULE_ID ? RESOLVED_VIRTUAL_MODULE_ID : undefined
    },
    load(id) {
      if (id !== RESOLVED_VIRTUAL_MODULE_ID)
        return undefined
      if (started)
        return renderVirtualModule({ ...started.module, serverOrigin: serverOrigin(started.server) })
      // A build (or a server without the integration): the production app talks to WeChat.
      return renderVirtualModule({
        mode: 'wechat',
        authBase: dev.authBase,
        appid: buildAppid,
        openBase: dev.server.openBase ?? WECHAT_ENDPOINTS.openBase,
        redirectUri: dev.server.redirectUri ?? redirectUri,
        serverOrigin: config.server.origin ?? 'http://localhost',
      })
    },
  }
}
