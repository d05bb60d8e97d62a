export type { WechatQrLoginDevMode } from './dev-plan'
export type { LatestQr } from './emulator-proxy'
export type {
  SecretGuardOptions,
  WechatQrLoginDevOptions,
  WechatQrLoginEmulatorOptions,
  WechatQrLoginHmrOptions,
  WechatQrLoginOptions,
} from './options'
export { wechatQrLogin as default, wechatQrLogin } from './plugin'
export { checkRedirectUri } from './redirect-check'
export type { RedirectUriCheckInput, RedirectUriProblem, RedirectUriProblemCode } from './redirect-check'
export { TUNNEL_PRESETS } from './tunnel-hosts'
export type { TunnelPreset } from './tunnel-hosts'
export type { WechatQrLoginDevConfig, WechatQrLoginDevEmulator } from './virtual-module'
export { wechatDevServerConfig } from './webpack-dev-server'
export type {
  WebpackDevServerVersion,
  WechatDevServerConfig,
  WechatDevServerConfigOptions,
  WechatDevServerConfigV3,
} from './webpack-dev-server'
