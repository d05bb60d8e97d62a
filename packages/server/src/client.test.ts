import type { FakeWechat } from '@wechat-qr-login/test-utils/fake-wechat'
import { WechatApiError, WechatLoginError } from '@wechat-qr-login/core'
import { createFakeWechat, FAKE_APPID, FAKE_SECRET } from '@wechat-qr-login/test-utils/fake-wechat'
import { listen } from '@wechat-qr-login/test-utils/listen'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createWechatClient } from './client'

async function failure(promise: Promise<unknown>): Promise<WechatLoginError> {
  const error = await promise.then(() => undefined, (error: unknown) => error)
  expect(error).toBeInstanceOf(WechatLoginError)
  return error as WechatLoginError
}

function expectNoSecrets(error: Error, ...secrets: string[]): void {
  const text = `${error.message} ${JSON.stringify(error)}`
  for (const secret of secrets)
    expect(text).not.toContain(secret)
}

describe('createWechatClient', () => {
  let wechat: FakeWechat
  const client = (options: { timeout?: number, apiBase?: string } = {}): ReturnType<typeof createWechatClient> =>
    createWechatClient({ appid: FAKE_APPID, secret: FAKE_SECRET, apiBase: 'https://api.test', fetch: wechat.fetch, retryDelay: 10, ...options })

  beforeEach(() => {
    wechat = createFakeWechat()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('exchanges a code with GET and query parameters', async () => {
    const code = wechat.issueCode('alice')
    const token = await client().exchangeCode(code)
    expect(token).toMatchObject({ openid: 'openid-alice', unionid: 'union-alice', expires_in: 7200 })
    const [url] = wechat.calls
    expect(url!.origin + url!.pathname).toBe('https://api.test/sns/oauth2/access_token')
    expect(Object.fromEntries(url!.searchParams)).toEqual({ appid: FAKE_APPID, secret: FAKE_SECRET, code, grant_type: 'authorization_code' })
  })

  it('keeps a path prefix of apiBase and drops its trailing slash', async () => {
    await client({ apiBase: 'https://gateway.test/wechat/' }).exchangeCode(wechat.issueCode()).catch(() => {})
    expect(wechat.calls[0]!.href).toMatch(/^https:\/\/gateway\.test\/wechat\/sns\/oauth2\/access_token\?/)
  })

  it('parses text/plain JSON with escaped slashes and unknown fields', async () => {
    const api = client()
    const token = await api.exchangeCode(wechat.issueCode('bob'))
    const info = await api.getUserInfo(token.access_token, token.openid)
    expect(info.headimgurl).toBe('https://thirdwx.qlogo.cn/mmopen/bob/132')
    expect(info.language).toBe('zh_CN')
    expect(wechat.calls[1]!.searchParams.get('lang')).toBe('zh_CN')
    await api.getUserInfo(token.access_token, token.openid, 'en')
    expect(wechat.calls[2]!.searchParams.get('lang')).toBe('en')
  })

  it('turns an errcode on HTTP 200 into a WechatApiError without secrets', async () => {
    const code = wechat.issueCode()
    const api = client()
    await api.exchangeCode(code)
    const error = await failure(api.exchangeCode(code))
    expect(error).toBeInstanceOf(WechatApiError)
    expect(error).toMatchObject({ code: 'WECHAT_API_ERROR', errcode: 40163, category: 'invalid-code', endpoint: '/sns/oauth2/access_token' })
    expectNoSecrets(error, code, FAKE_SECRET)
  })

  it('reports a wrong secret as a configuration error', async () => {
    const api = createWechatClient({ appid: FAKE_APPID, secret: 'wrong-secret', apiBase: 'https://api.test', fetch: wechat.fetch })
    const error = await failure(api.exchangeCode(wechat.issueCode()))
    expect(error).toMatchObject({ errcode: 40125, category: 'configuration' })
  })

  it.each([
    ['an empty body', 'empty', /empty body/],
    ['an HTML body', 'html', /not JSON/],
  ] as const)('turns %s into INVALID_RESPONSE', async (_, fault, message) => {
    wechat.fail(fault)
    const code = wechat.issueCode()
    const error = await failure(client().exchangeCode(code))
    expect(error.code).toBe('INVALID_RESPONSE')
    expect(error.message).toMatch(message)
    expectNoSecrets(error, code, FAKE_SECRET)
  })

  it('turns JSON without a token into INVALID_RESPONSE', async () => {
    const api = createWechatClient({ appid: FAKE_APPID, secret: FAKE_SECRET, fetch: async () => new Response('{"openid":"o"}') })
    expect((await failure(api.exchangeCode('c'))).code).toBe('INVALID_RESPONSE')
    const array = createWechatClient({ appid: FAKE_APPID, secret: FAKE_SECRET, fetch: async () => new Response('[1]') })
    expect((await failure(array.exchangeCode('c'))).message).toMatch(/not an object/)
  })

  it('retries a code exchange once when WeChat was busy', async () => {
    wechat.fail('busy')
    const token = await client().exchangeCode(wechat.issueCode('carol'))
    expect(token.openid).toBe('openid-carol')
    expect(wechat.calls).toHaveLength(2)
  })

  it('gives up after one retry', async () => {
    wechat.fail('busy', 'busy')
    const error = await failure(client().exchangeCode(wechat.issueCode()))
    expect(error).toMatchObject({ errcode: -1, retryable: true })
    expect(wechat.calls).toHaveLength(2)
  })

  it.each(['server-error', 'network'] as const)('never retries a code exchange after a %s, since the code may be consumed', async (fault) => {
    wechat.fail(fault)
    const error = await failure(client().exchangeCode(wechat.issueCode()))
    expect(error.code).toBe(fault === 'network' ? 'WECHAT_UNREACHABLE' : 'INVALID_RESPONSE')
    expect(wechat.calls).toHaveLength(1)
  })

  it.each(['busy', 'server-error', 'network'] as const)('retries an idempotent call once after a %s', async (fault) => {
    const api = client()
    const token = await api.exchangeCode(wechat.issueCode('dave'))
    wechat.fail(fault)
    expect((await api.getUserInfo(token.access_token, token.openid)).nickname).toBe('dave')
    wechat.fail(fault)
    expect(await api.checkToken(token.access_token, token.openid)).toBe(true)
    wechat.fail(fault)
    expect((await api.refreshToken(token.refresh_token)).access_token).toBe('renewed')
    expect(wechat.calls).toHaveLength(7)
  })

  it('says HTTP 5xx when retries are spent', async () => {
    wechat.fail('server-error', 'server-error')
    const error = await failure(client().refreshToken('r'))
    expect(error).toMatchObject({ code: 'INVALID_RESPONSE' })
    expect(error.message).toMatch(/HTTP 502/)
  })

  it('times out after 10 seconds by default and does not retry', async () => {
    vi.useFakeTimers()
    wechat.fail('hang')
    const api = createWechatClient({ appid: FAKE_APPID, secret: FAKE_SECRET, fetch: wechat.fetch })
    const pending = failure(api.exchangeCode(wechat.issueCode()))
    await vi.advanceTimersByTimeAsync(9_999)
    expect(wechat.calls).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    const error = await pending
    expect(error).toMatchObject({ code: 'WECHAT_UNREACHABLE', cause: expect.objectContaining({ name: 'TimeoutError' }) })
    expect(wechat.calls).toHaveLength(1)
  })

  it('applies the timeout to idempotent calls too', async () => {
    vi.useFakeTimers()
    wechat.fail('hang')
    const pending = failure(client({ timeout: 500 }).getUserInfo('t', 'o'))
    await vi.advanceTimersByTimeAsync(500)
    expect((await pending).code).toBe('WECHAT_UNREACHABLE')
  })

  it('calls WeChat through Node\'s http client by default, and says which system error kept it from WeChat', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch')
    const closed = await listen(() => {})
    await closed.close()
    const api = createWechatClient({ appid: FAKE_APPID, secret: FAKE_SECRET, apiBase: closed.url })
    const error = await failure(api.exchangeCode('code'))
    expect(error.code).toBe('WECHAT_UNREACHABLE')
    expect(error.message).toContain('WeChat API /sns/oauth2/access_token could not be reached (ECONNREFUSED)')
    expect(fetch).not.toHaveBeenCalled()
    fetch.mockRestore()
  })

  it('answers checkToken with false for an invalid token and throws for other errors', async () => {
    const api = client()
    expect(await api.checkToken('unknown', 'o')).toBe(false)
    wechat.fail('empty')
    expect((await failure(api.checkToken('unknown', 'o'))).code).toBe('INVALID_RESPONSE')
  })

  it('refuses empty arguments before calling WeChat', async () => {
    const api = client()
    expect((await failure(api.exchangeCode(''))).code).toBe('INVALID_REQUEST')
    expect((await failure(api.getUserInfo('t', ''))).option).toBe('openid')
    expect(wechat.calls).toHaveLength(0)
  })

  it('refuses delays longer than setTimeout can wait, which would fire at once', () => {
    const limit = 2 ** 31 - 1
    for (const option of ['timeout', 'retryDelay'] as const) {
      expect(() => createWechatClient({ appid: FAKE_APPID, secret: 's', [option]: limit + 1 })).toThrow(expect.objectContaining({ code: 'INVALID_OPTION', option, message: expect.stringContaining(`up to ${limit}`) }))
      expect(() => createWechatClient({ appid: FAKE_APPID, secret: 's', [option]: limit })).not.toThrow()
    }
    expect(() => createWechatClient({ appid: FAKE_APPID, secret: 's', retryDelay: 0 })).not.toThrow()
  })

  it('validates its options', () => {
    expect(() => createWechatClient({ appid: 'wx123', secret: 's' })).toThrow(expect.objectContaining({ code: 'INVALID_APPID' }))
    expect(() => createWechatClient({ appid: FAKE_APPID, secret: '' })).toThrow(expect.objectContaining({ code: 'INVALID_OPTION', option: 'secret' }))
    expect(() => createWechatClient({ appid: FAKE_APPID, secret: 's', apiBase: 'api.weixin.qq.com' })).toThrow(expect.objectContaining({ code: 'INVALID_BASE_URL' }))
    expect(() => createWechatClient({ appid: FAKE_APPID, secret: 's', timeout: 0 })).toThrow(expect.objectContaining({ option: 'timeout' }))
    expect(() => createWechatClient({ appid: FAKE_APPID, secret: 's', fetch: 'no' as never })).toThrow(expect.objectContaining({ option: 'fetch' }))
  })
})
