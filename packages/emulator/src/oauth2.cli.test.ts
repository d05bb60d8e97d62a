import type { ChildProcess } from 'node:child_process'
import type { AddressInfo } from 'node:net'
import { spawn } from 'node:child_process'
import { createServer } from 'node:http'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { WECHAT_USER_AGENTS } from './index'

/**
 * A black-box check of WeChat's own paths for Official Accounts (wechat-oa-spec §10), against the
 * CLI started exactly as outside tests start it, over real HTTP: nothing here reaches inside.
 */

const PACKAGE = fileURLToPath(new URL('../', import.meta.url))
const TSCONFIG = fileURLToPath(new URL('../../../tsconfig.json', import.meta.url))

const WEBSITE = { appid: 'wx1111111111111111', secret: 'website-secret' }
const OA = { appid: 'wx2222222222222222', secret: 'oa-secret' }
const UNBOUND = { appid: 'wx3333333333333333', secret: 'unbound-secret' }
const TEST_ACCOUNT = { appid: 'wx4444444444444444', secret: 'test-secret' }
const IN_WECHAT = WECHAT_USER_AGENTS.wechatIos

let child: ChildProcess
let base: string
/** The app's callback server: what WeChat's own servers and the browser send it. */
let callbacks: string[]
let appServer: ReturnType<typeof createServer>
let appPort: number

beforeAll(async () => {
  callbacks = []
  appServer = createServer((req, res) => {
    callbacks.push(req.url ?? '')
    res.writeHead(200, { 'content-type': 'text/plain' }).end('app')
  })
  await new Promise<void>(resolve => appServer.listen(0, '127.0.0.1', resolve))
  appPort = (appServer.address() as AddressInfo).port
  child = spawn(`${PACKAGE}node_modules/.bin/tsx`, [
    '--tsconfig',
    TSCONFIG,
    'src/cli.ts',
    '--port',
    '0',
    '--app',
    `${WEBSITE.appid}:${WEBSITE.secret}:localhost:acme`,
    '--official-account',
    `${OA.appid}:${OA.secret}:example.com:acme`,
    '--official-account',
    `${UNBOUND.appid}:${UNBOUND.secret}:oa.example.com,www.example.com/mp`,
    '--test-account',
    `${TEST_ACCOUNT.appid}:${TEST_ACCOUNT.secret}:127.0.0.1:${appPort}:acme`,
  ], { cwd: PACKAGE, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } })
  base = await new Promise<string>((resolve, reject) => {
    let output = ''
    const read = (chunk: unknown): void => {
      output += String(chunk)
      const match = /openBase = apiBase {2}(\S+)/.exec(output)
      if (match)
        resolve(match[1]!)
    }
    child.stdout!.on('data', read)
    child.stderr!.on('data', read)
    child.once('exit', code => reject(new Error(`The CLI exited (${code}): ${output}`)))
  })
}, 60_000)

afterAll(async () => {
  if (child.exitCode === null) {
    const exited = new Promise(resolve => child.once('exit', resolve))
    child.kill('SIGTERM')
    await exited
  }
  await new Promise(resolve => appServer.close(resolve))
})

async function control(method: string, path: string, body?: unknown): Promise<any> {
  const response = await fetch(`${base}/__emulator${path}`, method === 'GET' ? {} : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) })
  return response.json()
}

beforeEach(async () => {
  await control('POST', '/reset')
  callbacks.length = 0
})

function authorizeUrl(params: Record<string, string>): string {
  return `${base}/connect/oauth2/authorize?${new URLSearchParams({ response_type: 'code', ...params })}`
}

/** Opens an authorization link as WeChat's browser does: WeChat's 301 first, then the page. */
async function authorize(params: Record<string, string>, userAgent: string = IN_WECHAT): Promise<Response> {
  const first = await fetch(authorizeUrl(params), { redirect: 'manual', headers: { 'user-agent': userAgent } })
  expect(first.status).toBe(301)
  const next = new URL(first.headers.get('location')!, first.url)
  expect(next.href).toBe(`${authorizeUrl(params)}&connect_redirect=1`)
  return fetch(next, { redirect: 'manual', headers: { 'user-agent': userAgent } })
}

async function expectErrorPage(response: Response, text: string): Promise<void> {
  expect(response.status).toBe(200)
  expect(await response.text()).toContain(text)
}

function oa(params: Record<string, string> = {}): Record<string, string> {
  return { appid: OA.appid, redirect_uri: 'https://example.com/auth/callback', scope: 'snsapi_userinfo', state: 'S1', ...params }
}

async function exchange(app: { appid: string, secret: string }, code: string): Promise<Record<string, any>> {
  const response = await fetch(`${base}/sns/oauth2/access_token?appid=${app.appid}&secret=${app.secret}&code=${code}&grant_type=authorization_code`)
  return JSON.parse(await response.text())
}

async function userinfo(token: Record<string, any>): Promise<Record<string, any>> {
  return JSON.parse(await (await fetch(`${base}/sns/userinfo?access_token=${token.access_token}&openid=${token.openid}&lang=zh_CN`)).text())
}

function codeOf(response: Response): string {
  expect(response.status).toBe(302)
  return new URL(response.headers.get('location')!).searchParams.get('code')!
}

/** Allows (or denies) on the consent page, through its plain HTML form. */
async function answerConsent(page: Response, action: 'allow' | 'deny', user?: string): Promise<Response> {
  expect(page.status).toBe(200)
  const html = await page.text()
  expect(html).toContain('允许')
  expect(html).toContain('拒绝')
  const field = (name: string): string => new RegExp(`name="${name}" value="([^"]+)"`).exec(html)![1]!
  const body = new URLSearchParams({ id: field('id'), token: field('token'), action, ...(user ? { user } : {}) })
  return fetch(new URL('consent', page.url), { method: 'POST', body, redirect: 'manual', headers: { 'user-agent': IN_WECHAT } })
}

describe('the CLI\'s /connect/oauth2/authorize, black-box', () => {
  it('shows 「请在微信客户端打开链接」 outside WeChat, and in WeCom', async () => {
    for (const userAgent of [WECHAT_USER_AGENTS.chromeWindows, WECHAT_USER_AGENTS.safariIos, WECHAT_USER_AGENTS.wecomIos, WECHAT_USER_AGENTS.wecomWindows]) {
      const page = await authorize(oa(), userAgent)
      expect(page.status).toBe(200)
      const html = await page.text()
      expect(html).toContain('<title>抱歉，出错了</title>')
      expect(html).toContain('<h4 class="weui_msg_title">请在微信客户端打开链接</h4>')
    }
    for (const userAgent of [WECHAT_USER_AGENTS.wechatAndroid, WECHAT_USER_AGENTS.wechatWindows, WECHAT_USER_AGENTS.wechatMac, WECHAT_USER_AGENTS.miniProgramAndroid])
      expect((await authorize(oa(), userAgent)).status).toBe(200)
    expect(await control('GET', '/authorizations')).toHaveLength(4)
  })

  it('answers WeChat\'s error pages with their codes', async () => {
    await expectErrorPage(await authorize(oa({ appid: '' })), 'appid不能为空，错误码：10012')
    await expectErrorPage(await authorize(oa({ appid: '', lang: 'en' })), '"appid" cannot be left blank. Error code: 10012')
    await expectErrorPage(await authorize(oa({ appid: WEBSITE.appid })), '此公众号并没有这些scope的权限，错误码：10005')
    await expectErrorPage(await authorize(oa({ appid: 'wx9999999999999999' })), '错误码：10005')
    await expectErrorPage(await authorize(oa({ appid: 'acme' })), '不支持微信开放平台的Appid，请使用公众号Appid，错误码：10016')
    await expectErrorPage(await authorize(oa({ redirect_uri: '' })), 'redirect_uri不能为空，错误码：10011')
    await expectErrorPage(await authorize(oa({ scope: '' })), 'scope不能为空，错误码：10010')
    await expectErrorPage(await authorize(oa({ scope: 'snsapi_login' })), '错误码：10005')
    await expectErrorPage(await authorize(oa({ state: 'a'.repeat(129) })), '该链接无法访问')
    expect((await authorize(oa({ state: 'a'.repeat(128) }))).status).toBe(200)
    await control('PUT', `/official-accounts/${OA.appid}/status`, { status: 'banned' })
    await expectErrorPage(await authorize(oa()), '此公众号被封禁，错误码：10004')
    await control('PUT', `/official-accounts/${OA.appid}/status`, { status: 'rate-limited' })
    await expectErrorPage(await authorize(oa()), '错误码：10009')
    await control('PUT', `/official-accounts/${OA.appid}/status`, { status: 'unverified' })
    await expectErrorPage(await authorize(oa()), '错误码：10005')
  })

  it('checks redirect_uri against the 网页授权域名: exact host, default port, path form', async () => {
    const refused = ['https://evil.com/cb', 'https://www.example.com/cb', 'https://example.com:8443/cb', 'http://example.com:8080/cb', 'https://www.example.com/other/cb', 'https://www.example.com/mpx']
    for (const redirectUri of refused)
      await expectErrorPage(await authorize(oa({ appid: UNBOUND.appid, redirect_uri: redirectUri.replace('://example.com', '://oa.example.com') })), 'redirect_uri域名与后台配置不一致，错误码：10003')
    for (const redirectUri of ['https://oa.example.com/cb', 'http://oa.example.com:80/cb', 'https://www.example.com/mp/cb', 'https://www.example.com/mp'])
      expect(codeOf(await authorize(oa({ appid: UNBOUND.appid, redirect_uri: redirectUri, scope: 'snsapi_base' })))).toMatch(/^\w{32}$/)
  })

  it('lets a test account take an IP and a port, for its followers only (10006)', async () => {
    const params = { appid: TEST_ACCOUNT.appid, redirect_uri: `http://127.0.0.1:${appPort}/cb`, scope: 'snsapi_base', state: 'T' }
    expect((await control('GET', '/official-accounts')).find((account: any) => account.appid === TEST_ACCOUNT.appid)).toMatchObject({ testAccount: true, followers: [] })
    const unfollowed = await authorize(params)
    await expectErrorPage(unfollowed, '必须关注此测试号，错误码：10006')
    await expectErrorPage(await authorize({ ...params, redirect_uri: 'http://127.0.0.1:1/cb' }), '错误码：10003')
    await control('POST', `/official-accounts/${TEST_ACCOUNT.appid}/follow`, { user: 'zhang-wei' })
    expect(codeOf(await authorize(params))).toMatch(/^\w{32}$/)
    await control('POST', `/official-accounts/${TEST_ACCOUNT.appid}/unfollow`, { user: 'zhang-wei' })
    await expectErrorPage(await authorize(params), '错误码：10006')
  })

  it('redirects snsapi_base at once, code and state before the #fragment, state= even when empty', async () => {
    const base1 = await authorize(oa({ scope: 'snsapi_base', redirect_uri: 'https://example.com/app?tab=1#/profile?x=2', state: 'Abc123' }))
    expect(base1.headers.get('location')).toMatch(/^https:\/\/example\.com\/app\?tab=1&code=\w{32}&state=Abc123#\/profile\?x=2$/)
    const empty = await authorize(oa({ scope: 'snsapi_base', redirect_uri: 'https://example.com/#/home', state: '' }))
    expect(empty.headers.get('location')).toMatch(/^https:\/\/example\.com\/\?code=\w{32}&state=#\/home$/)
    const token = await exchange(OA, codeOf(base1))
    expect(token).toMatchObject({ scope: 'snsapi_base', expires_in: 7200 })
    expect(token).not.toHaveProperty('unionid')
    expect(token).not.toHaveProperty('is_snapshotuser')
    expect(await userinfo(token)).toMatchObject({ errcode: 48001 })
  })

  it('asks for snsapi_userinfo on a consent page; 允许 gives a code, 拒绝 no redirect', async () => {
    const denied = await answerConsent(await authorize(oa()), 'deny')
    expect(denied.status).toBe(200)
    expect(denied.headers.get('location')).toBeNull()
    expect((await control('GET', '/authorizations'))[0]).toMatchObject({ status: 'denied', scope: 'snsapi_userinfo' })

    const allowed = await answerConsent(await authorize(oa({ state: 'S2' })), 'allow', 'alice')
    expect(allowed.headers.get('location')).toMatch(/^https:\/\/example\.com\/auth\/callback\?code=\w{32}&state=S2$/)
    const token = await exchange(OA, codeOf(allowed))
    expect(Object.keys(token)).toEqual(['access_token', 'expires_in', 'refresh_token', 'openid', 'scope', 'unionid'])
    expect(token.scope).toBe('snsapi_userinfo')
    expect(await userinfo(token)).toMatchObject({ nickname: 'Alice Chen', openid: token.openid, unionid: token.unionid, sex: 0, province: '' })
  })

  it('gives one user a distinct openid per AppID and one unionid per Open Platform account', async () => {
    const { code: websiteCode } = await control('POST', '/codes', { appid: WEBSITE.appid, user: 'bob' })
    const website = await exchange(WEBSITE, websiteCode)
    const viaOa = await exchange(OA, codeOf(await answerConsent(await authorize(oa()), 'allow', 'bob')))
    await control('POST', `/official-accounts/${TEST_ACCOUNT.appid}/follow`, { user: 'bob' })
    await control('PUT', '/wechat-client', { user: 'bob' })
    const viaTest = await exchange(TEST_ACCOUNT, codeOf(await answerConsent(await authorize({ appid: TEST_ACCOUNT.appid, redirect_uri: `http://127.0.0.1:${appPort}/cb`, scope: 'snsapi_userinfo' }), 'allow')))
    const unbound = await exchange(UNBOUND, codeOf(await answerConsent(await authorize(oa({ appid: UNBOUND.appid, redirect_uri: 'https://oa.example.com/cb' })), 'allow')))
    expect(new Set([website.openid, viaOa.openid, viaTest.openid, unbound.openid]).size).toBe(4)
    expect(viaOa.unionid).toBe(website.unionid)
    expect(viaTest.unionid).toBe(website.unionid)
    expect(unbound).not.toHaveProperty('unionid')
  })

  it('authorizes silently within 30 days of a consent (unless forcePopup) and for a follower from the menu', async () => {
    await answerConsent(await authorize(oa()), 'allow')
    expect(codeOf(await authorize(oa()))).toMatch(/^\w{32}$/)
    expect((await authorize(oa({ forcePopup: 'true' }))).status).toBe(200)
    await control('PUT', '/wechat-client', { rememberConsent: false })
    expect((await authorize(oa())).status).toBe(200)

    await control('POST', '/reset')
    await control('PUT', '/wechat-client', { entry: 'menu' })
    expect((await authorize(oa())).status).toBe(200)
    await control('POST', `/official-accounts/${OA.appid}/follow`, {})
    expect(codeOf(await authorize(oa({ forcePopup: 'true' })))).toMatch(/^\w{32}$/)
  })

  it('opens the snapshot page with a virtual account; 使用完整服务 asks and gives a real code', async () => {
    const snapshot = await exchange(OA, codeOf(await authorize(oa({ forceSnapShot: 'true' }))))
    expect(snapshot).toMatchObject({ scope: 'snsapi_userinfo', is_snapshotuser: 1 })
    expect(await userinfo(snapshot)).toMatchObject({ errcode: 48001 })
    const [authorization] = await control('GET', '/authorizations')
    expect(authorization).toMatchObject({ status: 'snapshot', fullServiceUrl: expect.stringMatching(/^\/connect\/oauth2\/full-service\?id=/) })

    const consent = await fetch(`${base}${authorization.fullServiceUrl}`, { headers: { 'user-agent': IN_WECHAT } })
    const real = await exchange(OA, codeOf(await answerConsent(consent, 'allow')))
    expect(real).not.toHaveProperty('is_snapshotuser')
    expect(real.openid).not.toBe(snapshot.openid)
    expect(real.unionid).not.toBe(snapshot.unionid)
    expect(await userinfo(real)).toMatchObject({ nickname: '张伟' })

    await control('PUT', '/wechat-client', { snapshot: true, rememberConsent: false })
    expect(await exchange(OA, codeOf(await authorize(oa())))).toMatchObject({ is_snapshotuser: 1 })
  })

  it('uses codes once, for their own appid, and lets a -1 still use the code', async () => {
    const code = codeOf(await authorize(oa({ scope: 'snsapi_base' })))
    expect(await exchange(WEBSITE, code)).toMatchObject({ errcode: 40029 })
    expect(await exchange(OA, code)).toHaveProperty('access_token')
    expect(await exchange(OA, code)).toMatchObject({ errcode: 40163 })

    await control('PUT', '/faults', { next: ['busy-after-use'] })
    const lost = codeOf(await authorize(oa({ scope: 'snsapi_base' })))
    expect(await exchange(OA, lost)).toMatchObject({ errcode: -1 })
    expect(await exchange(OA, lost)).toMatchObject({ errcode: 40163 })
  })

  it('refreshes an Official Account\'s token for 30 days', async () => {
    const token = await exchange(OA, codeOf(await authorize(oa({ scope: 'snsapi_base' }))))
    const refreshed = JSON.parse(await (await fetch(`${base}/sns/oauth2/refresh_token?appid=${OA.appid}&grant_type=refresh_token&refresh_token=${token.refresh_token}`)).text())
    expect(refreshed).toMatchObject({ access_token: token.access_token, refresh_token: token.refresh_token, scope: 'snsapi_base' })
  })

  it('delivers the callback twice when told to: once from WeChat\'s side, once to the browser', async () => {
    await control('POST', `/official-accounts/${TEST_ACCOUNT.appid}/follow`, {})
    await control('PUT', '/faults', { duplicateCallback: true })
    const redirect = await authorize({ appid: TEST_ACCOUNT.appid, redirect_uri: `http://127.0.0.1:${appPort}/cb`, scope: 'snsapi_base', state: 'D' })
    const location = redirect.headers.get('location')!
    expect(callbacks).toEqual([location.slice(`http://127.0.0.1:${appPort}`.length)])
    await fetch(location)
    expect(callbacks).toHaveLength(2)
    expect(new Set(callbacks).size).toBe(1)
  })
})
