import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const APP = fileURLToPath(new URL('.', import.meta.url))
const README = fileURLToPath(new URL('../../../README.md', import.meta.url))

/** The README's "Add it to your app" blocks: `<!-- add-to-app:path -->` and the code block after it, by path. */
function readmeBlocks(): Map<string, string> {
  const readme = readFileSync(README, 'utf8')
  return new Map([...readme.matchAll(/^<!-- add-to-app:(\S+) -->\n```\w+\n([\s\S]*?)^```$/gm)].map(match => [match[1]!, match[2]!]))
}

/** The app's files, relative to it: what the README shows. */
function appFiles(dir = APP): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory())
      return appFiles(path)
    return entry.name.endsWith('.test.ts') ? [] : [relative(APP, path)]
  }).sort()
}

/**
 * README.md, "Add it to your app": each marked block is a whole file of this folder, which the
 * docs' type-check and lint cover. Other tests read the blocks from the README.
 */
describe('the README\'s "Add it to your app"', () => {
  const blocks = readmeBlocks()

  it('marks one block per file of docs/snippets/add-to-app, in the order an app is set up', () => {
    expect([...blocks.keys()]).toEqual(['vite.config.ts', 'src/main.ts', 'src/router.ts', 'src/App.vue', 'src/views/LoginView.vue', 'src/views/HomeView.vue', 'src/views/OrdersView.vue'])
    expect([...blocks.keys()].sort()).toEqual(appFiles())
  })

  it.each(appFiles())('shows %s as it is', (path) => {
    expect(blocks.get(path)).toBe(readFileSync(join(APP, path), 'utf8'))
  })
})
