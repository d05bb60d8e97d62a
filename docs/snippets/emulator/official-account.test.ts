import type { EmulatorServer } from '@wechat-qr-login/emulator'
import { createWechatEmulator, WECHAT_USER_AGENTS } from '@wechat-qr-login/emulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const SECRET = 'not-a-real-secret-only-for-the-emulator'

// #region options
const emulator = createWechatEmulator({
  apps: [{ appid: 'wx00112233445566aa', secret: SECRET, callbackDomain: 'localhost', openPlatformId: 'my-company' }],
  officialAccounts: [{
    appid: 'wx00112233445566bb',
    secret: SECRET,
    webAuthDomain: 'www.example.com', // the 网页授权域名: exact host, default port
    openPlatformId: 'my-company', // the same Open Platform account: one unionid for both logins
  }],
})
// #endregion options

/** guide/emulator#official-account: the in-WeChat login, driven over HTTP as the docs describe it. */
describe('the Official Account flow as the docs use it', () => {
  let server: EmulatorServer
  beforeAll(async () => {
    server = await emulator.listen()
  })
  afterAll(() => server.close())

  it('authorizes through the consent page, and the unionid is the QR login\'s', async () => {
    // #region in-wechat
    const inWechat = { 'user-agent': WECHAT_USER_AGENTS.wechatIos } // outside WeChat: 「请在微信客户端打开链接」
    const link = `${server.url}/connect/oauth2/authorize?appid=wx00112233445566bb&redirect_uri=${encodeURIComponent('https://www.example.com/auth/wechat/callback')}&response_type=code&scope=snsapi_userinfo&state=Xy12`
    const moved = await fetch(link, { headers: inWechat, redirect: 'manual' }) // 301: + &connect_redirect=1
    const consent = await fetch(new URL(moved.headers.get('location')!, link), { headers: inWechat })
    const form = await consent.text() // 允许 / 拒绝: a plain form
    const field = (name: string): string => new RegExp(`name="${name}" value="([^"]+)"`).exec(form)![1]!
    const allowed = await fetch(new URL('consent', consent.url), {
      method: 'POST',
      body: new URLSearchParams({ id: field('id'), token: field('token'), action: 'allow', user: 'alice' }),
      redirect: 'manual',
    })
    const callback = new URL(allowed.headers.get('location')!) // https://www.example.com/auth/wechat/callback?code=…&state=Xy12
    // #endregion in-wechat
    expect(callback.searchParams.get('state')).toBe('Xy12')
    const exchange = async (appid: string, code: string): Promise<Record<string, unknown>> =>
      JSON.parse(await (await fetch(`${server.url}/sns/oauth2/access_token?appid=${appid}&secret=${SECRET}&code=${code}&grant_type=authorization_code`)).text())
    const viaOa = await exchange('wx00112233445566bb', callback.searchParams.get('code')!)
    const viaQr = await exchange('wx00112233445566aa', emulator.issueCode('wx00112233445566aa', 'alice'))
    expect(viaOa).toMatchObject({ scope: 'snsapi_userinfo', unionid: viaQr.unionid })
    expect(viaOa.openid).not.toBe(viaQr.openid)
  })
})
