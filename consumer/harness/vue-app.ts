import type { ConsumerApp } from './app'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { inject } from 'vitest'
import { consumerApp } from './app'
import { readmeAppFiles } from './readme'
import { ROOT } from './workspace'

/** Options of {@link readmeVueApp}. */
export interface ReadmeVueAppOptions {
  /** The app's folder name; apps of the same name share one install. @default 'vite-app' */
  name?: string
  /** Registry dependencies (see versions.ts). */
  dependencies: Record<string, string>
  /** More fixture folders, e.g. `ssr`. @default [] */
  fixtures?: string[]
}

/**
 * The Vite + Vue app of the README's "Add it to your app", with the fixture's scaffold (what
 * `npm create vite` gives) and the Vue package's registered-user type test.
 */
export function readmeVueApp({ name = 'vite-app', dependencies, fixtures = [] }: ReadmeVueAppOptions): Promise<ConsumerApp> {
  return consumerApp({
    name,
    fixtures: ['vite-app', ...fixtures],
    files: {
      ...readmeAppFiles(),
      'src/registered/registered-user.ts': readFileSync(join(ROOT, 'packages/vue/src/isolated/registered-user.ts'), 'utf8'),
    },
    // Every package but the Nuxt module, whose peers (`@pinia/nuxt`, which npm installs with it)
    // are not a Vite app's and ask for a newer Pinia than the lowest one this app tests.
    packages: Object.keys(inject('tarballs')).filter(name => name !== '@wechat-qr-login/nuxt'),
    dependencies,
  })
}
