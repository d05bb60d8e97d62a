import type { ModuleOptions } from './options'
import type { WechatPublicRuntimeConfig } from './runtime-config'
import type { WechatRuntimeConfig } from './runtime/server/auth-options'
import {
  addComponent,
  addImports,
  addPlugin,
  addRouteMiddleware,
  addServerHandler,
  addServerImports,
  addServerPlugin,
  addVitePlugin,
  createResolver,
  defineNuxtModule,
} from '@nuxt/kit'
import { wechatQrLogin } from '@wechat-qr-login/vite-plugin'
import { planVitePlugin } from './dev'
import { resolveModuleOptions } from './options'
import { EMPTY_RUNTIME_CONFIG } from './runtime/server/auth-options'

export type { ModuleOptions, WechatNuxtDevOptions, WechatNuxtLoginOptions } from './options'
export type { ModulePublicRuntimeConfig, ModuleRuntimeConfig, WechatPublicRuntimeConfig } from './runtime-config'
export type { WechatRuntimeConfig } from './runtime/server/auth-options'

/**
 * WeChat website QR-code login in a Nuxt app: `modules: ['@wechat-qr-login/nuxt']` and the
 * `NUXT_WECHAT_*` environment variables. Mounts the server routes, reads the session while
 * rendering, sets up Pinia, the store, `<WechatQrLogin>`, the `wechat-auth` route middleware and
 * the server helpers, and in `nuxt dev` logs in offline through the emulator.
 */
export default defineNuxtModule<ModuleOptions>({
  meta: {
    name: '@wechat-qr-login/nuxt',
    configKey: 'wechatQrLogin',
    compatibility: { nuxt: '>=4.4.5' },
  },
  // Pinia's own module sets up Pinia (and its payload) when the app has not added it.
  moduleDependencies: { '@pinia/nuxt': {} },
  async setup(moduleOptions, nuxt) {
    const options = resolveModuleOptions(moduleOptions)
    const { basePath, loginPath, login } = options
    const { resolve } = createResolver(import.meta.url)

    const { runtimeConfig } = nuxt.options
    // Every key present, so that its `NUXT_WECHAT_*` variable applies; values from nuxt.config kept.
    const given = runtimeConfig.wechat as Partial<WechatRuntimeConfig> | undefined
    const wechat: WechatRuntimeConfig = { ...EMPTY_RUNTIME_CONFIG, ...given, cookie: { ...EMPTY_RUNTIME_CONFIG.cookie, ...given?.cookie } }
    // Nuxt types the config from its values, where a list of session secrets (rotation) cannot show.
    Object.assign(runtimeConfig, { wechat })
    runtimeConfig.public.wechat = { basePath, loginPath, login } satisfies WechatPublicRuntimeConfig
    // Planned with the variables applied to the config above; `nuxt dev` adds its own values.
    const vitePlugin = await planVitePlugin(options, nuxt)
    Object.assign(wechat, vitePlugin.runtimeConfig)
    addVitePlugin(() => wechatQrLogin(vitePlugin.plugin), { server: false })

    nuxt.options.build.transpile.push(resolve('./runtime'), '@wechat-qr-login/vue')
    addPlugin(resolve('./runtime/app/plugin'))
    if (nuxt.options.dev)
      addPlugin({ src: resolve('./runtime/app/devtools-ignore'), mode: 'client' })
    addRouteMiddleware({ name: 'wechat-auth', path: resolve('./runtime/app/middleware/wechat-auth') })
    addRouteMiddleware({ name: 'wechat-auth-return', path: resolve('./runtime/app/middleware/return-after-login'), global: true })
    addImports(['useWechatAuthStore', 'useWechatLogin', 'isWechatLoginError'].map(name => ({ name, from: '@wechat-qr-login/vue' })))
    for (const name of ['WechatQrLogin', 'WechatLoginCallback'])
      addComponent({ name, export: name, filePath: '@wechat-qr-login/vue' })

    addServerHandler({ route: `${basePath}/**`, handler: resolve('./runtime/server/handler') })
    addServerPlugin(resolve('./runtime/server/session-plugin'))
    addServerImports(['useWechatAuth', 'getWechatSession', 'requireWechatSession'].map(name => ({ name, from: resolve('./runtime/server/utils/wechat-auth') })))
  },
})
