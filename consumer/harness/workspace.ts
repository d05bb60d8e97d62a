import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository's root. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url))

/** The fixture apps' own files (scaffold and test-only files, beside what the README gives). */
export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url))

/** A package users install: its name and folder. */
export interface PublicPackage {
  name: string
  dir: string
}

/** Every package of `packages/` that is published (not `private`), in folder order. */
export function publicPackages(): PublicPackage[] {
  const packagesDir = join(ROOT, 'packages')
  return readdirSync(packagesDir, { withFileTypes: true })
    .filter(entry => entry.isDirectory())
    .map(entry => join(packagesDir, entry.name))
    .map(dir => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string, private?: boolean } }))
    .filter(({ manifest }) => !manifest.private)
    .map(({ dir, manifest }) => ({ name: manifest.name, dir }))
}

/**
 * The versions the workspace pins in its pnpm catalog (`pnpm-workspace.yaml`), so that the newest
 * consumer app installs exactly what the repository tests with.
 */
export function catalogVersions(): Record<string, string> {
  const yaml = readFileSync(join(ROOT, 'pnpm-workspace.yaml'), 'utf8')
  const catalog = /^catalog:\n((?:[ \t].*\n|\n)*)/m.exec(yaml)?.[1] ?? ''
  return Object.fromEntries([...catalog.matchAll(/^[ \t]+'?([@\w/.-]+)'?:[ \t]*(\S+)/gm)].map(([, name, version]) => [name!, version!]))
}

/** The pinned catalog version of `name`; throws when the catalog has none. */
export function catalogVersion(name: string): string {
  const version = catalogVersions()[name]
  if (!version)
    throw new Error(`pnpm-workspace.yaml has no catalog entry for "${name}": add one, the consumer apps install that version.`)
  return version
}
