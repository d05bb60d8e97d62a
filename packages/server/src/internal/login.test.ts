import { APP, postJson, setCookies, setupAuth } from '@wechat-qr-login/test-utils/auth-harness'
import { FAKE_APPID } from '@wechat-qr-login/test-utils/fake-wechat'
import { readRelayPage } from '@wechat-qr-login/test-utils/relay'
import { describe, expect, it, vi } from 'vitest'

describe('completeLogin: onLogin', () => {
  it('receives the user, tokens and userinfo, and may replace the user', async () => {
    const onLogin = vi.fn(() => ({ id: 'user-42', openid: 'o', nickname: 'Forty-two', avatar: '' }))
    const harness = setupAuth({ onLogin })
    const state = await harness.start()
    await harness.callback({ code: harness.wechat.issueCode('hank'), state })
    expect(onLogin).toHaveBeenCalledWith({
      user: expect.objectContaining({ id: 'unionid:union-hank', flow: 'qr', appid: FAKE_APPID }),
      flow: 'qr',
      appid: FAKE_APPID,
      token: expect.objectContaining({ access_token: expect.stringMatching(/^token-/), refresh_token: expect.any(String) }),
      userInfo: expect.objectContaining({ nickname: 'hank', language: 'zh_CN' }),
      request: expect.any(Request),
    })
    expect(await harness.session()).toMatchObject({ authenticated: true, user: { id: 'user-42' } })
  })

  it('may answer itself with a Response: no session cookie, the state cookie still cleared', async () => {
    const harness = setupAuth({ onLogin: () => Response.redirect(`${APP}/welcome`, 303) })
    const state = await harness.start()
    const response = await harness.callback({ code: harness.wechat.issueCode(), state })
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe(`${APP}/welcome`)
    expect(setCookies(response)).toEqual([expect.objectContaining({ name: expect.stringMatching(/^wechat_state_/), maxAge: 0 })])
    expect(await harness.session()).toEqual({ authenticated: false })
  })

  it('fails the login when it throws or returns something else', async () => {
    const throwing = setupAuth({
      onLogin: () => {
        throw new Error('database down')
      },
    })
    const state = await throwing.start()
    const response = await throwing.jar.fetch(`${APP}/auth/wechat/exchange`, postJson({ code: throwing.wechat.issueCode(), state }))
    expect(response.status).toBe(500)
    expect(await response.json()).toMatchObject({ error: { code: 'EXCHANGE_FAILED' } })
    expect(throwing.logs).toEqual([expect.stringMatching(/^error .*EXCHANGE_FAILED.*database down/)])
    const odd = setupAuth({ onLogin: () => ({ name: 'not a user' }) as never })
    const oddState = await odd.start('?mode=new-window')
    const page = await odd.callback({ code: odd.wechat.issueCode(), state: oddState })
    expect(readRelayPage(await page.text()).message.result).toEqual({ type: 'error', code: 'INVALID_OPTION' })
    expect(await odd.session()).toEqual({ authenticated: false })
  })

  it('replaces the built-in session with session: false', async () => {
    const onLogin = vi.fn()
    const harness = setupAuth({ session: false, onLogin })
    const state = await harness.start()
    const response = await harness.callback({ code: harness.wechat.issueCode(), state })
    expect(response.status).toBe(302)
    expect(onLogin).toHaveBeenCalledOnce()
    expect(setCookies(response).map(cookie => cookie!.name)).toEqual([expect.stringMatching(/^wechat_state_/)])
    expect(await harness.auth(new Request(`${APP}/auth/wechat/session`))).toBeUndefined()
    expect(await harness.auth(new Request(`${APP}/auth/wechat/logout`, { method: 'POST' }))).toBeUndefined()
  })
})
