export type { SecretGuardOptions, WechatQrLoginHmrOptions, WechatQrLoginOptions } from './options'
export { wechatQrLogin as default, wechatQrLogin } from './plugin'
export { checkRedirectUri } from './redirect-check'
export type { RedirectUriCheckInput, RedirectUriProblem, RedirectUriProblemCode } from './redirect-check'
export { TUNNEL_PRESETS } from './tunnel-hosts'
export type { TunnelPreset } from './tunnel-hosts'
export { wechatDevServerConfig } from './webpack-dev-server'
export type {
  WebpackDevServerVersion,
  WechatDevServerConfig,
  WechatDevServerConfigOptions,
  WechatDevServerConfigV3,
} from './webpack-dev-server'
