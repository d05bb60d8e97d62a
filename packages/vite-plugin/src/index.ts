export type { LatestQr } from './dev/emulator-proxy'
export type { WechatQrLoginDevMode } from './dev/plan'
export type { WechatQrLoginDevConfig, WechatQrLoginDevEmulator } from './dev/virtual-module'
export type {
  SecretGuardOptions,
  WechatQrLoginDevOptions,
  WechatQrLoginEmulatorOptions,
  WechatQrLoginHmrOptions,
  WechatQrLoginOptions,
} from './options'
export { wechatQrLogin as default, wechatQrLogin } from './plugin'
export { TUNNEL_PRESETS } from './tunnel/hosts'
export type { TunnelPreset } from './tunnel/hosts'
export { checkRedirectUri } from './tunnel/redirect-check'
export type { RedirectUriCheckInput, RedirectUriProblem, RedirectUriProblemCode } from './tunnel/redirect-check'
export { wechatDevServerConfig } from './tunnel/webpack-dev-server'
export type {
  WebpackDevServerVersion,
  WechatDevServerConfig,
  WechatDevServerConfigOptions,
  WechatDevServerConfigV3,
} from './tunnel/webpack-dev-server'
