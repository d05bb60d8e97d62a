import { describe, expect, it } from 'vitest'
import { escapeHtml, escapeText, scriptJson } from './html'

describe('escapeHtml', () => {
  it('escapes what could open markup or leave a quoted attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;')
  })

  it('keeps other text as it is', () => {
    expect(escapeHtml('微信登录 / WeChat login')).toBe('微信登录 / WeChat login')
  })
})

describe('escapeText', () => {
  it('escapes what could open markup, and keeps quotes as written', () => {
    expect(escapeText(`"scope" can't be <b>blank</b> & more`)).toBe('"scope" can\'t be &lt;b&gt;blank&lt;/b&gt; &amp; more')
  })
})

describe('scriptJson', () => {
  it('cannot end or bend the script element it is written into', () => {
    const json = scriptJson({ text: '</script><!--<script>&amp;' })
    expect(json).not.toMatch(/[<>&]/)
    expect(JSON.parse(json)).toEqual({ text: '</script><!--<script>&amp;' })
  })

  it('escapes the line separators that end a string literal in older parsers', () => {
    const json = scriptJson('a\u2028b\u2029c')
    expect(json).toBe('"a\\u2028b\\u2029c"')
    expect(JSON.parse(json)).toBe('a\u2028b\u2029c')
  })
})
