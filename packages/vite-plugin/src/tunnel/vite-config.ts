import type { PreviewOptions, ServerOptions, UserConfig } from 'vite'
import type { WechatQrLoginHmrOptions } from '../options'
import { allowAllHostsWarning } from './hosts'

/** What the tunnel plugin wants from Vite, before looking at the user's own config. */
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

/** The values to assign to the user's `server` and `preview` config, and why some were skipped. */
export interface TunnelConfigPatch {
  server: ServerOptions
  preview: PreviewOptions
  warnings: string[]
}

/** Whether `version` (e.g. `'8.3.8'`, `'8.1.0-beta.1'`) is at least `major.minor`. */
export function isViteAtLeast(version: string, major: number, minor: number): boolean {
  const [, maj = '0', min = '0'] = /^(\d+)\.(\d+)/.exec(version) ?? []
  return Number(maj) > major || (Number(maj) === major && Number(min) >= minor)
}

function unique(hosts: readonly string[]): string[] {
  return [...new Set(hosts)]
}

/**
 * Computes the final `server` / `preview` values the tunnel plugin assigns in the `config` hook.
 * They are assigned, not returned for merging, because the merge differs across Vite versions:
 * up to Vite 6 merging `true` with a list yields `[true, 'host']`, which allows nothing extra.
 * Vite 7+ freezes `allowedHosts` before `configureServer`, so the `config` hook is the last
 * place to set them.
 */
export function tunnelConfigPatch(user: UserConfig, plan: TunnelPlan, viteVersion: string): TunnelConfigPatch {
  const server: ServerOptions = {}
  const preview: PreviewOptions = {}
  const warnings: string[] = []
  const userHosts = user.server?.allowedHosts
  const userPreviewHosts = user.preview?.allowedHosts

  if (plan.allowAllHosts) {
    server.allowedHosts = true
    // Preview falls back to server.allowedHosts; only an explicit preview list needs replacing.
    if (userPreviewHosts !== undefined)
      preview.allowedHosts = true
    warnings.push(allowAllHostsWarning('wechatQrLogin({ allowAllHosts: true }) sets server.allowedHosts: true, which'))
  }
  else {
    if (userHosts === true)
      warnings.push(allowAllHostsWarning('server.allowedHosts: true in your Vite config'))
    else if (plan.allowedHosts.length > 0)
      server.allowedHosts = unique([...(userHosts ?? []), ...plan.allowedHosts])
    if (Array.isArray(userPreviewHosts) && plan.allowedHosts.length > 0)
      preview.allowedHosts = unique([...userPreviewHosts, ...plan.allowedHosts])
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
      server[key] = { ...(typeof current === 'object' ? current : {}), ...plan.hmr }
  }
  return { server, preview, warnings }
}
