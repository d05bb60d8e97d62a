import type { Logger } from 'vite'
import type { TunnelHost } from './tunnel-hosts'
import { checkRedirectUri } from './redirect-check'

/** What the start-up banner describes. */
export interface BannerInput {
  /** The dev or preview server's first local URL (`server.resolvedUrls.local[0]`). */
  localUrl: string | undefined
  /** Configured tunnels, the one the checks use first. */
  tunnels: readonly TunnelHost[]
  /** Every `allowedHosts` entry added, preset suffixes included. */
  allowedHosts: readonly string[]
  allowAllHosts: boolean
  callbackDomain: string | undefined
  redirectUri: string | undefined
}

/** The banner's text: information lines, and warnings about redirects WeChat would reject. */
export interface Banner {
  lines: string[]
  warnings: string[]
}

const LABEL_WIDTH = 18

function line(label: string, value: string): string {
  return `     ${`${label}:`.padEnd(LABEL_WIDTH)}${value}`
}

/**
 * Builds the banner printed after Vite's own URLs: where the tunnel must point, the callback
 * domain to enter in the WeChat console, and why WeChat would reject the redirect. Returns
 * `undefined` when nothing WeChat-related is configured, so plain `vite dev` stays quiet.
 */
export function createBanner(input: BannerInput): Banner | undefined {
  const { localUrl, tunnels, allowedHosts, allowAllHosts, callbackDomain, redirectUri } = input
  if (tunnels.length === 0 && allowedHosts.length === 0 && !allowAllHosts && !callbackDomain && !redirectUri)
    return undefined

  const exact = tunnels.filter(tunnel => !tunnel.host.startsWith('.'))
  const [primary] = exact
  const primaryUrl = primary?.origin ?? primary?.host
  const localHost = localUrl ? new URL(localUrl).host : undefined
  const lines = ['  ➜  WeChat login (wechat-qr-login)']
  // The tunnel must forward to the address Vite listens on, which is what tunnels ask for.
  if (exact.length > 0)
    lines.push(line('Tunnel', `${exact.map(tunnel => tunnel.origin ?? tunnel.host).join(', ')}${localUrl ? ` → ${localUrl} (point the tunnel at ${localHost})` : ''}`))
  else if (localUrl)
    lines.push(line('Local', localUrl))

  const domain = callbackDomain ?? primary?.host ?? (redirectUri ? new URL(redirectUri).hostname : undefined)
  if (domain)
    lines.push(line('Callback domain', `${domain}  ← 授权回调域 (your website app's 网站信息 in the WeChat Open Platform console)`))
  if (redirectUri)
    lines.push(line('Redirect URI', redirectUri))
  else if (primary?.origin)
    lines.push(line('Redirect URI', `any path on ${primary.origin}, e.g. ${primary.origin}/auth/wechat/callback`))
  lines.push(line('Allowed hosts', allowAllHosts ? 'every host (allowAllHosts: true, see the warning above)' : allowedHosts.join(', ') || 'none added'))

  const warnings = checkRedirectUri({ redirectUri, callbackDomain, tunnel: primaryUrl }).map(problem => problem.message)
  return { lines, warnings }
}

/** Prints a banner through Vite's logger, each warning with the package prefix. */
export function printBanner(logger: Logger, banner: Banner): void {
  logger.info(banner.lines.join('\n'))
  for (const warning of banner.warnings)
    logger.warn(`[wechat-qr-login] ${warning}`)
}
