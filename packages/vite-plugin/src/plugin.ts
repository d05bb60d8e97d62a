import type { InlineConfig, Plugin, PreviewServer, ResolvedConfig, ViteDevServer } from 'vite'
import type { BannerInput, DevBannerInput } from './banner'
import type { DevIntegration } from './dev/integration'
import type { DevPlan } from './dev/plan'
import type { ResolvedWechatQrLoginOptions, WechatQrLoginOptions } from './options'
import type { SecretValue } from './secret-guard/secret-guard'
import type { ResolvedTunnelHosts } from './tunnel/hosts'
import { resolve } from 'node:path'
import { WECHAT_ENDPOINTS } from '@wechat-qr-login/core'
import { MESSAGE_PREFIX } from '@wechat-qr-login/core/internal'
import { createBanner, printBanner } from './banner'
import { createDevIntegration } from './dev/integration'
import { DEV_ENV_NAMES, planDev } from './dev/plan'
import { renderVirtualModule, RESOLVED_VIRTUAL_MODULE_ID, VIRTUAL_MODULE_ID } from './dev/virtual-module'
import { loadPluginEnv } from './env'
import { resolveOptions } from './options'
import { checkClientEnv, checkClientOutput, collectSecretValues } from './secret-guard/secret-guard'
import { resolveTunnelHosts } from './tunnel/hosts'
import { tunnelConfigPatch } from './tunnel/vite-config'

/** What one start of Vite (`vite dev`, `vite build`, `vite preview`, or a restart) works from. */
interface Start {
  /** Vite's `.env` files of the mode and the environment, every prefix: read once, in `config`. */
  env: Record<string, string>
  /** `vite dev` and `vite preview`: the tunnel settings apply. */
  serving: boolean
  tunnels: ResolvedTunnelHosts
  /** `vite dev` with the dev integration. */
  devPlan: DevPlan | undefined
  /** `allowAllHosts` on Vite 6: set on the resolved config. */
  allowAllOnResolvedConfig: boolean
  /** Printed through Vite's logger once the config is resolved. */
  warnings: string[]
}

/** The secrets passed in the options rather than read from a variable named like one. */
function optionSecrets({ dev }: ResolvedWechatQrLoginOptions): SecretValue[] {
  if (!dev)
    return []
  const { secret, sessionSecret } = dev.server
  return [
    ...(typeof secret === 'string' ? [{ label: 'dev.server.secret', value: secret }] : []),
    ...[sessionSecret ?? []].flat().filter(value => typeof value === 'string').map(value => ({ label: 'dev.server.sessionSecret', value })),
  ]
}

// The configs whose banner was printed, on the global object because a restart may load this
// module afresh: the restarted server (same inline config) prints its banner again.
const PRINTED_KEY = Symbol.for('wechat-qr-login:printed-banners')

function printedBanners(): WeakSet<InlineConfig> {
  const global = globalThis as { [PRINTED_KEY]?: WeakSet<InlineConfig> }
  return (global[PRINTED_KEY] ??= new WeakSet())
}

/** The origin the app is served at, for code that runs outside a browser (SSR). */
function serverOrigin(server: ViteDevServer): string {
  const local = server.resolvedUrls?.local[0]
  if (local)
    return new URL(local).origin
  const { host, port = 5173, https } = server.config.server
  return `${https ? 'https' : 'http'}://${typeof host === 'string' && host !== '0.0.0.0' ? host : 'localhost'}:${port}`
}

/**
 * The Vite plugin for WeChat website QR login. In `vite dev` the app logs in end to end: the
 * auth routes of `@wechat-qr-login/server` run on the dev server against a local WeChat emulator
 * (or the real WeChat when `WECHAT_APPID` and `WECHAT_APPSECRET` are set), and
 * `virtual:wechat-qr-login` tells the client how. It lets a tunnel (natapp, ngrok, cloudflared,
 * frp, localtunnel) reach the dev and preview servers by adding its exact hostnames to
 * `allowedHosts` (never `true` unless asked), prints the callback domain to register and why
 * WeChat would reject the redirect, and fails the build when the AppSecret could reach the
 * browser.
 *
 * @example
 * // vite.config.ts
 * import vue from '@vitejs/plugin-vue'
 * import wechatQrLogin from '@wechat-qr-login/vite-plugin'
 *
 * export default defineConfig({
 *   plugins: [vue(), wechatQrLogin({ tunnel: 'https://abc.natapp4.cc' })],
 * })
 *
 * @throws {WechatLoginError} `INVALID_OPTION`, `INVALID_TUNNEL_HOST` or `INVALID_REDIRECT_URI`
 *   for a bad option, before Vite starts.
 */
export function wechatQrLogin(options: WechatQrLoginOptions = {}): Plugin {
  const resolved = resolveOptions(options)
  const { tunnelPresets, allowAllHosts, callbackDomain, redirectUri, secretGuard, dev } = resolved
  let start: Start
  let config: ResolvedConfig
  let secrets: SecretValue[] = []
  // The dev server whose integration serves the virtual module. A restart replaces it while the
  // previous server still runs; each server gives back its own emulator (`closeBundle`).
  let devServer: { server: ViteDevServer, integration: DevIntegration } | undefined
  const integrations = new WeakMap<object, DevIntegration>()

  function bannerInput(localUrl: string | undefined, devBanner: DevBannerInput | undefined, tunnels: ResolvedTunnelHosts): BannerInput {
    return { localUrl, tunnels: tunnels.tunnels, allowedHosts: tunnels.allowedHosts, allowAllHosts, callbackDomain, redirectUri, dev: devBanner }
  }

  /** Appends the banner to Vite's URLs, and prints it again after a restart. */
  function showBanner(server: ViteDevServer | PreviewServer, integration?: DevIntegration): void {
    const { tunnels } = start
    const { logger, inlineConfig } = server.config
    const printWith = (devBanner: DevBannerInput | undefined): void => {
      const banner = createBanner(bannerInput(server.resolvedUrls?.local[0], devBanner, tunnels))
      if (banner)
        printBanner(logger, banner)
    }
    // The dev integration says what it runs once it has started: this starts it.
    const print = async (): Promise<void> => printWith(integration && await integration.start().then(started => started.banner, (error: Error) => {
      logger.error(error.message)
      return undefined
    }))
    // Vite prints its URLs at start-up (`vite dev`, `vite preview`), and after a restart only
    // when the port or the host changed.
    let printedWithUrls = false
    const printUrls = server.printUrls.bind(server)
    server.printUrls = () => {
      printUrls()
      printedWithUrls = true
      printedBanners().add(inlineConfig)
      if (integration)
        void print()
      else
        printWith(undefined)
    }
    if ('restart' in server && printedBanners().has(inlineConfig)) {
      const listen = server.listen.bind(server)
      server.listen = async (port, isRestart) => {
        const listening = await listen(port, isRestart)
        // After the restart has finished, when Vite has printed its URLs (and this banner) or not.
        if (isRestart)
          setImmediate(() => printedWithUrls || void print())
        return listening
      }
    }
  }

  return {
    name: 'wechat-qr-login',

    async config(userConfig, { command, mode, isPreview }) {
      // Imported here, not at the top, so that webpack users of this package need no Vite.
      const { version } = await import('vite')
      const root = resolve(userConfig.root ?? '')
      const env = await loadPluginEnv(userConfig.envDir === false ? false : resolve(root, userConfig.envDir ?? ''), mode)
      const serving = command === 'serve'
      const tunnels = serving
        ? resolveTunnelHosts({ optionTunnels: resolved.optionTunnels, presets: tunnelPresets, env })
        : { tunnels: [], allowedHosts: [], warnings: [] }
      // `vite preview` serves a build, whose login is the production server's.
      const devPlan = serving && !isPreview && dev ? planDev({ dev, env, tunnels, allowAllHosts, redirectUri }) : undefined
      const patch = serving
        ? tunnelConfigPatch(userConfig, {
            allowedHosts: tunnels.allowedHosts,
            allowAllHosts,
            active: tunnels.allowedHosts.length > 0 || allowAllHosts,
            host: resolved.host,
            strictPort: resolved.strictPort,
            hmr: resolved.hmr,
            httpsTunnel: tunnels.tunnels.some(tunnel => tunnel.origin?.startsWith('https:')),
          }, version)
        : undefined
      start = {
        env,
        serving,
        tunnels,
        devPlan,
        allowAllOnResolvedConfig: patch?.allowAllOnResolvedConfig ?? false,
        warnings: serving ? [...resolved.warnings, ...tunnels.warnings, ...patch!.warnings, ...devPlan?.warnings ?? []] : [],
      }
      return patch?.config
    },

    configResolved(resolvedConfig) {
      config = resolvedConfig
      for (const warning of start.warnings)
        config.logger.warn(`${MESSAGE_PREFIX} ${warning}`)
      if (start.allowAllOnResolvedConfig) {
        // Vite 6 reads these when a request comes (see `tunnelConfigPatch`).
        Object.assign(config.server, { allowedHosts: true })
        Object.assign(config.preview, { allowedHosts: true })
      }
      if (secretGuard) {
        checkClientEnv(config, secretGuard)
        if (config.command === 'build')
          secrets = collectSecretValues(start.env, secretGuard.names, secretGuard.values, optionSecrets(resolved))
      }
    },

    configureServer(server) {
      const integration = start.devPlan && createDevIntegration(server, start.devPlan)
      if (integration) {
        devServer = { server, integration }
        for (const environment of Object.values(server.environments))
          integrations.set(environment, integration)
      }
      if (start.serving)
        showBanner(server, integration)
    },

    configurePreviewServer(server) {
      showBanner(server)
    },

    // Called as each environment of a closing dev server closes (restarts included).
    async closeBundle() {
      await integrations.get(this.environment)?.close()
    },

    resolveId(id) {
      return dev && id === VIRTUAL_MODULE_ID ? RESOLVED_VIRTUAL_MODULE_ID : undefined
    },

    async load(id) {
      if (!dev || id !== RESOLVED_VIRTUAL_MODULE_ID)
        return undefined
      if (devServer) {
        const { module } = await devServer.integration.start()
        return renderVirtualModule({ ...module, serverOrigin: serverOrigin(devServer.server) })
      }
      // A build (or a server without the integration): the production app talks to WeChat.
      return renderVirtualModule({
        mode: 'wechat',
        authBase: dev.authBase,
        // The same AppID the dev server would use: `dev.server.appid` over the variable.
        appid: dev.server.appid?.trim() || start.env[DEV_ENV_NAMES.appid]?.trim() || '',
        openBase: typeof dev.server.openBase === 'string' ? dev.server.openBase : WECHAT_ENDPOINTS.openBase,
        redirectUri: dev.server.redirectUri ?? redirectUri,
        serverOrigin: config.server.origin ?? 'http://localhost',
      })
    },

    generateBundle: {
      // After every other plugin has emitted its files (HTML, copied assets).
      order: 'post',
      async handler(_outputOptions, bundle) {
        await checkClientOutput(this.environment.config, Object.values(bundle), secrets)
      },
    },
  }
}
