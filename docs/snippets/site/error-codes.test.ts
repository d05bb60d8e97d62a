import type { WechatLoginErrorCode } from '@wechat-qr-login/core'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { WECHAT_ERRCODES } from '@wechat-qr-login/core'
import { DOCS_URL, errorDocsUrl } from '@wechat-qr-login/core/internal'
import { describe, expect, it } from 'vitest'
import { listAnchors, readPage, ROOT } from './site'

/** The members of the `WechatLoginErrorCode` union, read from its source. */
function loginErrorCodes(): string[] {
  const source = readFileSync(join(ROOT, 'packages/core/src/login-error.ts'), 'utf8')
  const union = /export type WechatLoginErrorCode\b([\s\S]*?)\n\n/.exec(source)![1]!
  return [...union.matchAll(/\|\s*'([A-Z_]+)'/g)].map(match => match[1]!)
}

/** The first cells of the page's table rows: `` | `CODE` | … `` → `CODE`. */
function tableKeys(page: string): Set<string> {
  return new Set([...readPage(page).matchAll(/^\|\s*`([^`]+)`\s*\|/gm)].map(match => match[1]!))
}

describe.each(['guide/troubleshooting.md', 'zh/guide/troubleshooting.md'])('%s', (page) => {
  const keys = tableKeys(page)

  it('explains every WechatLoginErrorCode in a table row', () => {
    const codes = loginErrorCodes()
    expect(codes).toContain('INVALID_APPID')
    expect(codes).toContain('INVALID_RESPONSE')
    expect(codes.filter(code => !keys.has(code))).toEqual([])
  })

  it('explains every errcode of WECHAT_ERRCODES in a table row', () => {
    const errcodes = Object.keys(WECHAT_ERRCODES)
    expect(errcodes).toContain('40163')
    expect(errcodes.filter(errcode => !keys.has(errcode))).toEqual([])
  })
})

describe('the error reference that development messages link to', () => {
  const codes = loginErrorCodes() as WechatLoginErrorCode[]

  it.each(['', 'zh/'])('has a section for every WechatLoginErrorCode at the anchor of its link (%s)', (locale) => {
    expect(codes).toContain('STATE_MISMATCH')
    for (const code of codes) {
      const link = new URL(errorDocsUrl(code))
      expect(`${link.origin}/`).toBe(DOCS_URL)
      const page = `${locale}${link.pathname.slice(1)}.md`
      expect([...listAnchors(page)], `${page}${link.hash}`).toContain(link.hash.slice(1))
    }
  })

  it.each(['reference/errors.md', 'zh/reference/errors.md'])('%s says what happened and the fix for every code', (page) => {
    const text = readPage(page)
    for (const code of codes) {
      const section = text.split(`### \`${code}\``)[1]?.split('\n### ')[0] ?? ''
      expect(section, code).toMatch(page.startsWith('zh/') ? /发生了什么[\s\S]*怎么解决/ : /What happened[\s\S]*The fix/)
    }
  })
})
