import type { Nuxt } from '@nuxt/schema'
import type { WechatAuthOptions } from '@wechat-qr-login/server'
import type { WechatQrLoginOptions } from '@wechat-qr-login/vite-plugin'
import type { ResolvedModuleOptions } from './options'
import type { WechatRuntimeConfig } from './runtime/server/auth-options'
import { randomBytes } from 'node:crypto'
import { logger, useRuntimeConfig } from '@nuxt/kit'
import { MESSAGE_PREFIX } from '@wechat-qr-login/core/internal'
import { authOptionsFromRuntimeConfig, runtimeConfigEnvName } from './runtime/server/auth-options'

/**
 * Seals the sessions of `nuxt dev` in emulator mode. Fixed so that a fake login survives a
 * restart; it protects nothing real (fake users, the emulator's public demo secret), and
 * real-WeChat mode never uses it.
 */
const EMULATOR_SESSION_SECRET = 'wechat-qr-login nuxt dev only: sessions of the emulator\'s fake users'

/** What `nuxt dev` runs with: the Vite plugin's options, and the runtime config the server routes get. */
interface DevSetup {
  plugin: WechatQrLoginOptions
  runtimeConfig: Partial<WechatRuntimeConfig>
}

/**
 * Plans `nuxt dev`: the Vite plugin's dev integration serves the routes under `basePath` (before
 * Nitro: Nuxt hands every request to Vite's middlewares first) against the emulator, or the real
 * WeChat when `NUXT_WECHAT_APPID` and `NUXT_WECHAT_APPSECRET` are set (with the Official Account
 * of `NUXT_WECHAT_OA_APPID` and `NUXT_WECHAT_OA_APPSECRET`, when they are). The Nitro routes read the
 * same sessions during server rendering, so both get the same session secret and trust the
 * tunnel's forwarded headers alike.
 */
async function planDev(options: ResolvedModuleOptions & { dev: object }): Promise<DevSetup> {
  const { basePath, secretGuard, dev: { emulator, ...tools } } = options
  // The runtime config as the server will see it, `NUXT_WECHAT_*` variables applied.
  const config = (useRuntimeConfig() as { wechat: WechatRuntimeConfig }).wechat
  const realWechat = config.appid !== '' && config.appsecret !== ''
  let sessionSecret = config.sessionSecret
  if (sessionSecret === '' || (Array.isArray(sessionSecret) && sessionSecret.length === 0)) {
    sessionSecret = realWechat ? randomBytes(32).toString('base64url') : EMULATOR_SESSION_SECRET
    if (realWechat)
      logger.warn(`${MESSAGE_PREFIX} ${runtimeConfigEnvName('sessionSecret')} is not set, so a random session secret was generated: sessions end when nuxt dev restarts. Put one of at least 32 characters in .env (\`openssl rand -base64 32\`).`)
  }
  // The emulator's demo app only stands in for the credentials the Nitro routes need to start;
  // the dev integration logs in with the emulator's own app.
  const { DEMO_APP } = await import('@wechat-qr-login/emulator')
  const runtimeConfig: Partial<WechatRuntimeConfig> = {
    sessionSecret,
    trustProxy: true,
    ...(realWechat ? {} : { appid: config.appid || DEMO_APP.appid, appsecret: config.appsecret || DEMO_APP.secret }),
  }
  // The emulator plays its own Official Account too: a real one goes with the real WeChat only.
  const { basePath: _basePath, appid, secret, officialAccount, ...server } = authOptionsFromRuntimeConfig({ ...config, ...runtimeConfig }, basePath)
  const devServer: Partial<WechatAuthOptions> = realWechat ? { appid, secret, ...(officialAccount ? { officialAccount } : {}), ...server } : server
  return {
    plugin: { ...tools, secretGuard, host: false, dev: { authBase: basePath, emulator, server: devServer } },
    runtimeConfig,
  }
}

/**
 * The Vite plugin's options in this Nuxt process, and what `nuxt dev` sets in the runtime config.
 * `nuxt build` only runs the secret guard over the client build.
 */
export async function planVitePlugin(options: ResolvedModuleOptions, nuxt: Nuxt): Promise<DevSetup> {
  const { dev, secretGuard } = options
  if (!nuxt.options.dev || dev === false)
    return { plugin: { secretGuard, host: false, dev: false }, runtimeConfig: {} }
  // Vite runs in middleware mode under Nuxt and never prints its URLs, after which the plugin
  // prints its banner. Printing them (Nuxt's, known by now) with Vite's lines muted, since Nuxt
  // showed them already, leaves the banner, which follows once the dev integration has started.
  nuxt.hook('vite:serverCreated', (server, { isClient }) => {
    const url = nuxt.options.devServer.url
    if (!isClient || !url)
      return
    server.resolvedUrls = { local: [url], network: [] }
    const { logger } = server.config
    const { info } = logger
    logger.info = () => {}
    try {
      server.printUrls()
    }
    finally {
      logger.info = info
    }
  })
  return planDev({ ...options, dev })
}
