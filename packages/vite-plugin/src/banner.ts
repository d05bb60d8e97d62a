import type { Logger } from 'vite'
import type { WechatQrLoginDevMode } from './dev/plan'
import type { TunnelHost } from './tunnel/hosts'
import { DEV_ENV_NAMES } from './dev/plan'
import { checkRedirectUri } from './tunnel/redirect-check'

/** What the dev integration adds to the banner once it runs. */
export interface DevBannerInput {
  mode: WechatQrLoginDevMode
  authBase: string
  appid: string
  /** Real WeChat: the redirect URI the server handler sends, when it is fixed. */
  redirectUri?: string
  /** Real WeChat: the URL to open the app at (the tunnel's), since the login's cookies live there. */
  appUrl?: string
  /** Emulator mode. */
  emulator?: {
    /** On `127.0.0.1`. */
    url: string
    /** The port asked for, when it was taken. */
    busyPort?: number
    /** Where phones reach it (LAN or tunnel). */
    publicUrl?: string
    /** It listens on every interface (`lan: true`). */
    lan: boolean
    /** The hosts its app accepts in `redirect_uri`. */
    callbackDomains: readonly string[]
    /** The app is the emulator's demo app (its secret is public). */
    demoApp: boolean
  }
}

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
  /** The dev integration, once it runs on a dev server. */
  dev?: DevBannerInput
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

function devLines(dev: DevBannerInput): string[] {
  const { mode, authBase, appid, appUrl, emulator } = dev
  const routes = line('Auth routes', `${authBase}/state, /callback, /exchange, /session, /logout (on this server)`)
  if (!emulator) {
    return [
      line('Mode', `real WeChat · AppID ${appid}; the AppSecret stays on this server`),
      routes,
      ...(appUrl ? [line('Open the app at', `${appUrl}/ (the login's cookies belong to the tunnel's host, not to localhost)`)] : []),
    ]
  }
  const { port } = new URL(emulator.url)
  const phones = emulator.publicUrl
    ? `${emulator.publicUrl}/connect/confirm?uuid=… (the QR's link, ${emulator.lan ? 'for phones on the same network' : 'through your tunnel'})`
    : 'none: set a tunnel URL (WECHAT_TUNNEL_URL=https://…) or dev.emulator.lan for a real phone'
  return [
    line('Mode', `${mode}: offline login with fake users (set ${DEV_ENV_NAMES.appid} and ${DEV_ENV_NAMES.secret} for the real WeChat)`),
    line('Emulator', `${emulator.url}${emulator.busyPort ? ` (port ${emulator.busyPort} was taken)` : ''}; pages on 127.0.0.1 get http://localhost:${port}, another site as WeChat is`),
    line('Phone page', `${emulator.url}/connect/confirm?uuid=… (“打开手机页” under each QR opens it)`),
    line('Phones', phones),
    line('App', `${appid}${emulator.demoApp ? ' (the emulator\'s demo app; its secret is public)' : ''}, callback domains ${emulator.callbackDomains.join(', ')}`),
    routes,
  ]
}

/**
 * Builds the banner printed after Vite's own URLs: how the dev server logs in (emulator or
 * WeChat), where the tunnel must point, the callback domain to enter in the WeChat console, and
 * why WeChat would reject the redirect. Returns `undefined` when nothing WeChat-related is
 * configured, so plain `vite dev` stays quiet.
 */
export function createBanner(input: BannerInput): Banner | undefined {
  const { localUrl, tunnels, allowedHosts, allowAllHosts, callbackDomain, dev } = input
  const redirectUri = input.redirectUri ?? dev?.redirectUri
  const tunnelConfigured = tunnels.length > 0 || allowedHosts.length > 0 || allowAllHosts || !!callbackDomain || !!redirectUri
  if (!tunnelConfigured && !dev)
    return undefined
  const lines = ['  ➜  WeChat login (wechat-qr-login)', ...(dev ? devLines(dev) : [])]
  if (!tunnelConfigured)
    return { lines, warnings: [] }

  const exact = tunnels.filter(tunnel => !tunnel.host.startsWith('.'))
  const [primary] = exact
  const primaryUrl = primary?.origin ?? primary?.host
  const localHost = localUrl ? new URL(localUrl).host : undefined
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
