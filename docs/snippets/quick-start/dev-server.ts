import type { AddressInfo } from 'node:net'
import type { InlineConfig, ViteDevServer } from 'vite'
import { fileURLToPath } from 'node:url'
import { flattenPlugins } from '@wechat-qr-login/test-utils/vite-app'
import wechatQrLogin from '@wechat-qr-login/vite-plugin'
import { createServer, mergeConfig } from 'vite'
import { vi } from 'vitest'
import { alias } from '../../../vite.config'
import config from './vite.config'

/** The quick start's app under `vite dev`. */
export interface QuickStartApp {
  /** `http://localhost:<port>`. */
  url: string
  server: ViteDevServer
  close: () => Promise<void>
}

/**
 * `vite dev` of guide/quick-start: this folder (index.html, main.ts, App.vue) with the page's
 * vite.config.ts, on 127.0.0.1 and a free port. The emulator takes a free port instead of 4399
 * (tests run side by side), and the packages are their sources, as everywhere in the tests.
 * `overrides` are merged over that.
 */
export async function startQuickStart(overrides: InlineConfig = {}): Promise<QuickStartApp> {
  // A developer's own credentials or tunnel in the shell must not switch the app to WeChat.
  for (const name of ['WECHAT_APPID', 'WECHAT_APPSECRET', 'WECHAT_OA_APPID', 'WECHAT_OA_APPSECRET', 'WECHAT_OA_VERIFY_FILE', 'WECHAT_TUNNEL_URL', 'WECHAT_TUNNEL_HOST'])
    vi.stubEnv(name, '')
  const plugins = [...flattenPlugins(config.plugins).filter(plugin => !plugin.name.startsWith('wechat-qr-login')), wechatQrLogin({ dev: { emulator: { port: 0 } } })]
  const server = await createServer(mergeConfig<InlineConfig, InlineConfig>({
    plugins,
    root: fileURLToPath(new URL('.', import.meta.url)),
    cacheDir: fileURLToPath(new URL('../../node_modules/.vite/quick-start', import.meta.url)),
    resolve: { alias },
    configFile: false,
    envDir: false,
    logLevel: 'silent',
    server: { port: 0, host: '127.0.0.1' },
  }, overrides))
  try {
    await server.listen()
  }
  catch (error) {
    await server.close()
    throw error
  }
  return {
    url: `http://localhost:${(server.httpServer!.address() as AddressInfo).port}`,
    server,
    close: async () => {
      await server.close()
      vi.unstubAllEnvs()
    },
  }
}
