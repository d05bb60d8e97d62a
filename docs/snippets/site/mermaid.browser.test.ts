import type { MermaidConfig } from 'mermaid'
import type { Browser, Page } from 'playwright-core'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { launchChromium } from '@test/browser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import config from '../../.vitepress/config'
import { DOCS, listPages, readPage } from './site'

/** One ```mermaid block of a page. */
interface Diagram {
  page: string
  /** 1-based, in the order of the page. */
  index: number
  /** The line of the opening fence. */
  line: number
  /** What vitepress-plugin-mermaid hands to `mermaid.render()`: the fence's content. */
  code: string
}

function listDiagrams(): Diagram[] {
  return listPages().flatMap((page) => {
    const text = readPage(page)
    return [...text.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((match, index) => ({
      page,
      index: index + 1,
      line: text.slice(0, match.index).split('\n').length,
      code: match[1]!,
    }))
  })
}

/** The mermaid the site bundles: the docs package's own dependency. */
const MERMAID_SCRIPT = createRequire(join(DOCS, 'package.json')).resolve('mermaid/dist/mermaid.min.js')

/**
 * What vitepress-plugin-mermaid's `<Mermaid>` initializes mermaid with: its defaults, the site's
 * `mermaid` option, and `theme: 'dark'` when the reader switched to dark.
 */
const SITE_CONFIG: MermaidConfig = { securityLevel: 'loose', startOnLoad: false, ...config.mermaid }
const THEMES = ['default', 'dark'] as const

const diagrams = listDiagrams()

/**
 * Every diagram of the site (both languages) renders in Chromium with the mermaid version and the
 * settings the site uses. A parse error would show the reader mermaid's "Syntax error in text".
 */
describe('the docs\' mermaid diagrams', () => {
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    browser = await launchChromium()
    page = await browser.newPage()
    await page.setContent('<!doctype html><html><body></body></html>')
    await page.addScriptTag({ path: MERMAID_SCRIPT })
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('finds the diagrams of both languages', () => {
    expect(diagrams.filter(diagram => !diagram.page.startsWith('zh/')).length).toBeGreaterThan(3)
    expect(diagrams.filter(diagram => diagram.page.startsWith('zh/')).map(diagram => `${diagram.page.slice(3)} #${diagram.index}`))
      .toEqual(diagrams.filter(diagram => !diagram.page.startsWith('zh/')).map(diagram => `${diagram.page} #${diagram.index}`))
  })

  it.each(diagrams.map(diagram => [`${diagram.page} diagram ${diagram.index} (line ${diagram.line})`, diagram] as const))('%s renders', async (_name, diagram) => {
    for (const theme of THEMES) {
      const outcome = await page.evaluate(async ({ code, settings, id }) => {
        const { mermaid } = window as unknown as { mermaid: typeof import('mermaid').default }
        mermaid.initialize(settings)
        try {
          const { svg } = await mermaid.render(id, code)
          return /aria-roledescription="error"/.test(svg) ? 'rendered mermaid\'s error diagram' : 'ok'
        }
        catch (error) {
          return String((error as Error).message ?? error)
        }
      }, { code: diagram.code, settings: { ...SITE_CONFIG, theme }, id: `diagram-${diagram.index}-${theme}` })
      expect(outcome, `${diagram.page}, diagram ${diagram.index} (line ${diagram.line}), theme ${theme}`).toBe('ok')
    }
  })
})
