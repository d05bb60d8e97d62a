import { describe, expect, it } from 'vitest'
import { checkReturnPath, MAX_RETURN_PATH_BYTES } from './return-path'

/** A path of `length` bytes once normalized. */
function pathOfBytes(length: number): string {
  return `/${'a'.repeat(length - 1)}`
}

describe('checkReturnPath', () => {
  it('keeps same-origin paths with their query and hash, normalized', () => {
    expect(checkReturnPath('/')).toEqual({ ok: true, path: '/' })
    expect(checkReturnPath('/account?tab=1#top')).toEqual({ ok: true, path: '/account?tab=1#top' })
    expect(checkReturnPath('/a/../b/./c')).toEqual({ ok: true, path: '/b/c' })
    expect(checkReturnPath('/账户')).toEqual({ ok: true, path: '/%E8%B4%A6%E6%88%B7' })
  })

  it('keeps an encoded slash in the query, where no proxy resolves it as a path', () => {
    expect(checkReturnPath('/login?next=%2Fadmin%2F..%2F')).toEqual({ ok: true, path: '/login?next=%2Fadmin%2F..%2F' })
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
    // `/` and `\` encoded once or more, which a proxy that decodes before resolving `..` would follow.
    '/app/..%2fadmin',
    '/app/..%2Fadmin',
    '/app/..%5cadmin',
    '/app/..%5Cadmin',
    '/app/..%252fadmin',
    '/app/..%255Cadmin',
    '/app/..%25252fadmin',
    '/app/%2e%2e%2fadmin',
    '/app/..%25%32%66admin',
    '/%2F%2Fevil.example',
    '/%5C%5Cevil.example',
    // Dot segments encoded twice, and the `..;` that some servers resolve as `..`.
    '/app/%252e%252e/admin',
    '/app/..;/admin',
    '/app/%2e%2e;/admin',
    '/app/.;/admin',
    // Any encoded `%` in the path: it can hide a separator from one decoding to the next.
    '/files/100%25',
  ])('refuses %j as malformed', (value) => {
    expect(checkReturnPath(value, ['/'])).toEqual({ ok: false, reason: 'malformed' })
  })

  it.each([undefined, null, 42, ['/']])('refuses %j as malformed', (value) => {
    expect(checkReturnPath(value)).toEqual({ ok: false, reason: 'malformed' })
  })

  it('keeps percent-encoded tricks inert: the result stays a path on the app origin', () => {
    const check = checkReturnPath('/%5Cevil.example/..%2F%2Fevil.example')
    expect(check.ok ? new URL(check.path, 'https://app.example').origin : 'refused').not.toBe('https://evil.example')
    const dotted = checkReturnPath('/a%2eb/c%2E')
    expect(dotted).toEqual({ ok: true, path: '/a%2eb/c%2E' })
  })

  it('applies the allow-list to the normalized path', () => {
    const allowed = ['/app', /^\/docs\/[\w-]+$/]
    expect(checkReturnPath('/app', allowed)).toEqual({ ok: true, path: '/app' })
    expect(checkReturnPath('/app/settings', allowed)).toEqual({ ok: true, path: '/app/settings' })
    expect(checkReturnPath('/docs/intro', allowed)).toEqual({ ok: true, path: '/docs/intro' })
    for (const value of ['/application', '/app/../admin', '/app/%2e%2e/admin', '/app/.%2e/admin', '/docs/a/b'])
      expect(checkReturnPath(value, allowed), value).toEqual({ ok: false, reason: 'not-allowed' })
  })

  it('allows MAX_RETURN_PATH_BYTES bytes, measured once normalized', () => {
    expect(MAX_RETURN_PATH_BYTES).toBe(512)
    expect(checkReturnPath(pathOfBytes(512))).toEqual({ ok: true, path: pathOfBytes(512) })
    expect(checkReturnPath(pathOfBytes(513))).toEqual({ ok: false, reason: 'too-long' })
    // 171 characters, 511 bytes as `%7B`: the size that matters is the encoded one.
    expect(checkReturnPath(`/${'{'.repeat(170)}`)).toMatchObject({ ok: true })
    expect(checkReturnPath(`/${'{'.repeat(171)}`)).toEqual({ ok: false, reason: 'too-long' })
  })

  it.each([
    ['945 × "{" (2,836 bytes as %7B)', `/${'{'.repeat(945)}`],
    ['a 331-character CJK path (9 bytes each)', `/${'微'.repeat(330)}`],
    ['a long query', `/search?q=${'x'.repeat(600)}`],
    ['input too long to parse', `/${'a/..'.repeat(1000)}`],
  ])('refuses %s as too long', (_, value) => {
    expect(checkReturnPath(value)).toEqual({ ok: false, reason: 'too-long' })
  })
})
