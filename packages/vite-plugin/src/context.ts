import type { DevBannerInput } from './banner'
import type { ResolvedTunnelHosts } from './tunnel/hosts'

/**
 * What the plugins of one `wechatQrLogin()` call share: the tunnel plugin resolves the tunnels
 * (the dev integration builds the redirect URI and the phones' URL from them), and the dev
 * integration describes itself for the tunnel plugin's banner.
 */
export interface PluginContext {
  /** Set in the tunnel plugin's `config` hook. */
  tunnels: ResolvedTunnelHosts
  /** Set once the dev integration started on a dev server. */
  devBanner: DevBannerInput | undefined
}

/** A fresh context for one `wechatQrLogin()` call. */
export function createPluginContext(): PluginContext {
  return { tunnels: { tunnels: [], allowedHosts: [], warnings: [] }, devBanner: undefined }
}
