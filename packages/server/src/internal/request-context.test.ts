import { describe, expect, it } from 'vitest'
import { resolveAuthOptions } from '../options'
import { createRequestContext } from './request-context'

const options = resolveAuthOptions({ appid: 'wx0123456789abcdef', secret: 'secret', sessionSecret: 'x'.repeat(32), trustProxy: true })
const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'public.example.com' }

describe('createRequestContext', () => {
  it('keeps the forwarded host when the path starts with "//"', () => {
    const request = new Request('http://127.0.0.1:3000//evil.example/auth/wechat/state?x=1', { headers: forwarded })
    const context = createRequestContext(request, options)
    expect(context.url.href).toBe('https://public.example.com//evil.example/auth/wechat/state?x=1')
    expect(context.redirectUri).toBe('https://public.example.com/auth/wechat/callback')
    expect(context.appOrigin).toBe('https://public.example.com')
  })

  it('rebuilds the URL from X-Forwarded-* with trustProxy', () => {
    const context = createRequestContext(new Request('http://127.0.0.1:3000/auth/wechat/state?mode=redirect', { headers: forwarded }), options)
    expect(context.url.href).toBe('https://public.example.com/auth/wechat/state?mode=redirect')
    expect(context).toMatchObject({ https: true, secure: true, trustworthy: true })
  })
})
