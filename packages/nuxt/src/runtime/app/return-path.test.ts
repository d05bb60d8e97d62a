import { describe, expect, it } from 'vitest'
import { returnPathOf } from './return-path'

describe('returnPathOf', () => {
  it('takes the login page\'s ?next= path, with its query and hash', () => {
    expect(returnPathOf({ path: '/login', query: { next: '/orders' } }, '/login')).toBe('/orders')
    expect(returnPathOf({ path: '/login', query: { next: '/orders?page=2#top' } }, '/login')).toBe('/orders?page=2#top')
  })

  it('reads ?next= only on the login page', () => {
    expect(returnPathOf({ path: '/orders', query: { next: '/account' } }, '/login')).toBeUndefined()
  })

  it.each([
    ['no next', undefined],
    ['another site', '//evil.example/orders'],
    ['a scheme', 'https://evil.example/'],
    ['a backslash', '/\\evil.example'],
    ['an encoded separator', '/orders%2F..%2F..'],
    ['a list', ['/orders', '/account']],
    ['the login page itself', '/login?next=/orders'],
  ])('refuses %s', (_case, next) => {
    expect(returnPathOf({ path: '/login', query: { next } }, '/login')).toBeUndefined()
  })
})
