import { readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { publint } from 'publint'
import { formatMessage } from 'publint/utils'
import { describe, expect, inject, it } from 'vitest'
import { run } from './harness/process'
import { ROOT } from './harness/workspace'

interface Manifest {
  name: string
  version: string
  main: string
  types: string
  engines?: { node?: string }
  exports: Record<string, string | Record<string, string>>
  dependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
}

const rootEngines = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest).engines?.node

async function entries(tarball: string): Promise<string[]> {
  return (await run('tar', ['-tzf', tarball], { cwd: ROOT })).split('\n').filter(Boolean)
}

async function manifestOf(tarball: string): Promise<Manifest> {
  return JSON.parse(await run('tar', ['-xzOf', tarball, 'package/package.json'], { cwd: ROOT })) as Manifest
}

describe.each(Object.entries(inject('tarballs')))('the tarball of %s', (_name, tarball) => {
  it('ships every file its exports map names, its license and readme, built with no prior build', async () => {
    const files = await entries(tarball)
    const manifest = await manifestOf(tarball)
    const targets = Object.values(manifest.exports).flatMap(target => typeof target === 'string' ? [target] : Object.values(target))
    for (const target of targets)
      expect(files, target).toContain(`package/${target.replace(/^\.\//, '')}`)
    expect(files).toEqual(expect.arrayContaining(['package/LICENSE', 'package/README.md', ...[manifest.main, manifest.types].map(file => `package/${file.replace(/^\.\//, '')}`)]))
  })

  it('states the repository\'s Node range, caret ranges for its dependencies and no workspace range', async () => {
    const manifest = await manifestOf(tarball)
    expect(manifest.engines?.node).toBe(rootEngines)
    for (const [dependency, range] of Object.entries({ ...manifest.dependencies, ...manifest.peerDependencies })) {
      expect(range, dependency).not.toMatch(/workspace:|catalog:/)
      expect(range, dependency).toMatch(/^\^\d/)
    }
  })

  it('passes publint with no message', async () => {
    const { messages, pkg } = await publint({ pack: { tarball: (await readFile(tarball)).buffer }, level: 'suggestion' })
    expect(messages.map(message => formatMessage(message, pkg))).toEqual([])
  })

  it('resolves types and code under node10, node16 and bundler resolution (attw; ESM-only by choice)', async () => {
    // Every check of attw's default profile, except the one rule that is the choice itself: a
    // `require()` of an ESM-only package is Node's dynamic-import-only case.
    await run(join(ROOT, 'node_modules/.bin/attw'), [tarball, '--ignore-rules', 'cjs-resolves-to-esm', '--format', 'table-flipped'], { cwd: ROOT })
  })
})
