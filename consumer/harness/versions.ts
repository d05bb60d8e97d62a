import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import process from 'node:process'
import { catalogVersion, ROOT } from './workspace'

/** The lowest version a peer range of one of our packages allows (its first `x.y.z`). */
export function lowestPeer(packageDir: string, peer: string): string {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'packages', packageDir, 'package.json'), 'utf8')) as { peerDependencies?: Record<string, string> }
  const lowest = /\d+\.\d+\.\d+/.exec(manifest.peerDependencies?.[peer] ?? '')?.[0]
  if (!lowest)
    throw new Error(`packages/${packageDir}/package.json: no x.y.z in the "${peer}" peer range`)
  return lowest
}

/** A Vite + Vue + Pinia + Vue Router app with the versions the repository tests with (its pnpm catalog). */
export function newestVueAppDependencies(): Record<string, string> {
  return {
    ...Object.fromEntries(['vue', 'pinia', 'vite', '@vitejs/plugin-vue', 'typescript', 'vue-tsc'].map(name => [name, catalogVersion(name)])),
    // The workspace itself has no router, so no catalog entry: the newest release when written.
    'vue-router': '5.5.1',
  }
}

/** The same app with the lowest peers our packages declare, so that the ranges stay true. */
export function lowestPeersVueAppDependencies(): Record<string, string> {
  return {
    'vue': lowestPeer('vue', 'vue'),
    'pinia': lowestPeer('vue', 'pinia'),
    'vite': lowestPeer('vite-plugin', 'vite'),
    // The newest of each that the lowest peers above accept.
    '@vitejs/plugin-vue': '5.2.4',
    'vue-router': '4.5.1',
    'typescript': catalogVersion('typescript'),
    'vue-tsc': catalogVersion('vue-tsc'),
  }
}

/** A Nuxt app's registry dependencies, for the Node that runs the test. */
export interface NuxtAppVersions {
  /** What the test's title says about them. */
  label: string
  dependencies: Record<string, string>
}

/**
 * The newest Nuxt 4 that this Node runs. Nuxt 4.6.4 needs Node `^22.22.3 || ^24.15.0` (4.4.6 and
 * later need 22.12), so Node 20 gets 4.4.5, with the lowest Pinia module and Pinia that the
 * module's peer ranges allow; newer Node gets 4.6.4 and whatever npm installs for the peers, as
 * a user who adds only the module gets, with the repository's Vite: `nuxt build` of even an
 * empty Nuxt 4.6.4 app fails on Vite 8.4.1, which npm would pick (rolldown's
 * EXTERNAL_MODULES_CANNOT_BE_TRANSFORMED_TO_MODULES on unctx). `vue-tsc` and TypeScript are for
 * `nuxi typecheck`.
 */
export function nuxtAppVersions(nodeVersion = process.versions.node): NuxtAppVersions {
  const typecheck = { 'typescript': catalogVersion('typescript'), 'vue-tsc': catalogVersion('vue-tsc') }
  if (Number(nodeVersion.split('.')[0]) >= 22)
    return { label: `Nuxt 4.6.4, the newest, Vite ${catalogVersion('vite')}, and the Pinia module npm picks`, dependencies: { nuxt: '4.6.4', vite: catalogVersion('vite'), ...typecheck } }
  return {
    label: `Nuxt 4.4.5, the newest on Node 20, with @pinia/nuxt ${lowestPeer('nuxt', '@pinia/nuxt')} and Pinia ${lowestPeer('nuxt', 'pinia')}`,
    dependencies: { 'nuxt': '4.4.5', '@pinia/nuxt': lowestPeer('nuxt', '@pinia/nuxt'), 'pinia': lowestPeer('nuxt', 'pinia'), ...typecheck },
  }
}
