import type { WechatQrLoginOptions } from '../options'
import process from 'node:process'
import { invalidOption, MESSAGE_PREFIX } from '@wechat-qr-login/core/internal'
import { resolveTunnelOptions } from '../options'
import { allowAllHostsWarning, resolveTunnelHosts } from './hosts'

/** The webpack-dev-server major version: 3 (vue-cli 4), 4 (vue-cli 5), 5 or 6. */
export type WebpackDevServerVersion = 3 | 4 | 5 | 6

/** Options of {@link wechatDevServerConfig}. */
export interface WechatDevServerConfigOptions extends Pick<WechatQrLoginOptions, 'tunnel' | 'tunnelPresets' | 'allowAllHosts'> {
  /**
   * The installed webpack-dev-server major version. Version 3 spells the options differently
   * (`public`, `disableHostCheck`) and versions 4+ reject those spellings.
   * @default 5
   */
  version?: WebpackDevServerVersion
  /**
   * Where `WECHAT_TUNNEL_URL` and `WECHAT_TUNNEL_HOST` are read from. vue-cli loads `.env` files
   * into `process.env` before it reads `vue.config.js`.
   * @default process.env
   */
  env?: Readonly<Record<string, string | undefined>>
  /**
   * Receives each warning (already prefixed with `[wechat-qr-login]`).
   * @default console.warn
   */
  onWarn?: (message: string) => void
}

/** The `devServer` fragment for webpack-dev-server 4, 5 and 6 (vue-cli 5). */
export interface WechatDevServerConfig {
  /** The tunnel hosts; `'all'` only with `allowAllHosts: true`. Absent when there is none. */
  allowedHosts?: string[] | 'all'
  /** `auto://0.0.0.0:0/ws`: the HMR client connects back to the page's own host, tunnel or not. */
  client?: { webSocketURL: string }
}

/** The `devServer` fragment for webpack-dev-server 3 (vue-cli 4). */
export interface WechatDevServerConfigV3 {
  /** The tunnel hosts: v3 supports the list, `.suffix` entries included. */
  allowedHosts?: string[]
  /**
   * `0.0.0.0:0`: the HMR client takes host, port and protocol from the page, so that its socket
   * works on `localhost` and through the tunnel alike.
   */
  public?: string
  /** Only with `allowAllHosts: true`. */
  disableHostCheck?: true
}

// The documented way to let the client take protocol, host and port from the page itself.
const WEB_SOCKET_URL_FROM_PAGE = 'auto://0.0.0.0:0/ws'
// webpack-dev-server 3's client (and vue-cli 4's, built from `public`) replaces the host 0.0.0.0,
// the port 0 and, for 0.0.0.0, the protocol with the page's own.
const PUBLIC_FROM_PAGE = '0.0.0.0:0'

/**
 * The webpack-dev-server (vue-cli) counterpart of the Vite plugin: spread it into `devServer`
 * so a tunnel passes the Host check without `disableHostCheck: true` or `allowedHosts: 'all'`,
 * which let any website read your dev server through DNS rebinding.
 *
 * @example
 * // vue.config.js (vue-cli 5, webpack-dev-server 4)
 * const { wechatDevServerConfig } = require('@wechat-qr-login/vite-plugin')
 * module.exports = { devServer: { ...wechatDevServerConfig({ tunnel: 'https://abc.natapp4.cc', version: 4 }) } }
 *
 * @throws {WechatLoginError} `INVALID_OPTION` or `INVALID_TUNNEL_HOST` for a bad option.
 */
export function wechatDevServerConfig(options: WechatDevServerConfigOptions & { version: 3 }): WechatDevServerConfigV3
/**
 * The webpack-dev-server 4+ (vue-cli 5) `devServer` fragment: the tunnel hosts as an
 * `allowedHosts` list and `client.webSocketURL` taken from the page.
 */
export function wechatDevServerConfig(options?: WechatDevServerConfigOptions & { version?: 4 | 5 | 6 }): WechatDevServerConfig
/** The `devServer` fragment for a version known only at run time. */
export function wechatDevServerConfig(options?: WechatDevServerConfigOptions): WechatDevServerConfig | WechatDevServerConfigV3
export function wechatDevServerConfig(options: WechatDevServerConfigOptions = {}): WechatDevServerConfig | WechatDevServerConfigV3 {
  const { version = 5, env = process.env, onWarn = (message: string) => console.warn(message) } = options
  if (![3, 4, 5, 6].includes(version))
    throw invalidOption('version', 'expected the webpack-dev-server major version, 3 (vue-cli 4) or 4, 5, 6 (vue-cli 5). Check it with `npm ls webpack-dev-server`.')
  const { optionTunnels, warnings, tunnelPresets, allowAllHosts } = resolveTunnelOptions(options)
  const resolved = resolveTunnelHosts({ optionTunnels, presets: tunnelPresets, env })
  const warn = (message: string): void => onWarn(`${MESSAGE_PREFIX} ${message}`)
  for (const warning of [...warnings, ...resolved.warnings])
    warn(warning)
  const { allowedHosts } = resolved
  const tunnelled = allowAllHosts || allowedHosts.length > 0

  if (version === 3) {
    const fragment: WechatDevServerConfigV3 = {}
    if (allowAllHosts) {
      fragment.disableHostCheck = true
      warn(allowAllHostsWarning('wechatDevServerConfig({ allowAllHosts: true }) sets disableHostCheck: true, which', 'wechatDevServerConfig'))
    }
    else if (allowedHosts.length > 0) {
      fragment.allowedHosts = allowedHosts
    }
    if (tunnelled)
      fragment.public = PUBLIC_FROM_PAGE
    return fragment
  }

  const fragment: WechatDevServerConfig = {}
  if (allowAllHosts) {
    fragment.allowedHosts = 'all'
    warn(allowAllHostsWarning('wechatDevServerConfig({ allowAllHosts: true }) sets allowedHosts: \'all\', which', 'wechatDevServerConfig'))
  }
  else if (allowedHosts.length > 0) {
    // webpack-dev-server's schema requires a non-empty list: without hosts, keep its 'auto'.
    fragment.allowedHosts = allowedHosts
  }
  if (tunnelled)
    fragment.client = { webSocketURL: WEB_SOCKET_URL_FROM_PAGE }
  return fragment
}
