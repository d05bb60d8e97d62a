// The baselines that ship a raw Vue SFC as their `main`, without types.
declare module 'vue-next-wxlogin' {
  import type { DefineComponent } from 'vue'

  const component: DefineComponent<Record<string, unknown>>
  export default component
}

declare module 'vue-wxlogin' {
  import type { DefineComponent } from 'vue'

  const component: DefineComponent<Record<string, unknown>>
  export default component
}

// passport-wechat 2.0.4 ships no types: what the server-throughput baseline uses.
declare module 'passport-wechat' {
  interface WechatStrategyOptions {
    appID: string
    appSecret: string
    /** `'wechat'` (Official Account authorize) or anything else for website qrconnect. */
    client?: string
    scope?: string
    callbackURL?: string
    state?: string
    lang?: string
    name?: string
  }

  type RequestCallback = (error: Error | null, data: unknown, response: unknown) => void

  /** The wechat-oauth client the strategy holds; every API call goes through `request`. */
  interface WechatOAuth {
    request: (url: string, options: object, callback: RequestCallback) => void
    setOpts: (options: object) => void
  }

  class WechatStrategy {
    constructor(options: WechatStrategyOptions, verify: (...args: any[]) => void)
    name: string
    _oauth: WechatOAuth
    authenticate(request: unknown, options?: unknown): void
  }
  export default WechatStrategy
}
