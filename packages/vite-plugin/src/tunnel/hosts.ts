import { invalidOption } from '@wechat-qr-login/core/internal'

/** A tunnel provider whose shared domains can be allowed as a whole, as an opt-in. */
export type TunnelPreset = 'natapp' | 'ngrok' | 'cloudflared' | 'localtunnel'

/**
 * The domain suffixes each provider hands out. A suffix trusts the provider's DNS, not just your
 * tunnel, so it is opt-in; an exact tunnel hostname is always the safer choice. natapp's paid
 * domains (`natapp1.cc`, `natapp4.cc`) are observed in public code, not documented by natapp.
 * frp and named Cloudflare tunnels use your own domain: list it exactly instead.
 */
export const TUNNEL_PRESETS: Readonly<Record<TunnelPreset, readonly string[]>> = Object.freeze({
  natapp: ['.natappfree.cc', '.natapp1.cc', '.natapp4.cc'],
  ngrok: ['.ngrok-free.app', '.ngrok-free.dev', '.ngrok.app', '.ngrok.dev', '.ngrok.io'],
  cloudflared: ['.trycloudflare.com'],
  localtunnel: ['.loca.lt'],
})

/** Free domains that change each time the tunnel starts (natapp free, quick tunnels, localtunnel). */
export const ROTATING_TUNNEL_SUFFIXES: readonly string[] = ['.natappfree.cc', '.trycloudflare.com', '.loca.lt']

/** Free tunnels that put a click-through page in front of browser traffic, WeChat's redirect included. */
export const INTERSTITIAL_TUNNEL_SUFFIXES: readonly string[] = ['.ngrok-free.app', '.ngrok-free.dev', '.loca.lt']

/**
 * Environment variables read for tunnel hosts, comma-separated hostnames or URLs. Both names
 * are accepted because people think of a tunnel as either; the URL one comes first.
 */
export const TUNNEL_ENV_NAMES = ['WECHAT_TUNNEL_URL', 'WECHAT_TUNNEL_HOST'] as const

/** One configured tunnel, normalised for `allowedHosts`. */
export interface TunnelHost {
  /** The `allowedHosts` entry: an exact lower-case hostname, or `.suffix` for a whole domain. */
  host: string
  /** The tunnel's origin (`https://abc.natapp4.cc`) when it was given as a URL; a bare host has none. */
  origin?: string
  /** The port of a bare `host:port` (a URL keeps its port in `origin`). */
  port?: string
  /** Where the entry came from: the option or environment variable name. */
  source: string
}

/** Tunnel hosts from every source, in order, with the warnings their normalisation produced. */
export interface ResolvedTunnelHosts {
  /** Every tunnel entry: environment variables first, then the `tunnel` option. */
  tunnels: TunnelHost[]
  /** Deduplicated `allowedHosts` entries: the tunnels, then the preset suffixes. */
  allowedHosts: string[]
  warnings: string[]
}

// Vite skips `__VITE_ADDITIONAL_SERVER_ALLOWED_HOSTS` for the same characters; whitespace inside
// an entry is always a typo.
const RESERVED_CHARACTERS = /["'\\\s]/
const SCHEME = /^[a-z][a-z\d+.-]*:\/\//i
const HOSTNAME = /^[\w-]+(?:\.[\w-]+)*$/
const IPV6 = /^\[[\da-f:.]+\]$/

/**
 * Turns a hostname, `host:port`, URL, `.suffix` or `*.suffix` into an `allowedHosts` entry:
 * lower case, no scheme, port or path, because Vite compares bare hostnames case-sensitively and
 * has no `*` glob (`'*.ngrok.io'` never matches anything). The origin of a URL and the port of a
 * `host:port` are kept for the start-up checks.
 * @throws {WechatLoginError} `INVALID_TUNNEL_HOST`
 */
export function normalizeTunnelHost(value: string, source: string): { tunnel: TunnelHost, warning?: string } {
  const trimmed = value.trim()
  const shown = trimmed.length <= 100 ? `"${trimmed}"` : 'the value'
  const example = 'write a hostname such as "abc.natapp4.cc", a URL such as "https://abc.natapp4.cc", or a provider suffix such as ".natappfree.cc"'
  if (!trimmed)
    throw invalidOption(source, `it is empty; ${example}.`, 'INVALID_TUNNEL_HOST')
  if (RESERVED_CHARACTERS.test(trimmed))
    throw invalidOption(source, `${shown} contains a quote, backslash or space; ${example}.`, 'INVALID_TUNNEL_HOST')

  let warning: string | undefined
  let entry = trimmed
  if (entry.startsWith('*.')) {
    entry = entry.slice(1)
    warning = `"${trimmed}" in "${source}" was read as "${entry.toLowerCase()}": allowedHosts has no "*" glob, a leading "." allows the domain and all its subdomains. Write "${entry.toLowerCase()}" to silence this warning.`
  }
  if (entry.includes('*'))
    throw invalidOption(source, `${shown} contains "*", but allowedHosts has no glob; ${example}.`, 'INVALID_TUNNEL_HOST')

  const isSuffix = entry.startsWith('.')
  const body = isSuffix ? entry.slice(1) : entry
  const hasScheme = SCHEME.test(body)
  let url: URL | undefined
  try {
    url = new URL(hasScheme ? body : `http://${body}`)
  }
  catch {}
  if (!url || (hasScheme && url.protocol !== 'http:' && url.protocol !== 'https:') || (isSuffix && hasScheme))
    throw invalidOption(source, `${shown} is not a hostname or an http(s) URL; ${example}.`, 'INVALID_TUNNEL_HOST')

  const hostname = url.hostname.replace(/\.$/, '')
  if (!HOSTNAME.test(hostname) && !IPV6.test(hostname))
    throw invalidOption(source, `${shown} is not a hostname or an http(s) URL; ${example}.`, 'INVALID_TUNNEL_HOST')
  if (isSuffix && !hostname.includes('.')) {
    throw invalidOption(source, `".${hostname}" would allow every site under a top-level domain, and any of them could reach your dev server by DNS rebinding. Use your exact tunnel host, or a provider suffix such as ".natappfree.cc".`, 'INVALID_TUNNEL_HOST')
  }

  const tunnel: TunnelHost = isSuffix
    ? { host: `.${hostname}`, source }
    : { host: hostname, ...(hasScheme ? { origin: url.origin } : url.port ? { port: url.port } : {}), source }
  return warning ? { tunnel, warning } : { tunnel }
}

/** Splits comma-separated values, dropping blanks (`"a.cc, b.cc,"` → two entries). */
export function splitList(value: string | undefined): string[] {
  return (value ?? '').split(',').map(item => item.trim()).filter(Boolean)
}

/**
 * Adds the tunnel hosts of the environment (`WECHAT_TUNNEL_URL`, then `WECHAT_TUNNEL_HOST`) to the
 * already normalised `tunnel` option entries, and the preset suffixes after them. Environment
 * entries come first so that a developer's own tunnel leads the banner over a team default
 * committed in the config.
 * @throws {WechatLoginError} `INVALID_TUNNEL_HOST`
 */
export function resolveTunnelHosts(input: {
  optionTunnels: readonly TunnelHost[]
  presets: readonly TunnelPreset[]
  env: Readonly<Record<string, string | undefined>>
}): ResolvedTunnelHosts {
  const { optionTunnels, presets, env } = input
  const tunnels: TunnelHost[] = []
  const warnings: string[] = []
  for (const source of TUNNEL_ENV_NAMES) {
    for (const value of splitList(env[source])) {
      const normalized = normalizeTunnelHost(value, source)
      tunnels.push(normalized.tunnel)
      if (normalized.warning)
        warnings.push(normalized.warning)
    }
  }
  tunnels.push(...optionTunnels)
  const allowedHosts = [...new Set([...tunnels.map(t => t.host), ...presets.flatMap(preset => TUNNEL_PRESETS[preset])])]
  return { tunnels, allowedHosts, warnings }
}

/** How a tunnel is shown and checked: its origin, else `host[:port]`. */
export function tunnelAddress({ host, origin, port }: TunnelHost): string {
  return origin ?? (port ? `${host}:${port}` : host)
}

/** Whether `hostname` is `domain` itself or under it. */
export function isUnderDomain(hostname: string, domain: string): boolean {
  return hostname === domain || hostname.endsWith(`.${domain}`)
}

/** Whether `hostname` passes one of the `allowedHosts` entries (an exact host, or a `.suffix` domain), as Vite matches them. */
export function isAllowedHost(hostname: string, allowedHosts: readonly string[]): boolean {
  return allowedHosts.some(entry => entry === hostname || (entry.startsWith('.') && isUnderDomain(hostname, entry.slice(1))))
}

/** Whether `hostname` is on one of the given `.suffix` domains. */
export function isOnSuffix(hostname: string, suffixes: readonly string[]): boolean {
  return suffixes.some(suffix => isUnderDomain(hostname, suffix.slice(1)))
}

/**
 * The warning printed whenever the host check is turned off, by this package or by hand. It
 * names the setting in the user's own words (`server.allowedHosts: true`, `disableHostCheck:
 * true`, …) and the factory whose `tunnel` option is the safe alternative.
 */
export function allowAllHostsWarning(setting: string, factory = 'wechatQrLogin'): string {
  return `${setting} turns off the Host check: any website you visit can read your dev server (source code, env values, proxied APIs) through DNS rebinding, even when no tunnel is running. List your tunnel instead: ${factory}({ tunnel: 'https://abc.natapp4.cc' }), WECHAT_TUNNEL_URL, or an opt-in provider suffix with tunnelPresets.`
}
