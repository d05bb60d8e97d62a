import type { PreviewOptions, ServerOptions, UserConfig } from 'vite'
import type { WechatQrLoginHmrOptions } from '../options'
import { allowAllHostsWarning } from './hosts'

/** What the tunnel settings want from Vite, before looking at the user's own config. */
export interface TunnelPlan {
  /** Exact hosts and `.suffix` entries to allow. */
  allowedHosts: readonly string[]
  allowAllHosts: boolean
  /** A tunnel is configured (hosts, presets or allow-all): bind IPv4 and keep the port fixed. */
  active: boolean
  host: string | false | undefined
  strictPort: boolean | undefined
  hmr: WechatQrLoginHmrOptions | undefined
  /** One of the tunnels was given as an https URL. */
  httpsTunnel: boolean
}

/** The tunnel settings for one start of Vite, and why some of them were skipped. */
export interface TunnelConfigPatch {
  /**
   * Returned from the `config` hook for Vite to merge into the user's config, which it leaves
   * untouched: Vite concatenates the `allowedHosts` lists, and a restart starts again from the
   * user's own values.
   */
  config: { server: ServerOptions, preview: PreviewOptions }
  /**
   * `allowAllHosts` on Vite 6, which merges `true` into a list as `[…, true]` (allowing nothing
   * more): then `true` is set on the resolved config instead, where Vite 6 still reads it.
   */
  allowAllOnResolvedConfig: boolean
  warnings: string[]
}

/** Whether `version` (e.g. `'8.3.8'`, `'8.1.0-beta.1'`) is at least `major.minor`. */
export function isViteAtLeast(version: string, major: number, minor: number): boolean {
  const [, maj = '0', min = '0'] = /^(\d+)\.(\d+)/.exec(version) ?? []
  return Number(maj) > major || (Number(maj) === major && Number(min) >= minor)
}

/**
 * The `server` and `preview` settings a tunnel needs, as a config to merge. Computed in the
 * `config` hook because Vite 7+ copies `allowedHosts` before `configureServer` runs.
 */
export function tunnelConfigPatch(user: UserConfig, plan: TunnelPlan, viteVersion: string): TunnelConfigPatch {
  const server: ServerOptions = {}
  const preview: PreviewOptions = {}
  const warnings: string[] = []
  const userHosts = user.server?.allowedHosts
  let allowAllOnResolvedConfig = false

  if (plan.allowAllHosts) {
    // Since Vite 7, `true` merged with a list is `true`.
    if (isViteAtLeast(viteVersion, 7, 0)) {
      server.allowedHosts = true
      // Preview falls back to server.allowedHosts; only an explicit preview list needs it.
      if (user.preview?.allowedHosts !== undefined)
        preview.allowedHosts = true
    }
    else {
      allowAllOnResolvedConfig = true
    }
    warnings.push(allowAllHostsWarning('wechatQrLogin({ allowAllHosts: true }) sets server.allowedHosts: true, which'))
  }
  else if (userHosts === true) {
    warnings.push(allowAllHostsWarning('server.allowedHosts: true in your Vite config'))
  }
  else if (plan.allowedHosts.length > 0) {
    server.allowedHosts = [...plan.allowedHosts]
    if (Array.isArray(user.preview?.allowedHosts))
      preview.allowedHosts = [...plan.allowedHosts]
  }

  const host = plan.host ?? (plan.active ? '127.0.0.1' : undefined)
  if (typeof host === 'string' && user.server?.host === undefined)
    server.host = host
  const strictPort = plan.strictPort ?? (plan.active ? true : undefined)
  if (strictPort !== undefined && user.server?.strictPort === undefined)
    server.strictPort = strictPort

  if (plan.hmr?.protocol === 'ws' && plan.httpsTunnel)
    warnings.push('hmr.protocol is "ws" but your tunnel serves https: browsers block ws:// from an https page (mixed content), so HMR never connects. Use "wss", or leave "hmr" unset: Vite picks wss on https pages by itself.')
  if (plan.hmr) {
    // Vite 8.1 renamed the WebSocket options to server.ws and warns when server.hmr.* is set.
    const key = isViteAtLeast(viteVersion, 8, 1) ? 'ws' : 'hmr'
    const current = user.server?.[key]
    if (current === false || user.server?.hmr === false)
      warnings.push(`HMR is turned off in your Vite config (server.${current === false ? key : 'hmr'}: false), so wechatQrLogin's "hmr" option is ignored.`)
    else
      server[key] = { ...plan.hmr }
  }
  return { config: { server, preview }, allowAllOnResolvedConfig, warnings }
}
