import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, normalize } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DOCS, listAnchors, listPages, readPage, ROOT } from './site'

const pages = listPages()
const english = pages.filter(page => !page.startsWith('zh/'))
const chinese = pages.filter(page => page.startsWith('zh/'))
const config = readFileSync(join(DOCS, '.vitepress', 'config.ts'), 'utf8')

describe('the docs site', () => {
  it('has every page in both languages', () => {
    expect(english.length).toBeGreaterThan(10)
    expect(chinese.map(page => page.slice(3))).toEqual(english)
  })

  it.each(pages.filter(page => !page.endsWith('index.md')))('lists %s in the sidebar', (page) => {
    expect(config).toContain(`link: '/${page.replace(/\.md$/, '')}'`)
  })

  it.each(pages)('%s: every included snippet and region exists', (page) => {
    for (const [, path, region] of readPage(page).matchAll(/^\s*<<< @\/([^\s#{]+)(?:#([\w-]+))?/gm)) {
      const file = join(DOCS, path!)
      expect(existsSync(file), `${page} includes ${path}`).toBe(true)
      const text = readFileSync(file, 'utf8')
      if (region)
        expect(text, `${page} includes ${path}#${region}`).toMatch(new RegExp(`#region ${region}\\b`))
      else // a whole file is shown as it is: region markers would show too
        expect(text, `${page} includes all of ${path}`).not.toMatch(/#(?:end)?region\b/)
    }
  })

  it.each(pages)('%s: every link to a heading finds it', (page) => {
    for (const [, target, anchor] of readPage(page).matchAll(/\]\(([\w./-]*)#([\w-]+)\)/g)) {
      const linked = target ? normalize(join(dirname(page), target.endsWith('/') ? `${target}index` : target)).replace(/\.md$/, '') : page.replace(/\.md$/, '')
      expect(existsSync(join(DOCS, `${linked}.md`)), `${page} links to ${target}`).toBe(true)
      expect([...listAnchors(`${linked}.md`)], `${page} links to ${target}#${anchor}`).toContain(anchor)
    }
  })

  it('calls the playground in Chinese what its page calls itself', () => {
    const name = /const zh: Messages = \{\s*subtitle: '([^']+)'/.exec(readFileSync(join(ROOT, 'playground', 'src', 'i18n.ts'), 'utf8'))![1]!
    expect(name).toBe('演练场')
    for (const page of chinese) {
      // Prose only: a path such as `playground/.env.local` is not a name.
      const prose = readPage(page).replace(/^```[\s\S]*?\n```/gm, '').replace(/`[^`\n]*`/g, '').replace(/\]\([^)]*\)/g, '](…)')
      expect(prose.match(/playground|演示台/gi) ?? [], page).toEqual([])
    }
    expect(chinese.filter(page => readPage(page).includes(name))).not.toEqual([])
  })

  it.each(pages)('%s: every image exists', (page) => {
    for (const [, path] of readPage(page).matchAll(/!\[[^\]]*\]\((\/[^)\s]+)\)/g))
      expect(existsSync(join(DOCS, 'public', path!)), `${page} shows ${path}`).toBe(true)
  })
})
