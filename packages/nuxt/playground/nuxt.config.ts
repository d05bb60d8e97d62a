import { fileURLToPath } from 'node:url'
import { DEV_FLAG, devFlag } from '../../../scripts/dev-flag'
import wechatQrLogin from '../src/module'

/** The workspace packages, from their sources: nothing needs a build first. */
const sources = Object.fromEntries(Object.entries({
  '@wechat-qr-login/core/internal': 'core/src/internal.ts',
  '@wechat-qr-login/core': 'core/src/index.ts',
  '@wechat-qr-login/vue/router': 'vue/src/router.ts',
  '@wechat-qr-login/vue': 'vue/src/index.ts',
  '@wechat-qr-login/server': 'server/src/index.ts',
}).map(([name, path]) => [name, fileURLToPath(new URL(`../../${path}`, import.meta.url))]))

/** The repository's Nuxt fixture app, the one the consumer tests install from the packed packages. */
const fixture = fileURLToPath(new URL('../../../consumer/fixtures/nuxt-app/', import.meta.url))

// That app, with the module and the packages from their sources: `pnpm dev` runs Nuxt under tsx
// with the workspace's tsconfig paths (see package.json).
export default defineNuxtConfig({
  modules: [wechatQrLogin],
  srcDir: `${fixture}app`,
  serverDir: `${fixture}server`,
  alias: sources,
  vite: { plugins: [devFlag()] },
  nitro: {
    replace: DEV_FLAG,
    // The module's server runtime, type-checked with the app's generated types.
    typescript: { tsConfig: { include: ['../../src/runtime/server/**/*', '../../src/runtime/*.ts', '../../../../globals.d.ts'] } },
  },
  typescript: { tsConfig: { include: ['../../src/runtime/app/**/*', '../../src/runtime/*.ts', '../../../../globals.d.ts'] } },
  telemetry: false,
  compatibilityDate: '2025-07-15',
})
