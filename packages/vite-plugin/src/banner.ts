import type { Logger } from 'vite'
import type { WechatQrLoginDevMode } from './dev/plan'
import type { TunnelHost } from './tunnel/hosts'
import { DOCS_URL, MESSAGE_PREFIX } from '@wechat-qr-login/core/internal'
import { DEV_ENV_NAMES, EMULATOR_USER_AGENT_COOKIE } from './dev/plan'
import { isOnSuffix, TUNNEL_ENV_NAMES, tunnelAddress } from './tunnel/hosts'
import { checkRedirectUri, isIpAddress, isLoopback } from './tunnel/redirect-check'

/** The variable the playground's README and the docs use for a developer's own tunnel. */
const [TUNNEL_URL_VARIABLE] = TUNNEL_ENV_NAMES

/** natapp's free tier: random hosts, plain http only. */
const NATAPP_FREE_SUFFIX = '.natappfree.cc'

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
    /** Subdomains of them too (a provider preset is configured). */
    subdomains: boolean
    /** The app is the emulator's demo app (its secret is public). */
    demoApp: boolean
  }
  /** The Official Account that logs users in inside WeChat, when there is one. */
  officialAccount?: {
    appid: string
    /** The emulator's demo test account (its secret is public). */
    demo: boolean
    /** Emulator mode: its 网页授权域名. */
    webAuthDomain: readonly string[]
    /** The name of the verification file the dev server serves. */
    verificationFile?: string | undefined
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

const CONSOLE_FIELD = '← 授权回调域 (your website app\'s 网站信息 in the WeChat Open Platform console)'
const WEB_AUTH_FIELD = '← 网页授权域名 (公众平台 → 设置与开发 → 账号设置 → 功能设置)'
/** The docs section on trying the login inside WeChat at a desktop. */
const AT_YOUR_DESK = `${DOCS_URL}guide/in-wechat#at-your-desk`

/** The example host of a provider suffix, e.g. `abc.natappfree.cc` for `.natappfree.cc`. */
function exampleHost(suffix: string): string {
  return `abc${suffix}`
}

/**
 * `tunnelHosts`: the tunnels known by host only (a bare hostname, a provider preset), whose
 * scheme and port come with each request: the QR of a page opened through one leads through it.
 */
function phonesLine(emulator: NonNullable<DevBannerInput['emulator']>, tunnelHosts: readonly string[]): string {
  if (emulator.publicUrl)
    return `scan the QR code: it opens ${emulator.publicUrl}/connect/confirm?uuid=… ${emulator.lan ? 'for a phone on the same Wi-Fi' : 'through your tunnel'}`
  if (tunnelHosts.length > 0)
    return `open your app through the tunnel (${tunnelHosts.join(', ')}) and scan the QR code: it opens the phone page through the same host`
  return `to scan the QR code with a phone, set ${TUNNEL_URL_VARIABLE}=https://<your tunnel> in .env.local (the QR code then opens through the tunnel), or pass dev: { emulator: { lan: true } } for a phone on the same Wi-Fi`
}

/** The verification file, when the dev server serves one. */
function verificationLine(file: string | undefined, throughTunnel: boolean): string[] {
  return file === undefined ? [] : [line('Verification', `/${file}, served by this dev server${throughTunnel ? ', through the tunnel too' : ''}`)]
}

/**
 * Inside WeChat in real-WeChat mode: the Official Account, the 网页授权域名 to register (`siteHost`,
 * the host WeChat redirects to) and its verification file.
 */
function realWechatLines(officialAccount: DevBannerInput['officialAccount'], siteHost: string | undefined): string[] {
  if (!officialAccount)
    return [line('In WeChat', `no Official Account, so users inside WeChat cannot log in: set ${DEV_ENV_NAMES.officialAccountAppid} and ${DEV_ENV_NAMES.officialAccountSecret} of a verified 服务号 bound to your website app's Open Platform account`)]
  const { appid, verificationFile } = officialAccount
  return [
    line('In WeChat', `Official Account ${appid}; its AppSecret stays on this server`),
    line('Web auth domain', `${siteHost ?? 'your tunnel\'s host'}  ${WEB_AUTH_FIELD}`),
    ...verificationFile === undefined
      ? [line('Verification', `none served: download MP_verify_….txt where you register the domain and set ${DEV_ENV_NAMES.verificationFile}=./MP_verify_….txt`)]
      : verificationLine(verificationFile, true),
  ]
}

/** Inside WeChat in emulator mode: the emulated Official Account, and how to try it at a desktop. */
function emulatorWechatLines(officialAccount: DevBannerInput['officialAccount']): string[] {
  if (!officialAccount)
    return [line('In WeChat', 'no Official Account (officialAccounts: []): pages inside WeChat get OFFICIAL_ACCOUNT_NOT_CONFIGURED')]
  const { appid, demo, webAuthDomain, verificationFile } = officialAccount
  // The demo account's domains follow the dev server (its port, the tunnel): nothing to note down.
  const domains = demo ? 'this dev server\'s host and your tunnel\'s' : webAuthDomain.join(', ')
  return [
    line('In WeChat', `Official Account ${appid}${demo ? ' (the emulator\'s demo test account; its secret is public)' : ''}, 网页授权域名 ${domains}`),
    line('At your desk', `the cookie ${EMULATOR_USER_AGENT_COOKIE}=wechatIos makes this browser WeChat to the emulator: ${AT_YOUR_DESK}`),
    ...verificationLine(verificationFile, false),
  ]
}

function devLines(dev: DevBannerInput, tunnelHosts: readonly string[], siteHost: string | undefined): string[] {
  const { mode, authBase, appid, appUrl, emulator, officialAccount } = dev
  const routes = line('Auth routes', `${authBase}/state, /callback, /exchange, /session, /logout (on this server)`)
  if (!emulator) {
    return [
      line('Mode', `real WeChat · AppID ${appid}; the AppSecret stays on this server`),
      routes,
      ...(appUrl ? [line('Open the app at', `${appUrl}/ (the login's cookies belong to the tunnel's host, not to localhost)`)] : []),
      ...realWechatLines(officialAccount, siteHost),
    ]
  }
  const domains = `${emulator.callbackDomains.join(', ')}${emulator.subdomains ? ' and their subdomains' : ''}`
  return [
    line('Mode', `${mode}: offline login with fake users; for the real WeChat, set ${DEV_ENV_NAMES.appid} and ${DEV_ENV_NAMES.secret} in .env.local`),
    line('Emulator', `${emulator.url}${emulator.busyPort ? ` (port ${emulator.busyPort} was taken)` : ''}: WeChat's login pages and APIs with fake users, on another site than your app, as WeChat is`),
    line('Phone page', 'to confirm a login on this computer, click “Open the phone page” (打开手机页) under the QR code'),
    line('Real phones', phonesLine(emulator, tunnelHosts)),
    line('App', `${appid}${emulator.demoApp ? ' (the emulator\'s demo app; its secret is public)' : ''}, callback domains ${domains}`),
    ...emulatorWechatLines(officialAccount),
    routes,
  ]
}

/**
 * Why an embedded QR with `self_redirect` cannot log in through the tunnel, when the tunnel is
 * known to be plain http: its callback runs in a cross-site iframe, where Chromium keeps only
 * `SameSite=None; Secure` cookies, which need https. Natapp's free tier is http only.
 */
function plainHttpWarning(redirectUri: string | undefined, primary: TunnelHost | undefined, suffixes: readonly string[]): string | undefined {
  const redirect = redirectUri ? new URL(redirectUri) : undefined
  const subject = redirect
    ? redirect.protocol === 'http:' && !isLoopback(redirect.hostname) && `The redirect URI "${redirectUri}" is`
    : primary
      ? (primary.origin?.startsWith('http:') || (!primary.origin && isOnSuffix(primary.host, [NATAPP_FREE_SUFFIX]))) && !isLoopback(primary.host) && `The tunnel "${tunnelAddress(primary)}" is`
      : suffixes.includes(NATAPP_FREE_SUFFIX) && `natapp's free tunnels (${NATAPP_FREE_SUFFIX}) are`
  if (!subject)
    return undefined
  return `${subject} plain http, so an embedded QR code with selfRedirect cannot log in through it: its callback runs in WeChat's cross-site iframe, where browsers keep only "SameSite=None; Secure" cookies, and those need https (or localhost). That login ends in STATE_MISMATCH. Through this tunnel, use a mode whose callback loads the whole page (embedded without selfRedirect, new-window or redirect), or use an https tunnel.`
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
  // Provider presets (and `.domain` tunnels): hosts known only when a request comes through them.
  const suffixes = allowedHosts.filter(host => host.startsWith('.'))
  const exact = tunnels.filter(tunnel => !tunnel.host.startsWith('.'))
  const anyUnderSuffixes = suffixes.length > 0 ? [`any host under ${suffixes.join(', ')}`] : []
  const hostOnlyTunnels = [...exact.filter(tunnel => tunnel.origin === undefined).map(tunnelAddress), ...anyUnderSuffixes]
  // Where WeChat sends the user back: its host is the domain to register with WeChat.
  const siteHost = redirectUri ? new URL(redirectUri).hostname : exact[0]?.host
  const lines = ['  ➜  WeChat login (wechat-qr-login)', ...(dev ? devLines(dev, hostOnlyTunnels, siteHost) : [])]
  if (!tunnelConfigured)
    return { lines, warnings: [] }

  const [primary] = exact
  const localHost = localUrl ? new URL(localUrl).host : undefined
  // The tunnel must forward to the address Vite listens on, which is what tunnels ask for.
  const shown = [...exact.map(tunnelAddress), ...anyUnderSuffixes]
  if (shown.length > 0)
    lines.push(line('Tunnel', `${shown.join(', ')}${localUrl ? ` → ${localUrl} (point the tunnel at ${localHost})` : ''}`))
  else if (localUrl)
    lines.push(line('Local', localUrl))

  const host = primary?.host ?? (redirectUri ? new URL(redirectUri).hostname : undefined)
  if (callbackDomain)
    lines.push(line('Callback domain', `${callbackDomain}  ${CONSOLE_FIELD}`))
  else if (host && (isIpAddress(host) || isLoopback(host)))
    lines.push(line('Callback domain', `none: ${host} is not a domain name, and a website app's 授权回调域 must be one (see the warning below)`))
  else if (host)
    lines.push(line('Callback domain', `${host}  ${CONSOLE_FIELD}`))
  else if (suffixes.length > 0)
    lines.push(line('Callback domain', `your tunnel's own host, e.g. ${exampleHost(suffixes[0]!)}  ${CONSOLE_FIELD}; the emulator accepts any host under ${suffixes.join(', ')}`))
  if (redirectUri)
    lines.push(line('Redirect URI', redirectUri))
  else if (primary?.origin)
    lines.push(line('Redirect URI', `any path on ${primary.origin}, e.g. ${primary.origin}/auth/wechat/callback`))
  else if (!primary && suffixes.length > 0)
    lines.push(line('Redirect URI', `on the host each request comes through, e.g. http://${exampleHost(suffixes[0]!)}/auth/wechat/callback`))
  lines.push(line('Allowed hosts', allowAllHosts ? 'every host (allowAllHosts: true, see the warning above)' : allowedHosts.join(', ') || 'none added'))

  const warnings = checkRedirectUri({ redirectUri, callbackDomain, tunnel: primary && tunnelAddress(primary) }).map(problem => problem.message)
  const plainHttp = plainHttpWarning(redirectUri, primary, suffixes)
  return { lines, warnings: plainHttp ? [...warnings, plainHttp] : warnings }
}

/** Prints a banner through Vite's logger, each warning with the package prefix. */
export function printBanner(logger: Logger, banner: Banner): void {
  logger.info(banner.lines.join('\n'))
  for (const warning of banner.warnings)
    logger.warn(`${MESSAGE_PREFIX} ${warning}`)
}
