import type { RedirectUriCheckInput } from './redirect-check'
import { describe, expect, it } from 'vitest'
import { checkRedirectUri } from './redirect-check'

function codes(input: RedirectUriCheckInput): string[] {
  return checkRedirectUri(input).map(problem => problem.code)
}

describe('checkRedirectUri', () => {
  it('finds nothing wrong with an https redirect through a fixed tunnel on the callback domain', () => {
    expect(checkRedirectUri({ redirectUri: 'https://abc.natapp4.cc/auth/wechat/callback', callbackDomain: 'abc.natapp4.cc', tunnel: 'https://abc.natapp4.cc' })).toEqual([])
    expect(checkRedirectUri({})).toEqual([])
  })

  it('flags a callback domain written with a scheme, port or path, and names the bare domain', () => {
    const [problem] = checkRedirectUri({ callbackDomain: 'https://abc.natapp4.cc/callback' })
    expect(problem?.code).toBe('CALLBACK_DOMAIN_NOT_BARE')
    expect(problem?.message).toContain('("abc.natapp4.cc")')
    expect(codes({ callbackDomain: 'abc.natapp4.cc:8080' })).toEqual(['CALLBACK_DOMAIN_NOT_BARE'])
    expect(codes({ callbackDomain: 'ABC.natapp4.cc' })).toEqual([])
  })

  it('flags a non-default port, on the redirect URI or on the tunnel used for it', () => {
    const [problem] = checkRedirectUri({ redirectUri: 'https://abc.natapp4.cc:8443/cb', callbackDomain: 'abc.natapp4.cc' })
    expect(problem).toEqual({ code: 'NON_DEFAULT_PORT', message: expect.stringContaining('uses port 8443') })
    expect(problem?.message).toContain('redirect_uri 参数错误')
    expect(codes({ tunnel: 'http://abc.example.com:8080' })).toEqual(['NON_DEFAULT_PORT'])
    expect(codes({ redirectUri: 'https://abc.natapp4.cc:443/cb' })).toEqual([])
  })

  it.each(['http://localhost:5173/cb', 'http://127.0.0.1/cb', 'http://app.localhost/cb', 'http://[::1]:5173/cb'])('flags the local address in %s and points at the tunnel', (redirectUri) => {
    const problems = checkRedirectUri({ redirectUri, callbackDomain: 'abc.natapp4.cc', tunnel: 'https://abc.natapp4.cc' })
    expect(problems.map(p => p.code)).toEqual(['LOCAL_HOST'])
    expect(problems[0]?.message).toContain('"https://abc.natapp4.cc/auth/wechat/callback"')
  })

  it('says that an IP address cannot be a website app\'s callback domain, and suggests no IP', () => {
    const [problem, ...more] = checkRedirectUri({ tunnel: 'http://203.0.113.5' })
    expect(more).toEqual([])
    expect(problem).toEqual({ code: 'IP_ADDRESS', message: expect.stringContaining('The tunnel "http://203.0.113.5" is an IP address, but a website app\'s 授权回调域 must be a domain name') })
    expect(problem?.message).not.toMatch(/local address|e\.g\. "http:\/\/203/)
    expect(codes({ redirectUri: 'http://192.168.1.20:5173/cb' })).toEqual(['IP_ADDRESS'])
    expect(checkRedirectUri({ redirectUri: 'http://203.0.113.5/cb', tunnel: 'https://abc.natapp4.cc' })[0]?.message).toContain('Put the redirect URI on your tunnel, e.g. "https://abc.natapp4.cc/auth/wechat/callback"')
  })

  it('flags the port of a tunnel written as host:port, as for a URL with a port', () => {
    const [problem] = checkRedirectUri({ tunnel: 'abc.natapp4.cc:8080' })
    expect(problem).toEqual({ code: 'NON_DEFAULT_PORT', message: expect.stringContaining('The tunnel "abc.natapp4.cc:8080" uses port 8080') })
  })

  it('flags a host that is not the callback domain', () => {
    const [problem] = checkRedirectUri({ redirectUri: 'https://abc.natapp4.cc/cb', callbackDomain: 'www.example.com' })
    expect(problem?.code).toBe('HOST_NOT_UNDER_CALLBACK_DOMAIN')
    expect(problem?.message).toBe('The redirect URI "https://abc.natapp4.cc/cb" (host "abc.natapp4.cc") is not on the callback domain "www.example.com": WeChat refuses it ("redirect_uri 参数错误" / "该链接无法访问"). Register "abc.natapp4.cc" as 授权回调域 in the WeChat Open Platform console, or move the redirect URI onto "www.example.com".')
  })

  it('flags a subdomain of the callback domain as unconfirmed', () => {
    expect(codes({ redirectUri: 'https://dev.example.com/cb', callbackDomain: 'example.com' })).toEqual(['SUBDOMAIN_OF_CALLBACK_DOMAIN'])
  })

  it('checks the tunnel itself when no redirect URI is given', () => {
    expect(codes({ tunnel: 'https://abc.natapp4.cc', callbackDomain: 'www.example.com' })).toEqual(['HOST_NOT_UNDER_CALLBACK_DOMAIN'])
    expect(codes({ tunnel: 'abc.natapp4.cc', callbackDomain: 'abc.natapp4.cc' })).toEqual([])
  })

  it('flags a redirect URI that bypasses the tunnel', () => {
    const [problem] = checkRedirectUri({ redirectUri: 'https://www.example.com/cb', tunnel: 'https://abc.natapp4.cc' })
    expect(problem?.code).toBe('NOT_THROUGH_TUNNEL')
    expect(problem?.message).toContain('Use "https://abc.natapp4.cc" as the redirect URI\'s origin')
  })

  it('flags http where the tunnel gives https', () => {
    const [problem] = checkRedirectUri({ redirectUri: 'http://abc.natapp4.cc/auth/wechat/callback', tunnel: 'https://abc.natapp4.cc' })
    expect(problem?.code).toBe('HTTP_BEHIND_HTTPS_TUNNEL')
    expect(problem?.message).toContain('"https://abc.natapp4.cc/auth/wechat/callback"')
    expect(codes({ redirectUri: 'http://abc.natappfree.cc/cb', tunnel: 'http://abc.natappfree.cc' })).toEqual(['ROTATING_TUNNEL_DOMAIN'])
  })

  it.each(['abc.natappfree.cc', 'https://big-blue-words.trycloudflare.com'])('flags the free domain %s that changes on every start', (tunnel) => {
    expect(codes({ tunnel })).toEqual(['ROTATING_TUNNEL_DOMAIN'])
  })

  it('flags the click-through page of free ngrok and localtunnel', () => {
    expect(codes({ tunnel: 'https://my-name.ngrok-free.app' })).toEqual(['TUNNEL_INTERSTITIAL'])
    expect(codes({ tunnel: 'https://sub.loca.lt' })).toEqual(['ROTATING_TUNNEL_DOMAIN', 'TUNNEL_INTERSTITIAL'])
  })

  it('ignores a suffix tunnel, whose host is unknown', () => {
    expect(codes({ tunnel: '.natappfree.cc', callbackDomain: 'abc.natapp4.cc' })).toEqual([])
  })
})
