import type { EmulatorServer, WechatEmulator } from '@wechat-qr-login/emulator'
import type { WechatApp } from './wechat-api'
import { createWechatEmulator, DEMO_APP, DEMO_OFFICIAL_ACCOUNT } from '@wechat-qr-login/emulator'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createLoginEndpoint } from './login-endpoint'
import { exchangeCode, getUserInfo, isAccessTokenValid, qrconnectUrl, refreshAccessToken, WechatCallError, wechatUserId } from './wechat-api'

/** guide/other-backends: every HTTP call of the sample, against the emulator's WeChat. */
describe('the HTTP calls of another backend', () => {
  let emulator: WechatEmulator
  let wechat: EmulatorServer
  let app: WechatApp

  beforeAll(async () => {
    emulator = createWechatEmulator()
    wechat = await emulator.listen({ port: 0, hostname: '127.0.0.1' })
    app = { appid: DEMO_APP.appid, secret: DEMO_APP.secret, apiBase: wechat.url }
  })
  beforeEach(() => {
    emulator.reset()
  })
  afterEach(() => {
    vi.restoreAllMocks()
  })
  afterAll(async () => {
    await wechat.close()
  })

  it('builds a qrconnect URL that WeChat accepts and that comes back with code and state', async () => {
    const url = qrconnectUrl(app.appid, 'http://localhost:8080/login/callback?from=docs', 'Jx0b1N3uQ6m2yL8c', wechat.url)
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/connect\/qrconnect\?appid=wx[0-9a-f]{16}&redirect_uri=http%3A%2F%2Flocalhost%3A8080%2Flogin%2Fcallback%3Ffrom%3Ddocs&response_type=code&scope=snsapi_login&state=Jx0b1N3uQ6m2yL8c#wechat_redirect$/)
    expect((await fetch(url)).status).toBe(200)
    const [session] = emulator.sessions()
    emulator.scan(session!.uuid)
    const { redirectUrl, code } = emulator.confirm(session!.uuid)
    expect(redirectUrl).toBe(`http://localhost:8080/login/callback?from=docs&code=${code}&state=Jx0b1N3uQ6m2yL8c`)
  })

  it('exchanges a code, reads the profile, refreshes and checks the token', async () => {
    const token = await exchangeCode(app, emulator.issueCode(app.appid, 'zhang-wei'))
    expect(token).toMatchObject({ expires_in: 7200, scope: 'snsapi_login', openid: expect.any(String), unionid: expect.any(String) })
    expect(wechatUserId(app.appid, token)).toBe(token.unionid)
    const profile = await getUserInfo(app, String(token.access_token), String(token.openid))
    expect(profile).toMatchObject({ nickname: '张伟', sex: 0, province: '', openid: token.openid })
    const renewed = await refreshAccessToken(app, String(token.refresh_token))
    expect(renewed).toMatchObject({ access_token: token.access_token, openid: token.openid })
    expect(await isAccessTokenValid(app, String(token.access_token), String(token.openid))).toBe(true)
    expect(await isAccessTokenValid(app, 'not-a-token', String(token.openid))).toBe(false)
  })

  it('keys a user without unionid by appid and openid', async () => {
    const token = await exchangeCode(app, emulator.issueCode(app.appid, 'li-na'))
    expect(token.unionid).toBeUndefined()
    expect(wechatUserId(app.appid, token)).toBe(`openid:${app.appid}:${token.openid}`)
  })

  it('reads JSON served as text/plain with errors on HTTP 200', async () => {
    const raw = await fetch(`${wechat.url}/sns/oauth2/access_token?appid=${app.appid}&secret=${app.secret}&code=nope&grant_type=authorization_code`)
    expect(raw.status).toBe(200)
    expect(raw.headers.get('content-type')).toMatch(/^text\/plain/)
    await expect(exchangeCode(app, 'nope')).rejects.toMatchObject({ errcode: 40029 })
  })

  it('refuses a code used twice (40163)', async () => {
    const code = emulator.issueCode(app.appid)
    await exchangeCode(app, code)
    await expect(exchangeCode(app, code)).rejects.toMatchObject({ errcode: 40163 })
  })

  it('retries the exchange once when WeChat is busy (-1), and only then', async () => {
    emulator.setFaults({ next: ['busy'] })
    await expect(exchangeCode(app, emulator.issueCode(app.appid))).resolves.toHaveProperty('access_token')
    emulator.setFaults({ next: ['busy', 'busy'] })
    await expect(exchangeCode(app, emulator.issueCode(app.appid))).rejects.toMatchObject({ errcode: -1 })
    emulator.setFaults({ next: ['server-error'] })
    const code = emulator.issueCode(app.appid)
    await expect(exchangeCode(app, code)).rejects.toBeInstanceOf(WechatCallError)
    expect(emulator.codes().find(issued => issued.code === code)!.used).toBe(false)
  })

  it('fails on an empty body instead of crashing', async () => {
    emulator.setFaults({ next: ['empty'] })
    await expect(exchangeCode(app, emulator.issueCode(app.appid))).rejects.toMatchObject({ errcode: undefined, path: '/sns/oauth2/access_token' })
  })

  it('the login endpoint answers the user and no token, once per code', async () => {
    const sessions: string[] = []
    const login = createLoginEndpoint({ qr: app }, async (userId) => {
      sessions.push(userId)
      return `session=${sessions.length}; Path=/; HttpOnly; SameSite=Lax`
    })
    const code = emulator.issueCode(app.appid, 'alice')
    const post = (): Promise<Response> => login(new Request('http://localhost/api/wechat/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, state: 'Jx0b1N3uQ6m2yL8c' }) }))
    const response = await post()
    expect(response.headers.get('set-cookie')).toBe('session=1; Path=/; HttpOnly; SameSite=Lax')
    const body = await response.json()
    expect(body).toEqual({ id: expect.stringMatching(/^o[\w-]{27}$/), nickname: 'Alice Chen', avatar: expect.stringMatching(/^http/) })
    const token = emulator.tokens()[0]!
    expect(JSON.stringify(body)).not.toContain(token.accessToken)
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    expect((await post()).status).toBe(502)
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('errcode 40163'))
    const form = await login(new Request('http://localhost/api/wechat/login', { method: 'POST', body: new URLSearchParams({ code }) }))
    expect(form.status).toBe(415)
  })

  it('the login endpoint exchanges an Official Account\'s code with its credentials: the same user by unionid, no profile for snsapi_base, no session for a snapshot page', async () => {
    const officialAccount = { appid: DEMO_OFFICIAL_ACCOUNT.appid, secret: DEMO_OFFICIAL_ACCOUNT.secret, apiBase: wechat.url }
    const sessions: string[] = []
    const login = createLoginEndpoint({ qr: app, oa: officialAccount }, async (userId) => {
      sessions.push(userId)
      return 'session=1'
    })
    const post = (body: Record<string, unknown>): Promise<Response> => login(new Request('http://localhost/api/wechat/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ state: 'Jx0b1N3uQ6m2yL8c', ...body }) }))
    const byQr = await (await post({ code: emulator.issueCode(app.appid, 'alice'), flow: 'qr' })).json()
    const inWechat = await (await post({ code: emulator.issueCode(officialAccount.appid, 'alice'), flow: 'oa' })).json()
    expect(inWechat).toEqual({ id: byQr.id, nickname: 'Alice Chen', avatar: expect.stringMatching(/^http/) })
    const silent = await (await post({ code: emulator.issueCode(officialAccount.appid, 'alice', { scope: 'snsapi_base' }), flow: 'oa' })).json()
    expect(silent).toEqual({ id: expect.stringMatching(/^openid:/), nickname: '', avatar: '' })
    expect((await post({ code: emulator.issueCode(officialAccount.appid, 'alice', { snapshot: true }), flow: 'oa' })).status).toBe(403)
    expect((await post({ code: emulator.issueCode(officialAccount.appid, 'alice'), flow: 'mp' })).status).toBe(400)
    expect(sessions).toHaveLength(3)
    // The Official Account's code under the website app's credentials: WeChat refuses it (40029).
    vi.spyOn(console, 'error').mockImplementation(() => {})
    expect((await post({ code: emulator.issueCode(officialAccount.appid, 'alice'), flow: 'qr' })).status).toBe(502)
  })
})
