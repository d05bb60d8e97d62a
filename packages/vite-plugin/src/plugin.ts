import type { Plugin, PreviewServer, ViteDevServer } from 'vite'
import type { PluginContext } from './context'
import type { ResolvedWechatQrLoginOptions, WechatQrLoginOptions } from './options'
import type { SecretValue } from './secret-guard/secret-guard'
import { resolve } from 'node:path'
import { createBanner, printBanner } from './banner'
import { createPluginContext } from './context'
import { devPlugin } from './dev/integration'
import { loadPluginEnv } from './env'
import { resolveOptions } from './options'
import { secretGuardPlugin } from './secret-guard/secret-guard'
import { resolveTunnelHosts } from './tunnel/hosts'
import { tunnelConfigPatch } from './tunnel/vite-config'

function tunnelPlugin(options: ResolvedWechatQrLoginOptions, context: PluginContext): Plugin {
  const { optionTunnels, tunnelPresets, allowAllHosts, hmr, host, strictPort, callbackDomain, redirectUri } = options
  let warnings: string[] = []

  // Runs after Vite's own URL block, where `vite dev` and `vite preview` print it.
  function appendBanner(server: ViteDevServer | PreviewServer): void {
    const printUrls = server.printUrls.bind(server)
    server.printUrls = () => {
      printUrls()
      const { tunnels, allowedHosts } = context.tunnels
      const banner = createBanner({ localUrl: server.resolvedUrls?.local[0], tunnels, allowedHosts, allowAllHosts, callbackDomain, redirectUri, dev: context.devBanner })
      if (banner)
        printBanner(server.config.logger, banner)
    }
  }

  return {
    name: 'wechat-qr-login:tunnel',
    // `vite preview` resolves its config as 'serve' too.
    apply: 'serve',
    async config(config, { mode }) {
      // Imported here, not at the top, so that webpack users of this package need no Vite.
      const { version } = await import('vite')
      const root = resolve(config.root ?? '')
      const env = await loadPluginEnv(config.envDir === false ? false : resolve(root, config.envDir ?? ''), mode)
      const resolved = context.tunnels = resolveTunnelHosts({ optionTunnels, presets: tunnelPresets, env })
      const patch = tunnelConfigPatch(config, {
        allowedHosts: resolved.allowedHosts,
        allowAllHosts,
        active: resolved.allowedHosts.length > 0 || allowAllHosts,
        host,
        strictPort,
        hmr,
        httpsTunnel: resolved.tunnels.some(tunnel => tunnel.origin?.startsWith('https:')),
      }, version)
      Object.assign(config.server ??= {}, patch.server)
      if (Object.keys(patch.preview).length > 0)
        Object.assign(config.preview ??= {}, patch.preview)
      warnings = [...options.warnings, ...resolved.warnings, ...patch.warnings]
    },
    configResolved(config) {
      for (const warning of warnings)
        config.logger.warn(`[wechat-qr-login] ${warning}`)
    },
    configureServer: appendBanner,
    configurePreviewServer: appendBanner,
  }
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
export function wechatQrLogin(options: WechatQrLoginOptions = {}): Plugin[] {
  const resolved = resolveOptions(options)
  const context = createPluginContext()
  return [
    tunnelPlugin(resolved, context),
    ...(resolved.secretGuard ? [secretGuardPlugin(resolved.secretGuard, optionSecrets(resolved))] : []),
    ...(resolved.dev ? [devPlugin({ dev: resolved.dev, redirectUri: resolved.redirectUri }, context)] : []),
  ]
}
