import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import { devFlag } from './scripts/dev-flag.ts'

const packages = ['core', 'vue', 'server', 'emulator', 'vite-plugin']

/** Tests and the playground run against the sources, so nothing needs a build first. */
export const alias = [
  ...packages.map(name => ({
    find: new RegExp(`^@wechat-qr-login/${name}$`),
    replacement: fileURLToPath(new URL(`./packages/${name}/src/index.ts`, import.meta.url)),
  })),
  // The private test helpers: `@wechat-qr-login/test-utils/listen` → test-utils/src/listen.ts.
  {
    find: /^@wechat-qr-login\/test-utils\/([\w-]+)$/,
    replacement: `${fileURLToPath(new URL('./test-utils/src/', import.meta.url))}$1.ts`,
  },
  // Subpath entries: `@wechat-qr-login/server/node` → packages/server/src/node.ts,
  // `@wechat-qr-login/core/internal` → packages/core/src/internal.ts.
  {
    find: /^@wechat-qr-login\/([\w-]+)\/([\w-]+)$/,
    replacement: `${fileURLToPath(new URL('./packages/', import.meta.url))}$1/src/$2.ts`,
  },
  // The real-browser harness, shared by the e2e suite and the packages' *.browser.test.ts files.
  { find: '@test/browser', replacement: fileURLToPath(new URL('./e2e/browser.ts', import.meta.url)) },
]

export default defineConfig({
  plugins: [devFlag()],
  resolve: { alias },
  test: {
    // Reporters run in this order: CI's duration prints before Vitest's summary, coverage before both.
    reporters: ['./scripts/ci-duration-reporter.ts', './consumer/harness/reporter.ts', 'default', './scripts/coverage-reporter.ts'],
    coverage: {
      provider: 'v8',
      include: ['packages/*/src/**/*.ts'],
      exclude: ['**/*.test.ts', '**/*.test-d.ts', '**/*.bench.ts', '**/index.ts', '**/isolated/**'],
      // Files only: the per-package table prints before Vitest's summary (scripts/coverage-reporter.ts).
      reporter: ['json-summary', 'html'],
    },
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['packages/{core,server,emulator,vite-plugin,nuxt}/src/**/*.test.ts', 'packages/*/src/**/*.node.test.ts', 'docs/snippets/**/*.test.ts'],
          exclude: ['packages/*/src/**/*.browser.test.ts', 'docs/snippets/**/*.browser.test.ts'],
          typecheck: {
            enabled: true,
            include: ['packages/*/src/**/*.test-d.ts'],
            tsconfig: './tsconfig.json',
          },
        },
      },
      {
        extends: true,
        test: {
          name: 'happy-dom',
          environment: 'happy-dom',
          include: ['packages/{core,vue}/src/**/*.test.ts'],
          exclude: ['packages/*/src/**/*.node.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          environment: 'node',
          include: ['e2e/**/*.test.ts', 'packages/*/src/**/*.browser.test.ts', 'docs/snippets/**/*.browser.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          // What users install: every package packed, installed by npm into fresh apps outside
          // the workspace (consumer/README.md).
          name: 'consumer',
          environment: 'node',
          include: ['consumer/**/*.test.ts'],
          globalSetup: ['./consumer/harness/global-setup.ts'],
          // npm installs, builds and browsers: one file at a time on a shared machine (and the
          // files that share an app install it once).
          fileParallelism: false,
          maxWorkers: 1,
          testTimeout: 300_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
})
