import { readdir } from 'node:fs/promises'
import { basename, join } from 'node:path'
import process from 'node:process'
import { run } from './process'
import { publicPackages } from './workspace'

/** Package name → absolute path of its `.tgz`. */
export type Tarballs = Record<string, string>

/** The name `pnpm pack` gives the tarball of `name`: `@scope/name` → `scope-name-<version>.tgz`. */
function tarballPrefix(name: string): string {
  return `${name.replace(/^@/, '').replace('/', '-')}-`
}

/**
 * Packs every public package into `destination` with `pnpm pack`, as a release does: `prepack`
 * builds it first, and pnpm rewrites the `workspace:` and `catalog:` ranges.
 */
export async function packAll(destination: string): Promise<Tarballs> {
  const packages = publicPackages()
  // One at a time: each build runs unbuild, TypeScript and publint, and the machine is shared.
  for (const { dir } of packages)
    await run('pnpm', ['pack', '--pack-destination', destination], { cwd: dir, env: process.env })
  return findTarballs(destination)
}

/** The tarball of every public package in `dir`, e.g. packed by `.ci/run` before anything was built. */
export async function findTarballs(dir: string): Promise<Tarballs> {
  const files = (await readdir(dir)).filter(file => file.endsWith('.tgz'))
  const tarballs: Tarballs = {}
  for (const { name } of publicPackages()) {
    const file = files.find(candidate => candidate.startsWith(tarballPrefix(name)) && /^\d/.test(candidate.slice(tarballPrefix(name).length)))
    if (!file)
      throw new Error(`No tarball of ${name} in ${dir} (found ${files.map(candidate => basename(candidate)).join(', ') || 'none'}).`)
    tarballs[name] = join(dir, file)
  }
  return tarballs
}
