import type { EmulatorOfficialAccount } from './index'
import { qrQuery, useTestEmulator } from '@wechat-qr-login/test-utils/emulator'
import { describe, expect, it, vi } from 'vitest'
import { parseCommandLine } from './command'
import { createWechatEmulator, DEMO_APP, DEMO_OFFICIAL_ACCOUNT, DEMO_USERS, WECHAT_USER_AGENTS } from './index'

const OA = DEMO_OFFICIAL_ACCOUNT
const IN_WECHAT = { 'user-agent': WECHAT_USER_AGENTS.wechatAndroid }

function authorizeQuery(params: Record<string, string> = {}): string {
  return new URLSearchParams({ appid: OA.appid, redirect_uri: 'http://localhost/auth/callback', response_type: 'code', scope: 'snsapi_userinfo', state: 'S', connect_redirect: '1', ...params }).toString()
}

const test = useTestEmulator()

describe('officialAccounts option', () => {
  it('defaults to the demo test account, which the demo users follow', () => {
    expect(test.emulator.officialAccounts()).toEqual([{
      appid: OA.appid,
      name: OA.name,
      webAuthDomain: ['localhost', '127.0.0.1'],
      openPlatformId: DEMO_APP.openPlatformId,
      testAccount: true,
      unionidWithBase: false,
      status: 'active',
      followers: DEMO_USERS.map(user => user.id),
    }])
    expect(JSON.stringify(test.emulator.officialAccounts())).not.toContain(OA.secret)
  })

  it('refuses bad accounts with the field named', () => {
    const account: EmulatorOfficialAccount = { appid: 'wx0123456789abcdef', secret: 's', webAuthDomain: 'example.com' }
    const refuse = (change: Record<string, unknown>, option: string): void => {
      expect(() => createWechatEmulator({ officialAccounts: [{ ...account, ...change } as EmulatorOfficialAccount] })).toThrowError(expect.objectContaining({ code: 'INVALID_OPTION', option: `officialAccounts[0].${option}` }))
    }
    refuse({ appid: 'wx123' }, 'appid')
    refuse({ secret: '' }, 'secret')
    refuse({ webAuthDomain: 'example.com:8080' }, 'webAuthDomain')
    refuse({ webAuthDomain: 'https://example.com' }, 'webAuthDomain')
    refuse({ webAuthDomain: '192.168.1.2' }, 'webAuthDomain')
    refuse({ webAuthDomain: ['a.com', 'b.com', 'c.com'] }, 'webAuthDomain')
    refuse({ webAuthDomain: [] }, 'webAuthDomain')
    refuse({ status: 'closed' }, 'status')
    refuse({ followers: [1] }, 'followers')
    refuse({ openPlatformId: '' }, 'openPlatformId')
    refuse({ unionidWithBase: 'yes' }, 'unionidWithBase')
    expect(() => createWechatEmulator({ officialAccounts: [{ ...account, testAccount: true, webAuthDomain: ['192.168.1.2:5173', 'localhost:5173/app'] }] })).not.toThrow()
    expect(() => createWechatEmulator({ officialAccounts: [{ ...account, appid: DEMO_APP.appid }] })).toThrowError(expect.objectContaining({ option: 'officialAccounts[0].appid', message: expect.stringContaining('registered twice') }))
    expect(() => createWechatEmulator({ officialAccounts: {} as never })).toThrowError(expect.objectContaining({ option: 'officialAccounts' }))
    expect(createWechatEmulator({ officialAccounts: [] }).officialAccounts()).toEqual([])
  })
})

describe('allowSubdomains', () => {
  it('also accepts subdomains of the 网页授权域名, for a tunnel whose host changes on each start; exact match without it', async () => {
    const account = { appid: 'wx0123456789abcdef', secret: 's', webAuthDomain: 'natappfree.cc' }
    const authorize = (allowSubdomains: boolean): Promise<Response> => createWechatEmulator({ allowSubdomains, officialAccounts: [account] })
      .fetch(new Request(`http://127.0.0.1:4399/connect/oauth2/authorize?${authorizeQuery({ appid: account.appid, redirect_uri: 'http://abc.natappfree.cc/auth/callback', scope: 'snsapi_base' })}`, { headers: IN_WECHAT }))
    expect((await authorize(false)).headers.get('x-wechat-emulator-error')).toBe('10003')
    expect((await authorize(true)).headers.get('location')).toMatch(/^http:\/\/abc\.natappfree\.cc\/auth\/callback\?code=\w{32}&state=S$/)
  })
})

describe('command line', () => {
  it('reads --official-account and --test-account, two domains, paths, a test account\'s port', () => {
    const { options } = parseCommandLine([
      '--official-account',
      'wx0123456789abcdef:s1:example.com',
      '--official-account',
      'wx0123456789abcde0:s2:a.example.com,b.example.com/mp:acme',
      '--test-account',
      'wx0123456789abcde1:s3:192.168.1.23:5173:acme',
      '--test-account',
      'wx0123456789abcde2:s4:localhost:5173,127.0.0.1:5173',
    ])
    expect(options.officialAccounts).toEqual([
      { appid: 'wx0123456789abcdef', secret: 's1', webAuthDomain: ['example.com'] },
      { appid: 'wx0123456789abcde0', secret: 's2', webAuthDomain: ['a.example.com', 'b.example.com/mp'], openPlatformId: 'acme' },
      { appid: 'wx0123456789abcde1', secret: 's3', webAuthDomain: ['192.168.1.23:5173'], openPlatformId: 'acme', testAccount: true },
      { appid: 'wx0123456789abcde2', secret: 's4', webAuthDomain: ['localhost:5173', '127.0.0.1:5173'], testAccount: true },
    ])
  })

  it('names the flag of a bad account and never its secret', () => {
    for (const [flag, value] of [['official-account', 'wx0123456789abcdef:topsecret'], ['official-account', 'wx0123456789abcdef:topsecret:example.com:8080'], ['official-account', 'wx0123456789abcdef:topsecret:10.0.0.1'], ['test-account', 'wx0123:topsecret:localhost']] as const) {
      const error = (() => {
        try {
          parseCommandLine([`--${flag}`, value])
        }
        catch (error_) {
          return error_ as Error & { option?: string }
        }
      })()
      expect(error).toMatchObject({ code: 'INVALID_OPTION', option: `--${flag}`, message: expect.stringContaining(`Invalid "--${flag}"`) })
      expect(error!.message).not.toContain('topsecret')
    }
  })
})

describe('/connect/oauth2/authorize', () => {
  it('answers 301 with a relative Location, so that a proxy\'s path prefix stays', async () => {
    const response = await test.get(`/connect/oauth2/authorize?appid=${OA.appid}&scope=snsapi_base`, { redirect: 'manual' })
    expect(response.status).toBe(301)
    expect(response.headers.get('location')).toBe(`authorize?appid=${OA.appid}&scope=snsapi_base&connect_redirect=1`)
  })

  it('refuses an Official Account\'s AppID on the QR page, as WeChat does', async () => {
    const response = await test.get(`/connect/qrconnect?${qrQuery({ appid: OA.appid })}`)
    expect(response.headers.get('x-wechat-emulator-error')).toBe('scope')
  })

  it('expires an Official Account\'s code after 5 minutes, a website app\'s after 10', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const oaCode = test.emulator.issueCode(OA.appid, 'alice', { scope: 'snsapi_base' })
    const websiteCode = test.emulator.issueCode(DEMO_APP.appid, 'alice')
    vi.setSystemTime(Date.now() + 5 * 60_000)
    const exchange = (appid: string, secret: string, code: string): Promise<Record<string, unknown>> => test.api('/sns/oauth2/access_token', { appid, secret, code, grant_type: 'authorization_code' })
    expect(await exchange(OA.appid, OA.secret, oaCode)).toMatchObject({ errcode: 42003 })
    expect(await exchange(DEMO_APP.appid, DEMO_APP.secret, websiteCode)).toHaveProperty('access_token')
  })

  it('issues codes for an Official Account by scope, and refuses what the app cannot have', async () => {
    const snapshot = test.emulator.issueCode(OA.appid, 'bob', { snapshot: true })
    expect(test.emulator.codes()).toEqual([expect.objectContaining({ code: snapshot, scope: 'snsapi_userinfo', snapshot: true, unionid: expect.any(String) })])
    expect(test.emulator.issueCode(OA.appid, 'bob', { scope: 'snsapi_base' })).toHaveLength(32)
    expect(test.emulator.codes()[1]).not.toHaveProperty('unionid')
    expect(() => test.emulator.issueCode(DEMO_APP.appid, 'bob', { scope: 'snsapi_base' })).toThrowError(expect.objectContaining({ option: 'scope' }))
    expect(() => test.emulator.issueCode(OA.appid, 'bob', { scope: 'snsapi_login' as never })).toThrowError(expect.objectContaining({ option: 'scope' }))
    expect(() => test.emulator.issueCode(OA.appid, 'bob', { scope: 'snsapi_base', snapshot: true })).toThrowError(expect.objectContaining({ option: 'snapshot' }))
    expect(() => test.emulator.issueCode('wx0123456789abcdef')).toThrowError(expect.objectContaining({ code: 'INVALID_APPID' }))
    expect(test.emulator.codes()).toHaveLength(2)
  })

  it('gives the unionid for snsapi_base too when told to', () => {
    const emulator = createWechatEmulator({ officialAccounts: [{ ...OA, webAuthDomain: [...OA.webAuthDomain], followers: [], unionidWithBase: true }] })
    emulator.issueCode(OA.appid, 'bob', { scope: 'snsapi_base' })
    expect(emulator.codes()[0]).toMatchObject({ scope: 'snsapi_base', unionid: expect.any(String) })
  })

  it('lets a user follow a test account from the 10006 page, then goes back to the link', async () => {
    test.emulator.unfollow(OA.appid, 'zhang-wei')
    const page = await test.get(`/connect/oauth2/authorize?${authorizeQuery({ scope: 'snsapi_base' })}`, { headers: IN_WECHAT })
    expect(page.headers.get('x-wechat-emulator-error')).toBe('10006')
    const html = await page.text()
    const query = /name="query" value="([^"]+)"/.exec(html)![1]!.replace(/&amp;/g, '&')
    const followed = await test.get('/connect/oauth2/follow', { method: 'POST', body: new URLSearchParams({ appid: OA.appid, user: 'zhang-wei', query }), redirect: 'manual' })
    expect(followed.status).toBe(303)
    expect(followed.headers.get('location')).toBe(`authorize?${authorizeQuery({ scope: 'snsapi_base' })}`)
    expect(test.emulator.officialAccounts()[0]!.followers).toContain('zhang-wei')
    expect((await test.get('/connect/oauth2/follow', { method: 'POST', body: new URLSearchParams({ appid: OA.appid, user: 'nobody', query }) })).status).toBe(400)
  })

  it('binds the consent form to its authorization and answers it once', async () => {
    const page = await test.get(`/connect/oauth2/authorize?${authorizeQuery()}`, { headers: IN_WECHAT })
    const html = await page.text()
    const id = /name="id" value="([^"]+)"/.exec(html)![1]!
    const token = /name="token" value="([^"]+)"/.exec(html)![1]!
    const answer = (fields: Record<string, string>): Promise<Response> => test.get('/connect/oauth2/consent', { method: 'POST', body: new URLSearchParams(fields), redirect: 'manual' })
    expect((await answer({ id, token: 'forged', action: 'allow' })).status).toBe(403)
    expect((await answer({ id: 'unknown', token, action: 'allow' })).status).toBe(404)
    expect(test.emulator.codes()).toEqual([])
    expect((await answer({ id, token, action: 'allow' })).status).toBe(302)
    expect((await answer({ id, token, action: 'allow' })).status).toBe(409)
    expect(test.emulator.codes()).toHaveLength(1)
  })

  it('works behind a proxy that serves the emulator under a path prefix, as a phone through a tunnel reaches it', async () => {
    const prefixed = createWechatEmulator({ publicUrl: 'https://abc.natapp4.cc/__wechat-emulator' })
    const viaProxy = (url: string, init?: RequestInit): Promise<Response> =>
      prefixed.fetch(new Request(url.replace('https://abc.natapp4.cc/__wechat-emulator', 'http://127.0.0.1:4399'), { ...init, headers: IN_WECHAT }))
    const link = `https://abc.natapp4.cc/__wechat-emulator/connect/oauth2/authorize?${authorizeQuery({ connect_redirect: '' }).replace('&connect_redirect=', '')}`
    const moved = await viaProxy(link, { redirect: 'manual' })
    const consentUrl = new URL(moved.headers.get('location')!, link).href
    expect(consentUrl.startsWith('https://abc.natapp4.cc/__wechat-emulator/connect/oauth2/authorize?')).toBe(true)
    const html = await (await viaProxy(consentUrl)).text()
    const action = new URL(/action="([^"]+)"/.exec(html)![1]!, consentUrl).href
    expect(action).toBe('https://abc.natapp4.cc/__wechat-emulator/connect/oauth2/consent')
    const avatar = new URL(/<img src="([^"]+)"/.exec(html)![1]!, consentUrl).href
    expect(avatar).toBe('https://abc.natapp4.cc/__wechat-emulator/__emulator/avatar/zhang-wei/132')
    const fields = Object.fromEntries(['id', 'token'].map(name => [name, new RegExp(`name="${name}" value="([^"]+)"`).exec(html)![1]!]))
    const allowed = await viaProxy(action, { method: 'POST', body: new URLSearchParams({ ...fields, action: 'allow' }), redirect: 'manual' })
    expect(allowed.headers.get('location')).toMatch(/^http:\/\/localhost\/auth\/callback\?code=\w{32}&state=S$/)
  })
})

describe('wechat client and account controls', () => {
  it('changes the client\'s settings, refusing bad ones without changing anything', async () => {
    expect(test.emulator.setWechatClient({ user: 'alice', snapshot: true })).toEqual({ user: 'alice', entry: 'link', snapshot: true, rememberConsent: true })
    expect(() => test.emulator.setWechatClient({ user: 'nobody', entry: 'menu' })).toThrowError(expect.objectContaining({ code: 'INVALID_OPTION', option: 'user' }))
    expect(() => test.emulator.setWechatClient({ entry: 'chat' as never })).toThrowError(expect.objectContaining({ option: 'wechatClient.entry' }))
    expect(() => test.emulator.setWechatClient({ colour: 'red' } as never)).toThrowError(expect.objectContaining({ option: 'wechatClient.colour' }))
    expect(test.emulator.wechatClient()).toEqual({ user: 'alice', entry: 'link', snapshot: true, rememberConsent: true })
    test.emulator.reset()
    expect(test.emulator.wechatClient()).toEqual({ user: null, entry: 'link', snapshot: false, rememberConsent: true })
  })

  it('offers them over the control API, with typed errors', async () => {
    const call = async (method: string, path: string, body: unknown): Promise<{ status: number, json: any }> => {
      const response = await test.get(`/__emulator${path}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
      return { status: response.status, json: await response.json() }
    }
    expect(await call('PUT', '/wechat-client', { entry: 'menu' })).toMatchObject({ status: 200, json: { entry: 'menu' } })
    expect(await call('PUT', '/wechat-client', { snapshot: 'yes' })).toMatchObject({ status: 400, json: { error: { code: 'INVALID_OPTION' } } })
    expect(await call('POST', '/official-accounts/wx0123456789abcdef/follow', {})).toMatchObject({ status: 400, json: { error: { code: 'INVALID_APPID' } } })
    expect(await call('PUT', `/official-accounts/${OA.appid}/status`, { status: 'closed' })).toMatchObject({ status: 400, json: { error: { code: 'INVALID_OPTION' } } })
    expect(await call('POST', `/official-accounts/${OA.appid}/unfollow`, { user: 'bob' })).toMatchObject({ status: 200, json: { followers: ['zhang-wei', 'alice', 'li-na'] } })
    expect(await call('POST', '/codes', { appid: OA.appid, user: 'alice', scope: 'snsapi_base' })).toMatchObject({ status: 200, json: { code: expect.stringMatching(/^\w{32}$/) } })
    expect((await test.get('/__emulator/authorizations')).status).toBe(200)
  })
})
