import { describe, expect, it } from 'vitest'
import { listExports, readPage } from './site'

const PACKAGES = ['core', 'vue', 'server', 'emulator', 'vite-plugin']

/** Names that a heading of the page shows in backticks. */
function headingNames(page: string): Set<string> {
  const names = new Set<string>()
  for (const [, heading] of readPage(page).matchAll(/^#{2,4} (.*)$/gm)) {
    for (const [, name] of heading!.matchAll(/`([\w$]+)/g))
      names.add(name!)
  }
  return names
}

describe.each(PACKAGES)('the API reference of @wechat-qr-login/%s', (pkg) => {
  const exported = listExports(pkg)

  it.each([`reference/${pkg}.md`, `zh/reference/${pkg}.md`])('%s has a heading for every public export', (page) => {
    expect(exported.length).toBeGreaterThan(3)
    const documented = headingNames(page)
    expect(exported.filter(name => !documented.has(name))).toEqual([])
  })
})
