import type { WechatAuthOptions, WechatOfficialAccountOptions } from '@wechat-qr-login/server'
import type { ResolvedDevOptions, ResolvedEmulatorSettings } from '../options'
import type { ResolvedTunnelHosts, TunnelHost } from '../tunnel/hosts'
import { randomBytes } from 'node:crypto'
import { basename } from 'node:path'
import { assertAppid } from '@wechat-qr-login/core'
import { invalidOption } from '@wechat-qr-login/core/internal'

/** Where the dev integration logs in: the local emulator, or the real WeChat. */
export type WechatQrLoginDevMode = 'emulator' | 'wechat'

/** The environment variables of the dev integration. None has a client prefix. */
export const DEV_ENV_NAMES = Object.freeze({
  appid: 'WECHAT_APPID',
  secret: 'WECHAT_APPSECRET',
  sessionSecret: 'WECHAT_SESSION_SECRET',
  /** The Official Account that logs users in inside WeChat. */
  officialAccountAppid: 'WECHAT_OA_APPID',
  officialAccountSecret: 'WECHAT_OA_APPSECRET',
  /** The path (from the project root) of the 网页授权域名's verification file, `MP_verify_….txt`. */
  verificationFile: 'WECHAT_OA_VERIFY_FILE',
} as const)

/**
 * The path prefix of the dev server under which phones reach the emulator's phone page through
 * a tunnel (the QR then encodes `https://{tunnel}/__wechat-emulator/connect/confirm?uuid=…`).
 */
export const EMULATOR_PROXY_PREFIX = '/__wechat-emulator'

/**
 * The dev-only cookie that makes a desktop browser WeChat's in-app browser to the emulator: the
 * Official Account pages reached through `/__wechat-emulator/` get the user agent it names (a
 * `WechatUserAgentName` such as `wechatIos`) instead of the browser's.
 */
export const EMULATOR_USER_AGENT_COOKIE = 'wechat_emulator_ua'

/**
 * Seals emulator sessions. Fixed so that a fake login survives a restart of the dev server; it
 * protects nothing real (fake users, a public demo secret), and real-WeChat mode never uses it.
 */
const EMULATOR_SESSION_SECRET = 'wechat-qr-login dev only: emulator sessions of fake users'

const MIN_SESSION_SECRET_LENGTH = 32

/**
 * What the emulator of a dev server runs with. Plain data, decided without loading the emulator:
 * the demo app it stands for comes with the emulator, when the first request needs it.
 */
export interface DevEmulatorPlan {
  settings: ResolvedEmulatorSettings
  /**
   * The callback domains of the demo app (used when the options list no `apps`): `localhost`,
   * `127.0.0.1` (the tunnel binding), each exact tunnel host, and the domain of each `.suffix`
   * entry (a provider preset), whose hosts are only known per request.
   */
  callbackDomains: string[]
  /** A `.suffix` entry is configured: the emulator accepts subdomains of the callback domains. */
  allowSubdomains: boolean
  /** The phones' base URL through the tunnel, when a tunnel URL is known. */
  tunnelPublicUrl: string | undefined
  /**
   * The tunnels' `allowedHosts` entries (exact hosts and `.suffix` entries): a login on a page
   * opened through one of them gives phones that host's way to the emulator.
   */
  tunnelHosts: string[]
  /**
   * The 网页授权域名 of the emulated Official Account beside the dev server's own host: the first
   * tunnel host, else the domain of the first `.suffix` entry (WeChat registers two at most).
   */
  tunnelWebAuthDomain: string | undefined
}

/** The 网页授权域名's verification file, when one is configured: its name, and where its content comes from. */
export type DevVerificationFile = { name: string, path: string } | { name: string, content: string }

/** The dev integration in emulator mode: the app and its secret come with the emulator. */
export interface EmulatorDevPlan {
  mode: 'emulator'
  authBase: string
  /**
   * Options of the server handler, except the app's `appid` and `secret`, `openBase`, `apiBase`
   * and the Official Account, which come with the emulator.
   */
  auth: Omit<WechatAuthOptions, 'appid' | 'secret' | 'officialAccount'>
  emulator: DevEmulatorPlan
  verificationFile: DevVerificationFile | undefined
  /** Printed through Vite's logger at start-up. */
  warnings: string[]
}

/** The dev integration with the real WeChat. */
export interface WechatDevPlan {
  mode: 'wechat'
  authBase: string
  /** Options of the server handler; the verification file is read at start. */
  auth: WechatAuthOptions
  verificationFile: DevVerificationFile | undefined
  /** Printed through Vite's logger at start-up. */
  warnings: string[]
}

/** How the dev integration runs, decided once per start from the options and the environment. */
export type DevPlan = EmulatorDevPlan | WechatDevPlan

/** What {@link planDev} decides from. */
export interface DevPlanInput {
  dev: ResolvedDevOptions
  /** Vite's `.env` files and the environment, every prefix (see `loadPluginEnv`). */
  env: Readonly<Record<string, string | undefined>>
  /** The configured tunnels (exact hosts and `.suffix` entries) and every `allowedHosts` entry, presets included. */
  tunnels: ResolvedTunnelHosts
  /** `allowAllHosts`: requests may come through any host. */
  allowAllHosts: boolean
  /** The plugin's `redirectUri` option. */
  redirectUri: string | undefined
}

function present(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim()
}

function sessionSecretFrom(env: DevPlanInput['env']): string | undefined {
  const value = present(env[DEV_ENV_NAMES.sessionSecret])
  if (value !== undefined && value.length < MIN_SESSION_SECRET_LENGTH)
    throw invalidOption(DEV_ENV_NAMES.sessionSecret, `it seals the session cookies and needs at least ${MIN_SESSION_SECRET_LENGTH} characters. Generate one with \`openssl rand -base64 32\` and put it in .env.local.`)
  return value
}

// What WeChat's 授权回调域 field takes, and the emulator checks alike: DNS labels of letters,
// digits and inner hyphens. `allowedHosts` and browsers accept more, such as "_".
const CALLBACK_DOMAIN = /^(?:[a-z\d](?:[a-z\d-]*[a-z\d])?\.)*[a-z\d](?:[a-z\d-]*[a-z\d])?$/i

function assertCallbackDomain({ host, source }: TunnelHost): void {
  if (CALLBACK_DOMAIN.test(host))
    return
  const shown = host.length <= 100 ? `"${host}"` : 'the host'
  const fix = host.includes('_')
    ? `Rename the tunnel's subdomain without "_" (e.g. "${host.replaceAll('_', '-')}") and update "${source}"`
    : `Use a tunnel with a hostname and update "${source}"`
  throw invalidOption(source, `${shown} is not a valid hostname, so it cannot be the callback domain. WeChat's 授权回调域, which the emulator checks the same way, must be a hostname of letters, digits, "-" and "." only${host.includes('_') ? ' (no "_")' : ''}. ${fix}, or list your own apps in "dev.emulator.apps".`, 'INVALID_TUNNEL_HOST')
}

function planEmulator(settings: ResolvedEmulatorSettings, { tunnels, allowedHosts }: ResolvedTunnelHosts): DevEmulatorPlan {
  const exact = tunnels.filter(tunnel => !tunnel.host.startsWith('.'))
  if (settings.options.apps === undefined)
    exact.forEach(assertCallbackDomain)
  const suffixDomains = allowedHosts.filter(host => host.startsWith('.')).map(suffix => suffix.slice(1))
  const tunnelOrigin = exact.find(tunnel => tunnel.origin !== undefined)?.origin
  return {
    settings,
    // The app is reached as localhost, as 127.0.0.1 (the tunnel binding) and through each tunnel.
    callbackDomains: [...new Set(['localhost', '127.0.0.1', ...exact.map(tunnel => tunnel.host), ...suffixDomains])],
    allowSubdomains: suffixDomains.length > 0,
    tunnelPublicUrl: tunnelOrigin === undefined ? undefined : `${tunnelOrigin}${EMULATOR_PROXY_PREFIX}`,
    tunnelHosts: allowedHosts,
    tunnelWebAuthDomain: exact[0]?.host ?? suffixDomains[0],
  }
}

/**
 * The verification file: the server option's, else the file `WECHAT_OA_VERIFY_FILE` names (read
 * when the dev integration starts). The file name is what the 公众平台 checks, so the path's
 * last segment is served.
 */
function verificationFileFrom(officialAccount: Partial<WechatOfficialAccountOptions> | undefined, env: DevPlanInput['env']): DevVerificationFile | undefined {
  if (officialAccount?.verificationFile)
    return officialAccount.verificationFile
  const path = present(env[DEV_ENV_NAMES.verificationFile])
  return path === undefined ? undefined : { name: basename(path), path }
}

/** The Official Account of real-WeChat mode: `dev.server.officialAccount`, else `WECHAT_OA_APPID` + `WECHAT_OA_APPSECRET`. */
function officialAccountFrom(server: ResolvedDevOptions['server'], env: DevPlanInput['env'], warnings: string[]): WechatOfficialAccountOptions | undefined {
  if (server.officialAccount)
    return server.officialAccount
  const appid = present(env[DEV_ENV_NAMES.officialAccountAppid])
  const secret = present(env[DEV_ENV_NAMES.officialAccountSecret])
  if (appid !== undefined && secret !== undefined)
    return { appid, secret }
  if (appid !== undefined || secret !== undefined) {
    const [set, missing] = appid === undefined ? [DEV_ENV_NAMES.officialAccountSecret, DEV_ENV_NAMES.officialAccountAppid] : [DEV_ENV_NAMES.officialAccountAppid, DEV_ENV_NAMES.officialAccountSecret]
    warnings.push(`${set} is set but ${missing} is not, so no Official Account logs users in inside WeChat. Set both.`)
  }
  return undefined
}

/**
 * Decides the dev integration's mode and the server handler's options. Real WeChat when an
 * AppID and an AppSecret are given (`WECHAT_APPID` + `WECHAT_APPSECRET`, or `dev.server`), the
 * emulator otherwise. Inside WeChat, the emulator's Official Account, or in real-WeChat mode the
 * one given (`WECHAT_OA_APPID` + `WECHAT_OA_APPSECRET`, or `dev.server.officialAccount`). The
 * secrets go to the server handler only.
 * @throws {WechatLoginError} `INVALID_OPTION` for `emulator: false` without credentials or a short
 *   `WECHAT_SESSION_SECRET`, `INVALID_APPID` for a malformed `WECHAT_APPID`.
 */
export function planDev(input: DevPlanInput): DevPlan {
  const { dev, env, tunnels, allowAllHosts, redirectUri } = input
  const { authBase, server } = dev
  const warnings: string[] = []
  const appid = present(server.appid) ?? present(env[DEV_ENV_NAMES.appid])
  const secret = present(server.secret) ?? present(env[DEV_ENV_NAMES.secret])
  // Requests through a tunnel, presets included, say where the browser is in X-Forwarded-*.
  const trustProxy = tunnels.allowedHosts.length > 0 || allowAllHosts
  const exact = tunnels.tunnels.filter(tunnel => !tunnel.host.startsWith('.'))

  if (appid === undefined || secret === undefined) {
    if (dev.emulator === false)
      throw invalidOption('dev.emulator', `with the emulator turned off, the dev server logs in with the real WeChat and needs ${DEV_ENV_NAMES.appid} and ${DEV_ENV_NAMES.secret} (in .env.local, never with a VITE_ prefix). Set both, or remove "emulator: false" to log in offline.`)
    if (appid !== undefined || secret !== undefined) {
      const [set, missing] = appid === undefined ? [DEV_ENV_NAMES.secret, DEV_ENV_NAMES.appid] : [DEV_ENV_NAMES.appid, DEV_ENV_NAMES.secret]
      warnings.push(`${set} is set but ${missing} is not, so the dev server logs in through the emulator. Set both for the real WeChat.`)
    }
    // A lone appid or secret belongs to the real app, not to the emulator's; so does an Official Account.
    const { appid: _appid, secret: _secret, officialAccount, ...serverOptions } = server
    if (present(env[DEV_ENV_NAMES.officialAccountAppid]) !== undefined || officialAccount !== undefined)
      warnings.push(`An Official Account is configured but ${DEV_ENV_NAMES.appid} and ${DEV_ENV_NAMES.secret} are not, so the dev server logs in through the emulator, inside WeChat with the emulator's Official Account. Set both for the real WeChat.`)
    return {
      mode: 'emulator',
      authBase,
      auth: {
        sessionSecret: sessionSecretFrom(env) ?? EMULATOR_SESSION_SECRET,
        basePath: authBase,
        trustProxy,
        ...serverOptions,
      },
      emulator: planEmulator(dev.emulator, tunnels),
      verificationFile: verificationFileFrom(officialAccount, env),
      warnings,
    }
  }

  assertAppid(appid, present(server.appid) === undefined ? DEV_ENV_NAMES.appid : 'dev.server.appid')
  let sessionSecret = server.sessionSecret ?? sessionSecretFrom(env)
  if (sessionSecret === undefined) {
    sessionSecret = randomBytes(32).toString('base64url')
    warnings.push(`${DEV_ENV_NAMES.sessionSecret} is not set, so a random session secret was generated: sessions end when the dev server restarts. Put one of at least ${MIN_SESSION_SECRET_LENGTH} characters in .env.local (\`openssl rand -base64 32\`).`)
  }
  const tunnelOrigin = exact.find(tunnel => tunnel.origin !== undefined)?.origin
  const fixedRedirectUri = server.redirectUri ?? redirectUri ?? (tunnelOrigin === undefined ? undefined : `${tunnelOrigin}${authBase}/callback`)
  if (fixedRedirectUri === undefined) {
    if (exact[0])
      warnings.push(`The tunnel "${exact[0].host}" was given without a scheme, so the redirect URI is derived from each request (through the tunnel's X-Forwarded-Proto). Give it as a URL, e.g. WECHAT_TUNNEL_URL=https://${exact[0].host}, to pin it.`)
    else if (trustProxy)
      warnings.push(`Real WeChat (${DEV_ENV_NAMES.appid} and ${DEV_ENV_NAMES.secret} are set) with tunnel hosts known only per request (tunnelPresets): the redirect URI is derived from the host each request comes through, and WeChat accepts only the exact host registered as 授权回调域. Register your tunnel's host and give it as WECHAT_TUNNEL_URL=https://<your tunnel host> to pin the redirect URI.`)
    else
      warnings.push(`Real WeChat (${DEV_ENV_NAMES.appid} and ${DEV_ENV_NAMES.secret} are set) but no tunnel: WeChat only redirects to the 授权回调域 registered for your website app, never to localhost. Set WECHAT_TUNNEL_URL=https://<your tunnel host> (and register that host), or unset ${DEV_ENV_NAMES.appid} to log in through the emulator.`)
  }
  const officialAccount = officialAccountFrom(server, env, warnings)
  const verificationFile = verificationFileFrom(officialAccount, env)
  if (verificationFile && !officialAccount)
    warnings.push(`${DEV_ENV_NAMES.verificationFile} is set but no Official Account is, so the file is not served. Set ${DEV_ENV_NAMES.officialAccountAppid} and ${DEV_ENV_NAMES.officialAccountSecret}.`)
  return {
    mode: 'wechat',
    authBase,
    auth: {
      appid,
      secret,
      sessionSecret,
      basePath: authBase,
      trustProxy,
      ...(fixedRedirectUri === undefined ? {} : { redirectUri: fixedRedirectUri }),
      ...server,
      ...(officialAccount ? { officialAccount } : {}),
    },
    verificationFile: officialAccount ? verificationFile : undefined,
    warnings,
  }
}
