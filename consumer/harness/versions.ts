import { readFileSync } from 'node:fs'
import { join } from 'node:path'
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
