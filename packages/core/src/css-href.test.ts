import { describe, expect, it } from 'vitest'
import { cssToHref } from './css-href'
import { assertHref } from './validate'

function decode(href: string): string {
  const base64 = href.slice('data:text/css;base64,'.length)
  return new TextDecoder().decode(Uint8Array.from(atob(base64), char => char.charCodeAt(0)))
}

describe('cssToHref', () => {
  it('inlines CSS as a base64 data:text/css URL', () => {
    const css = '.impowerBox .qrcode {width: 200px;}'
    const href = cssToHref(css)
    expect(href).toBe(`data:text/css;base64,${btoa(css)}`)
    expect(() => assertHref(href)).not.toThrow()
  })

  it('keeps Chinese text in content: intact (UTF-8, not Latin-1)', () => {
    const css = '.impowerBox .title::after { content: "请使用微信扫一扫登录 ✓" }'
    expect(decode(cssToHref(css))).toBe(css)
  })

  it('handles stylesheets larger than one encoding chunk', () => {
    const css = '.impowerBox .info { color: #333 } /* 二维码 */\n'.repeat(2000)
    expect(decode(cssToHref(css))).toBe(css)
  })

  it('accepts an empty stylesheet', () => {
    expect(cssToHref('')).toBe('data:text/css;base64,')
  })

  it('rejects a non-string with a typed error', () => {
    expect(() => cssToHref({} as never)).toThrowError(expect.objectContaining({ code: 'INVALID_CSS', option: 'css' }) as Error)
  })
})
