import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The docs folder. */
export const DOCS = fileURLToPath(new URL('../..', import.meta.url))
/** The repository root. */
export const ROOT = join(DOCS, '..')

/** Every Markdown page of the site, relative to `docs/` (e.g. `guide/why.md`, `zh/guide/why.md`). */
export function listPages(): string[] {
  const pages: string[] = []
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules' || entry.name === 'public' || entry.name === 'snippets')
        continue
      const path = join(dir, entry.name)
      if (entry.isDirectory())
        walk(path)
      else if (entry.name.endsWith('.md'))
        pages.push(relative(DOCS, path))
    }
  }
  walk(DOCS)
  return pages.sort()
}

/** A page's text. */
export function readPage(page: string): string {
  return readFileSync(join(DOCS, page), 'utf8')
}

/** The names a package's `src/index.ts` exports (values and types), `default` left out. */
export function listExports(pkg: string): string[] {
  const source = readFileSync(join(ROOT, 'packages', pkg, 'src', 'index.ts'), 'utf8')
  const names = new Set<string>()
  for (const [, list] of source.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g)) {
    for (const item of list!.split(',')) {
      const name = item.trim().split(/\s+as\s+/).pop()!.trim()
      if (name && name !== 'default')
        names.add(name)
    }
  }
  return [...names].sort()
}

/** VitePress's heading slugs (@mdit-vue/shared `slugify`), for headings without an explicit `{#id}`. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036F]/g, '')
    // eslint-disable-next-line no-control-regex -- as VitePress does
    .replace(/[\u0000-\u001F]/g, '')
    .replace(/[\s~`!@#$%^&*()\-_+=[\]{}|\\;:"'“”‘’<>,.?/]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '')
    .replace(/^(\d)/, '_$1')
    .toLowerCase()
}

/** The anchors a page's headings get: an explicit `{#id}`, else the slug of the heading's text. */
export function listAnchors(page: string): Set<string> {
  const anchors = new Set<string>()
  for (const [, heading] of readPage(page).matchAll(/^#{1,6} (.+)$/gm)) {
    const explicit = /\{#([\w-]+)\}\s*$/.exec(heading!)
    anchors.add(explicit ? explicit[1]! : slugify(heading!.replace(/`/g, '')))
  }
  return anchors
}
