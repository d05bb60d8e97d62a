import { describe, expect, it } from 'vitest'
import { validateReturnPath } from './return-path'

describe('validateReturnPath', () => {
  it('keeps same-origin paths with their query and hash, normalized', () => {
    expect(validateReturnPath('/', ['/'])).toBe('/')
    expect(validateReturnPath('/account?tab=1#top', ['/'])).toBe('/account?tab=1#top')
    expect(validateReturnPath('/a/../b/./c', ['/'])).toBe('/b/c')
  })

  it.each([
    '//evil.example',
    '//evil.example/path',
    '/\\evil.example',
    '\\\\evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    'data:text/html,x',
    'evil.example',
    '',
    '/\t/evil.example',
    '/\n/evil.example',
    '/.//evil.example',
    '/..//evil.example/path',
    '/a/..//evil.example',
    '/%2e//evil.example',
    '/%2E%2E//evil.example',
  ])('refuses %j', (value) => {
    expect(validateReturnPath(value, ['/'])).toBeUndefined()
  })

  it('refuses paths over 2048 characters', () => {
    expect(validateReturnPath(`/${'a'.repeat(2048)}`, ['/'])).toBeUndefined()
  })

  it('keeps percent-encoded tricks inert: the result stays a path on the app origin', () => {
    const path = validateReturnPath('/%5Cevil.example/..%2F%2Fevil.example', ['/'])!
    expect(new URL(path, 'https://app.example').origin).toBe('https://app.example')
  })

  it('applies the allow-list to the normalized path', () => {
    const allowed = ['/app', /^\/docs\/[\w-]+$/]
    expect(validateReturnPath('/app', allowed)).toBe('/app')
    expect(validateReturnPath('/app/settings', allowed)).toBe('/app/settings')
    expect(validateReturnPath('/docs/intro', allowed)).toBe('/docs/intro')
    expect(validateReturnPath('/application', allowed)).toBeUndefined()
    expect(validateReturnPath('/app/../admin', allowed)).toBeUndefined()
    expect(validateReturnPath('/docs/a/b', allowed)).toBeUndefined()
  })
})
