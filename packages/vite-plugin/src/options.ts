import type { WechatEmulatorOptions } from '@wechat-qr-login/emulator'
import type { WechatAuthOptions } from '@wechat-qr-login/server'
import type { TunnelHost, TunnelPreset } from './tunnel/hosts'
import { assertBoolean, assertRedirectUri } from '@wechat-qr-login/core'
import { DEFAULT_EMULATOR_PORT, invalidOption } from '@wechat-qr-login/core/internal'
import { DEFAULT_SECRET_NAMES } from './secret-guard/secret-guard'
import { normalizeTunnelHost, TUNNEL_PRESETS } from './tunnel/hosts'

/**
 * HMR WebSocket settings for unusual tunnel setups. Vite infers `wss://<tunnel host>/` from the
 * page's own URL, so a plain tunnel needs none of these; each one set here applies to every
 * visitor, `localhost` included. Written to `server.ws` on Vite 8.1+ and `server.hmr` before.
 */
export interface WechatQrLoginHmrOptions {
  /**
   * Port the browser connects to, when it differs from the page's port. Setting it turns off
   * Vite's fallback to a direct `localhost` connection.
   * @default the page's port
   */
  clientPort?: number
  /**
   * `'wss'` for an https tunnel. Never `'ws'` with an https tunnel: browsers block it as mixed
   * content.
   * @default 'wss' on https pages, 'ws' on http pages
   */
  protocol?: 'ws' | 'wss'
  /**
   * Hostname the browser connects to. Vite also allows it as a Host.
   * @default the page's hostname
   */
  host?: string
  /**
   * WebSocket path, joined to `base`, for proxies that route HMR by path.
   * @default '/'
   */
  path?: string
}

/** What the secret guard treats as a secret. */
export interface SecretGuardOptions {
  /**
   * Patterns of environment variable names that hold secrets. A matching variable must not be
   * exposed to client code (through `envPrefix`, e.g. `VITE_`), and its value must not appear in
   * any client output file.
   * @default [/secret/i]
   */
  names?: RegExp[]
  /**
   * Further secret values that must never appear in client output, whatever their variable name.
   * @default []
   */
  values?: string[]
}

/** The emulator that the dev integration starts while no WeChat credentials are set. */
export interface WechatQrLoginEmulatorOptions extends WechatEmulatorOptions {
  /**
   * Port of the emulator on `127.0.0.1`. When it is taken, a free port is used and printed.
   * @default 4399
   */
  port?: number
  /**
   * Listen on every interface and put this machine's LAN address in the QR
   * (`http://192.168.x.y:4399/connect/confirm?uuid=…`), so that a phone on the same Wi-Fi can
   * open the phone page. Anyone on your network can then reach the emulator (fake users only).
   * @default false
   */
  lan?: boolean
}

/**
 * The dev integration: the auth routes of `@wechat-qr-login/server` on the dev server, talking to
 * a local emulator of WeChat (offline, fake users, with its demo Official Account for the login
 * inside WeChat) or, when `WECHAT_APPID` and `WECHAT_APPSECRET` are set, to the real WeChat
 * (inside WeChat with `WECHAT_OA_APPID` and `WECHAT_OA_APPSECRET`).
 */
export interface WechatQrLoginDevOptions {
  /**
   * The emulator used while no credentials are set: `true`, its options, or `false` to require
   * real WeChat credentials (the dev server then refuses to start without them).
   * @default true
   */
  emulator?: boolean | WechatQrLoginEmulatorOptions
  /**
   * Where the auth routes (`/state`, `/callback`, `/exchange`, `/session`, `/logout`) are
   * mounted on the dev server.
   * @default '/auth/wechat'
   */
  authBase?: string
  /**
   * Options of the server handler over the plugin's own (e.g. `returnPaths`, `cookie`,
   * `onLogin`). `appid` and `secret` here select real WeChat like the environment variables do;
   * `officialAccount` there is the one `WECHAT_OA_APPID` and `WECHAT_OA_APPSECRET` give.
   * @default {}
   */
  server?: Partial<Omit<WechatAuthOptions, 'basePath'>>
}

/** Options of {@link wechatQrLogin}. Every field is optional. */
export interface WechatQrLoginOptions {
  /**
   * Your tunnel's public hostname(s) or URL(s), e.g. `'https://abc.natapp4.cc'` or
   * `['abc.natappfree.cc', 'my-app.ngrok-free.app']`. Each becomes an exact entry of
   * `server.allowedHosts` and `preview.allowedHosts`. `WECHAT_TUNNEL_URL` and
   * `WECHAT_TUNNEL_HOST` (comma-separated, from `.env` files or the environment) add to it.
   * @default []
   */
  tunnel?: string | string[]
  /**
   * Allow every subdomain of a provider's shared domains, for tunnels whose hostname changes on
   * each start. This trusts the provider's DNS: prefer `tunnel` with your exact hostname.
   * `natapp`: `.natappfree.cc`, `.natapp1.cc`, `.natapp4.cc`; `ngrok`: `.ngrok-free.app`,
   * `.ngrok-free.dev`, `.ngrok.app`, `.ngrok.dev`, `.ngrok.io`; `cloudflared`:
   * `.trycloudflare.com`; `localtunnel`: `.loca.lt`.
   * @default []
   */
  tunnelPresets?: TunnelPreset[]
  /**
   * Turn Vite's Host check off (`allowedHosts: true`), like webpack's `disableHostCheck: true`.
   * Dangerous: any website can then read your dev server through DNS rebinding. Prints a warning
   * on every start.
   * @default false
   */
  allowAllHosts?: boolean
  /**
   * HMR WebSocket settings for unusual tunnel setups; leave unset for a plain tunnel.
   * @default undefined (Vite infers the WebSocket URL from the page)
   */
  hmr?: WechatQrLoginHmrOptions
  /**
   * Address the dev server binds to, used only when `server.host` is not set. With a tunnel the
   * default is IPv4 loopback, because Vite's default `localhost` may bind only `::1` while tunnel
   * clients dial `127.0.0.1` (a 502 from the tunnel). `false` leaves Vite's default.
   * @default '127.0.0.1' while a tunnel is configured, otherwise Vite's default
   */
  host?: string | false
  /**
   * Exit instead of moving to the next port when the port is taken, used only when
   * `server.strictPort` is not set: a tunnel forwards to one fixed local port.
   * @default true while a tunnel is configured, otherwise Vite's default
   */
  strictPort?: boolean
  /**
   * The 授权回调域 (authorization callback domain) registered for your website app in the WeChat
   * Open Platform console, e.g. `'abc.natapp4.cc'`. Only used for the start-up checks.
   * @default undefined (the banner suggests your tunnel's hostname)
   */
  callbackDomain?: string
  /**
   * The `redirect_uri` your app sends to WeChat, e.g.
   * `'https://abc.natapp4.cc/auth/wechat/callback'`. Used for the start-up checks, and by the dev
   * integration in real-WeChat mode.
   * @default undefined (real-WeChat mode: `{tunnel URL}{authBase}/callback`)
   */
  redirectUri?: string
  /**
   * Fail the build (and the dev server start) when the AppSecret, or any variable named like a
   * secret, could reach client code. `false` turns the guard off.
   * @default true
   */
  secretGuard?: boolean | SecretGuardOptions
  /**
   * Log in end to end in `vite dev`: mounts the auth routes on the dev server and starts a local
   * WeChat emulator, or uses the real WeChat when `WECHAT_APPID` and `WECHAT_APPSECRET` are set.
   * Also provides `virtual:wechat-qr-login` (appid, openBase, redirect URI; never the secret).
   * `false` for apps whose own backend serves the login.
   * @default true
   */
  dev?: boolean | WechatQrLoginDevOptions
}

/** The emulator settings after defaults. */
export interface ResolvedEmulatorSettings {
  options: WechatEmulatorOptions
  port: number
  lan: boolean
}

/** The dev integration's options after defaults and checks. */
export interface ResolvedDevOptions {
  emulator: ResolvedEmulatorSettings | false
  authBase: string
  server: Partial<Omit<WechatAuthOptions, 'basePath'>>
}

/** The options with defaults applied and every value checked, computed once per plugin. */
export interface ResolvedWechatQrLoginOptions {
  /** The `tunnel` option's entries, normalised. Environment entries join in the `config` hook. */
  optionTunnels: TunnelHost[]
  /** Warnings from normalising the `tunnel` option, printed through Vite's logger. */
  warnings: string[]
  tunnelPresets: TunnelPreset[]
  allowAllHosts: boolean
  hmr: WechatQrLoginHmrOptions | undefined
  host: string | false | undefined
  strictPort: boolean | undefined
  callbackDomain: string | undefined
  redirectUri: string | undefined
  secretGuard: Required<SecretGuardOptions> | false
  dev: ResolvedDevOptions | false
}

function assertStringList(value: unknown, option: string, hint: string): asserts value is string[] {
  if (!Array.isArray(value) || value.some(item => typeof item !== 'string'))
    throw invalidOption(option, hint)
}

/**
 * Checks the tunnel-related options shared by the Vite plugin and the webpack-dev-server helper.
 * @throws {WechatLoginError} `INVALID_OPTION`, `INVALID_TUNNEL_HOST`
 */
export function resolveTunnelOptions(options: Pick<WechatQrLoginOptions, 'tunnel' | 'tunnelPresets' | 'allowAllHosts'>): Pick<ResolvedWechatQrLoginOptions, 'optionTunnels' | 'warnings' | 'tunnelPresets' | 'allowAllHosts'> {
  const { tunnel = [], tunnelPresets = [], allowAllHosts = false } = options
  const tunnelList = typeof tunnel === 'string' ? [tunnel] : tunnel
  assertStringList(tunnelList, 'tunnel', 'expected a hostname or URL, or an array of them, e.g. "https://abc.natapp4.cc".')
  const known = Object.keys(TUNNEL_PRESETS).map(name => `"${name}"`).join(', ')
  assertStringList(tunnelPresets, 'tunnelPresets', `expected an array of ${known}.`)
  const unknown = tunnelPresets.find(preset => !Object.hasOwn(TUNNEL_PRESETS, preset))
  if (unknown !== undefined)
    throw invalidOption('tunnelPresets', `unknown preset${unknown.length <= 40 ? ` "${unknown}"` : ''}; use ${known}. frp and named Cloudflare tunnels use your own domain: put it in "tunnel".`)
  assertBoolean(allowAllHosts, 'allowAllHosts')

  const optionTunnels: TunnelHost[] = []
  const warnings: string[] = []
  for (const value of tunnelList) {
    const normalized = normalizeTunnelHost(value, 'tunnel')
    optionTunnels.push(normalized.tunnel)
    if (normalized.warning)
      warnings.push(normalized.warning)
  }
  return { optionTunnels, warnings, tunnelPresets: tunnelPresets as TunnelPreset[], allowAllHosts }
}

function resolveHmr(hmr: unknown): WechatQrLoginHmrOptions | undefined {
  if (hmr === undefined)
    return undefined
  if (typeof hmr !== 'object' || hmr === null)
    throw invalidOption('hmr', 'expected an object such as { protocol: \'wss\', clientPort: 443 }.')
  const { clientPort, protocol, host, path } = hmr as Record<string, unknown>
  if (clientPort !== undefined && !(Number.isInteger(clientPort) && (clientPort as number) > 0 && (clientPort as number) < 65536))
    throw invalidOption('hmr.clientPort', 'expected a port number from 1 to 65535, e.g. 443 for an https tunnel.')
  if (protocol !== undefined && protocol !== 'ws' && protocol !== 'wss')
    throw invalidOption('hmr.protocol', 'expected "wss" (https tunnels) or "ws".')
  if (host !== undefined && (typeof host !== 'string' || !host))
    throw invalidOption('hmr.host', 'expected a hostname such as "abc.natapp4.cc".')
  if (path !== undefined && (typeof path !== 'string' || !path.startsWith('/')))
    throw invalidOption('hmr.path', 'expected a path starting with "/", e.g. "/hmr".')
  return { ...(clientPort === undefined ? {} : { clientPort }), ...(protocol === undefined ? {} : { protocol }), ...(host === undefined ? {} : { host }), ...(path === undefined ? {} : { path }) } as WechatQrLoginHmrOptions
}

function resolveSecretGuard(secretGuard: unknown): Required<SecretGuardOptions> | false {
  if (secretGuard === false)
    return false
  if (secretGuard === true || secretGuard === undefined)
    return { names: [...DEFAULT_SECRET_NAMES], values: [] }
  if (typeof secretGuard !== 'object' || secretGuard === null)
    throw invalidOption('secretGuard', 'expected true, false, or { names?: RegExp[], values?: string[] }.')
  const { names = DEFAULT_SECRET_NAMES, values = [] } = secretGuard as SecretGuardOptions
  if (!Array.isArray(names) || names.some(name => !(name instanceof RegExp)))
    throw invalidOption('secretGuard.names', 'expected an array of regular expressions, e.g. [/secret/i, /password/i].')
  if (!Array.isArray(values) || values.some(value => typeof value !== 'string' || !value))
    throw invalidOption('secretGuard.values', 'expected an array of non-empty strings.')
  return { names: [...names], values: [...values] }
}

const AUTH_BASE_PATTERN = /^(?:\/[\w.~-]+)+$/

function resolveEmulator(emulator: unknown): ResolvedEmulatorSettings | false {
  if (emulator === false)
    return false
  if (emulator === true || emulator === undefined)
    return { options: {}, port: DEFAULT_EMULATOR_PORT, lan: false }
  if (typeof emulator !== 'object' || emulator === null)
    throw invalidOption('dev.emulator', 'expected true, false, or the emulator\'s options such as { port: 4399, lan: true }.')
  const { port = DEFAULT_EMULATOR_PORT, lan = false, ...options } = emulator as WechatQrLoginEmulatorOptions
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw invalidOption('dev.emulator.port', 'expected a port number from 0 (any free port) to 65535.')
  assertBoolean(lan, 'dev.emulator.lan')
  return { options, port, lan }
}

function resolveDev(dev: unknown): ResolvedDevOptions | false {
  if (dev === false)
    return false
  if (dev !== true && dev !== undefined && (typeof dev !== 'object' || dev === null))
    throw invalidOption('dev', 'expected true, false, or { emulator?, authBase?, server? }.')
  const { emulator, authBase = '/auth/wechat', server = {} } = (typeof dev === 'object' ? dev : {}) as WechatQrLoginDevOptions
  if (typeof authBase !== 'string' || !AUTH_BASE_PATTERN.test(authBase))
    throw invalidOption('dev.authBase', 'expected a path such as "/auth/wechat": a leading "/", no trailing "/", no query.')
  if (typeof server !== 'object' || server === null)
    throw invalidOption('dev.server', 'expected the server handler\'s options, e.g. { returnPaths: [\'/\'] }.')
  if ('basePath' in server)
    throw invalidOption('dev.server.basePath', 'set "dev.authBase" instead: the plugin mounts the routes and tells the client where they are.')
  return { emulator: resolveEmulator(emulator), authBase, server }
}

/**
 * Applies the defaults and checks every option once, so that a bad option fails before Vite
 * starts and says how to fix it.
 * @throws {WechatLoginError} `INVALID_OPTION`, `INVALID_TUNNEL_HOST`, `INVALID_REDIRECT_URI`
 */
export function resolveOptions(options: WechatQrLoginOptions = {}): ResolvedWechatQrLoginOptions {
  if (typeof options !== 'object' || options === null)
    throw invalidOption('options', 'expected an object, e.g. wechatQrLogin({ tunnel: \'https://abc.natapp4.cc\' }).')
  const { hmr, host, strictPort, callbackDomain, redirectUri, secretGuard, dev } = options
  const tunnelOptions = resolveTunnelOptions(options)
  if (host !== undefined && host !== false && (typeof host !== 'string' || !host))
    throw invalidOption('host', 'expected an address such as "127.0.0.1", or false for Vite\'s default.')
  if (strictPort !== undefined)
    assertBoolean(strictPort, 'strictPort')
  if (callbackDomain !== undefined && (typeof callbackDomain !== 'string' || !callbackDomain.trim()))
    throw invalidOption('callbackDomain', 'expected the domain registered as 授权回调域, e.g. "abc.natapp4.cc".')
  if (redirectUri !== undefined)
    assertRedirectUri(redirectUri, 'redirectUri')
  return {
    ...tunnelOptions,
    hmr: resolveHmr(hmr),
    host,
    strictPort,
    callbackDomain: callbackDomain?.trim(),
    redirectUri,
    secretGuard: resolveSecretGuard(secretGuard),
    dev: resolveDev(dev),
  }
}
