import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DOCS, listPages, ROOT } from './site'

interface Manifest {
  engines?: { node?: string }
}

function manifest(path: string): Manifest {
  return JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as Manifest
}

const range = manifest('package.json').engines?.node
const packages = readdirSync(join(ROOT, 'packages'))

/** Every text that tells users which Node they need: the site's pages and the READMEs. */
const texts: [string, string][] = [
  ...listPages().map(page => [`docs/${page}`, readFileSync(join(DOCS, page), 'utf8')] as [string, string]),
  ...['README.md', 'CONTRIBUTING.md', ...packages.map(pkg => `packages/${pkg}/README.md`)]
    .map(file => [file, readFileSync(join(ROOT, file), 'utf8')] as [string, string]),
]

/** The supported Node range is stated once, the same everywhere, and true to what CI runs. */
describe('the supported Node range', () => {
  it('is the root package\'s engines range, which CI runs (Node 20, 22 and 24)', () => {
    expect(range).toBe('^20.19.0 || >=22.12.0')
    const ci = readFileSync(join(ROOT, '.ci/run'), 'utf8')
    expect(ci).toContain('node_bin 24')
    expect(ci).toContain('node_bin 22')
  })

  it.each(packages)('is the engines range of packages/%s', (pkg) => {
    expect(manifest(`packages/${pkg}/package.json`).engines?.node).toBe(range)
  })

  it.each(texts)('is the only range %s states, with no looser wording', (_file, text) => {
    for (const [, stated] of text.matchAll(/Node[ （(]*`([^\d`]*\d[^`]*)`/g))
      expect(stated).toBe(range)
    expect(text).not.toMatch(/Node(?:\.js)? \d+(?:\.\d+)?(?: or (?:later|newer)|\+| \(or newer\)| 及以上)/)
  })
})
