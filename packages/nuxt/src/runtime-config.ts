import type { WechatNuxtLoginOptions } from './options'
import type { WechatRuntimeConfig } from './runtime/server/auth-options'

/** `runtimeConfig.public.wechat`: what the browser needs, nothing secret. */
export interface WechatPublicRuntimeConfig {
  /** Where the server routes are mounted (the module's `basePath`). */
  basePath: string
  /** The login page (the module's `loginPath`). */
  loginPath: string
  /** App-wide defaults of the component and the store (the module's `login`). */
  login: WechatNuxtLoginOptions
}

/** The module's part of `runtimeConfig`: the server handler's settings, private (typed for apps by the module's types). */
export interface ModuleRuntimeConfig {
  wechat: WechatRuntimeConfig
}

/** The module's part of `runtimeConfig.public`. */
export interface ModulePublicRuntimeConfig {
  wechat: WechatPublicRuntimeConfig
}
