import type { EmulatorServer, WechatEmulator } from '@wechat-qr-login/emulator'
import { createWechatEmulator, DEMO_APP } from '@wechat-qr-login/emulator'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

/** reference/server: the client sample against the emulator. */
describe('reference/server examples', () => {
  let emulator: WechatEmulator
  let wechat: EmulatorServer

  beforeAll(async () => {
    emulator = createWechatEmulator()
    wechat = await emulator.listen({ port: 0, hostname: '127.0.0.1' })
    vi.stubEnv('WECHAT_APPID', DEMO_APP.appid)
    vi.stubEnv('WECHAT_APPSECRET', DEMO_APP.secret)
    vi.stubEnv('WECHAT_API_BASE', wechat.url)
  })
  afterAll(async () => {
    vi.unstubAllEnvs()
    await wechat.close()
  })

  it('refreshes a token and reads the profile; answers a bad refresh token as a JSON error', async () => {
    const { profileRoute } = await import('./server')
    const code = emulator.issueCode(DEMO_APP.appid, 'alice')
    const token = JSON.parse(await (await fetch(`${wechat.url}/sns/oauth2/access_token?appid=${DEMO_APP.appid}&secret=${DEMO_APP.secret}&code=${code}&grant_type=authorization_code`)).text()) as { refresh_token: string }
    const post = (refreshToken: string): Promise<Response> => profileRoute(new Request('http://localhost/api/profile', { method: 'POST', body: JSON.stringify({ refreshToken }) }))
    expect(await (await post(token.refresh_token)).json()).toEqual({ nickname: 'Alice Chen' })
    const failed = await post('not-a-refresh-token')
    expect(failed.status).toBe(502)
    expect(await failed.json()).toEqual({ error: { code: 'WECHAT_API_ERROR', message: '[wechat-qr-login] WeChat refused the login. Start the login again.' } })
  })
})
