import type { Nuxt } from '@nuxt/schema'
import type { ViteDevServer } from 'vite'
import type { WechatRuntimeConfig } from './runtime/server/auth-options'
import { logger, runWithNuxtContext } from '@nuxt/kit'
import { DEMO_APP } from '@wechat-qr-login/emulator'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { planVitePlugin } from './dev'
import { resolveModuleOptions } from './options'
import { EMPTY_RUNTIME_CONFIG } from './runtime/server/auth-options'

type ServerCreatedHook = (server: ViteDevServer, context: { isClient: boolean }) => void

/** The part of Nuxt the planning reads: its options and hooks, the runtime config as the module set it. */
function fakeNuxt(dev: boolean, wechat: Partial<WechatRuntimeConfig> = {}): { nuxt: Nuxt, hooks: Map<string, ServerCreatedHook> } {
  const hooks = new Map<string, ServerCreatedHook>()
  const runtimeConfig = { wechat: { ...EMPTY_RUNTIME_CONFIG, ...wechat }, public: {} }
  const nuxt = {
    options: { dev, devServer: { url: 'http://localhost:3000/' }, runtimeConfig, nitro: { runtimeConfig, experimental: {} } },
    hook: (name: string, hook: ServerCreatedHook) => void hooks.set(name, hook),
  } as unknown as Nuxt
  return { nuxt, hooks }
}

function plan(nuxt: Nuxt, options = {}): ReturnType<typeof planVitePlugin> {
  return runWithNuxtContext(nuxt, () => planVitePlugin(resolveModuleOptions(options), nuxt))
}

afterEach(() => {
  vi.unstubAllEnvs()
  vi.restoreAllMocks()
})

describe('planVitePlugin', () => {
  it('nuxt build: only the secret guard, and nothing added to the runtime config', async () => {
    const { nuxt, hooks } = fakeNuxt(false)
    expect(await plan(nuxt, { secretGuard: { names: [/token/i] } })).toEqual({ plugin: { secretGuard: { names: [/token/i] }, host: false, dev: false }, runtimeConfig: {} })
    expect(hooks.size).toBe(0)
  })

  it('nuxt dev with dev: false: the Nitro routes alone, as in production', async () => {
    const { nuxt } = fakeNuxt(true)
    expect((await plan(nuxt, { dev: false })).plugin.dev).toBe(false)
  })

  it('nuxt dev without credentials: the emulator, whose sessions the Nitro routes read with the same secret', async () => {
    const { nuxt } = fakeNuxt(true)
    const { plugin, runtimeConfig } = await plan(nuxt, { basePath: '/api/wechat', dev: { tunnel: 'https://abc.natapp4.cc', emulator: { port: 0 } } })
    const dev = plugin.dev as Exclude<typeof plugin.dev, boolean | undefined>
    expect(plugin).toMatchObject({ tunnel: 'https://abc.natapp4.cc', host: false, secretGuard: true })
    expect(dev).toMatchObject({ authBase: '/api/wechat', emulator: { port: 0 } })
    // No credentials for the plugin: it logs in with the emulator's own app.
    expect(dev.server).not.toHaveProperty('appid')
    expect(dev.server).not.toHaveProperty('secret')
    expect(dev.server).not.toHaveProperty('basePath')
    expect(dev.server).toMatchObject({ sessionSecret: runtimeConfig.sessionSecret, trustProxy: true })
    expect(runtimeConfig).toMatchObject({ appid: DEMO_APP.appid, appsecret: DEMO_APP.secret, trustProxy: true })
    expect(String(runtimeConfig.sessionSecret).length).toBeGreaterThanOrEqual(32)
  })

  it('nuxt dev with NUXT_WECHAT_APPID and NUXT_WECHAT_APPSECRET: the real WeChat, with a session secret of this start', async () => {
    vi.stubEnv('NUXT_WECHAT_APPID', 'wx0123456789abcdef')
    vi.stubEnv('NUXT_WECHAT_APPSECRET', '0123456789abcdef0123456789abcdef')
    const warn = vi.spyOn(logger, 'warn').mockImplementation(() => {})
    const first = await plan(fakeNuxt(true).nuxt)
    const second = await plan(fakeNuxt(true).nuxt)
    const server = (first.plugin.dev as { server: Record<string, unknown> }).server
    expect(server).toMatchObject({ appid: 'wx0123456789abcdef', secret: '0123456789abcdef0123456789abcdef', sessionSecret: first.runtimeConfig.sessionSecret })
    // Random: a fixed, public secret would let anyone forge a session of a real WeChat user.
    expect(first.runtimeConfig.sessionSecret).not.toBe(second.runtimeConfig.sessionSecret)
    expect(first.runtimeConfig).not.toHaveProperty('appid')
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('NUXT_WECHAT_SESSION_SECRET is not set, so a random session secret was generated'))
  })

  it('nuxt dev with the real WeChat logs in inside WeChat with the Official Account of NUXT_WECHAT_OA_*', async () => {
    vi.stubEnv('NUXT_WECHAT_SESSION_SECRET', 'the session secret of the .env file, 32+')
    const officialAccount = { appid: 'wxfedcba9876543210', secret: 'fedcba9876543210fedcba9876543210' }
    const { nuxt } = fakeNuxt(true, { appid: 'wx0123456789abcdef', appsecret: '0123456789abcdef0123456789abcdef', oaAppid: officialAccount.appid, oaAppsecret: officialAccount.secret })
    const { plugin } = await plan(nuxt)
    expect((plugin.dev as { server: Record<string, unknown> }).server.officialAccount).toEqual(officialAccount)
  })

  it('nuxt dev with the emulator leaves a real Official Account out: the emulator plays its own', async () => {
    const { nuxt } = fakeNuxt(true, { oaAppid: 'wxfedcba9876543210', oaAppsecret: 'fedcba9876543210fedcba9876543210' })
    const { plugin } = await plan(nuxt)
    expect((plugin.dev as { server: Record<string, unknown> }).server).not.toHaveProperty('officialAccount')
  })

  it('nuxt dev keeps the session secret of NUXT_WECHAT_SESSION_SECRET', async () => {
    vi.stubEnv('NUXT_WECHAT_SESSION_SECRET', 'the session secret of the .env file, 32+')
    const { plugin, runtimeConfig } = await plan(fakeNuxt(true).nuxt)
    expect(runtimeConfig.sessionSecret).toBe('the session secret of the .env file, 32+')
    expect((plugin.dev as { server: Record<string, unknown> }).server.sessionSecret).toBe('the session secret of the .env file, 32+')
  })

  it('nuxt dev has the plugin print its banner: Vite\'s own URLs muted, since Nuxt printed them', async () => {
    const { nuxt, hooks } = fakeNuxt(true)
    await plan(nuxt)
    const info = vi.fn()
    const printed: string[] = []
    const server = {
      config: { logger: { info } },
      resolvedUrls: null,
      printUrls(this: ViteDevServer) {
        this.config.logger.info(`Local: ${this.resolvedUrls!.local[0]}`)
        printed.push('urls')
      },
    } as unknown as ViteDevServer
    hooks.get('vite:serverCreated')!(server, { isClient: true })
    expect(printed).toEqual(['urls'])
    expect(info).not.toHaveBeenCalled()
    expect(server.resolvedUrls).toEqual({ local: ['http://localhost:3000/'], network: [] })
    // The banner, printed after the dev integration started, goes through the logger again.
    server.config.logger.info('banner')
    expect(info).toHaveBeenCalledWith('banner')
  })
})
