import { describe, expect, it } from 'vitest'
import { returnPathOf } from './return-path'

describe('returnPathOf', () => {
  it('takes the login page\'s ?redirect= path, with its query and hash', () => {
    expect(returnPathOf({ path: '/login', query: { redirect: '/orders' } }, '/login')).toBe('/orders')
    expect(returnPathOf({ path: '/login', query: { redirect: '/orders?page=2#top' } }, '/login')).toBe('/orders?page=2#top')
  })

  it('reads ?redirect= only on the login page', () => {
    expect(returnPathOf({ path: '/orders', query: { redirect: '/account' } }, '/login')).toBeUndefined()
  })

  it.each([
    ['no redirect query', undefined],
    ['another site', '//evil.example/orders'],
    ['a scheme', 'https://evil.example/'],
    ['a backslash', '/\\evil.example'],
    ['an encoded separator', '/orders%2F..%2F..'],
    ['a list', ['/orders', '/account']],
    ['the login page itself', '/login?redirect=/orders'],
  ])('refuses %s', (_case, redirect) => {
    expect(returnPathOf({ path: '/login', query: { redirect } }, '/login')).toBeUndefined()
  })
})
