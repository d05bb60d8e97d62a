import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { WECHAT_ERRCODES } from '@wechat-qr-login/core'
import { describe, expect, it } from 'vitest'
import { readPage, ROOT } from './site'

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
