import { APP, postJson, setupAuth } from '@wechat-qr-login/test-utils/auth-harness'
import { describe, expect, it } from 'vitest'

describe('POST /exchange', () => {
  it('exchanges a code posted by a front-end callback route', async () => {
    const harness = setupAuth()
    const state = await harness.start()
    const response = await harness.jar.fetch(`${APP}/auth/wechat/exchange`, postJson({ code: harness.wechat.issueCode('erin'), state }))
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ authenticated: true, expiresAt: expect.any(Number), user: expect.objectContaining({ nickname: 'erin' }) })
    expect((await harness.session()).authenticated).toBe(true)
    const again = await harness.jar.fetch(`${APP}/auth/wechat/exchange`, postJson({ code: harness.wechat.issueCode('erin'), state }))
    expect(again.status).toBe(400)
    expect(await again.json()).toMatchObject({ error: { code: 'STATE_MISMATCH' } })
  })

  it.each([
    ['text/plain', postJson({ code: 'c', state: 's' }, { 'content-type': 'text/plain' }), 415, 'INVALID_REQUEST'],
    ['a form', postJson('code=c&state=s', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'INVALID_REQUEST'],
    ['broken JSON', postJson('{"code":'), 400, 'INVALID_REQUEST'],
    ['no body', postJson(''), 400, 'INVALID_REQUEST'],
    ['a missing code', postJson({ state: 's' }), 400, 'INVALID_REQUEST'],
    ['a huge body', postJson({ code: 'c', state: 's', pad: 'x'.repeat(10_000) }), 413, 'INVALID_REQUEST'],
    ['an unknown state', postJson({ code: 'c', state: 'unknown' }), 400, 'STATE_MISMATCH'],
  ])('refuses %s', async (_, init, status, code) => {
    const harness = setupAuth()
    await harness.start()
    const response = await harness.jar.fetch(`${APP}/auth/wechat/exchange`, init)
    expect(response.status).toBe(status)
    expect(await response.json()).toEqual({ error: { code, message: expect.any(String) } })
    expect(harness.wechat.calls).toEqual([])
  })

  it('answers 502 WECHAT_UNREACHABLE when the server cannot reach WeChat', async () => {
    const harness = setupAuth()
    const state = await harness.start()
    harness.wechat.fail('network')
    const response = await harness.jar.fetch(`${APP}/auth/wechat/exchange`, postJson({ code: harness.wechat.issueCode(), state }))
    expect(response.status).toBe(502)
    expect(await response.json()).toEqual({ error: { code: 'WECHAT_UNREACHABLE', message: '[wechat-qr-login] The server could not reach WeChat. Try again later.' } })
  })

  it('answers WeChat failures with a WechatErrorBody carrying no upstream detail', async () => {
    const harness = setupAuth({ secret: 'a-wrong-secret' })
    const state = await harness.start()
    const response = await harness.jar.fetch(`${APP}/auth/wechat/exchange`, postJson({ code: harness.wechat.issueCode(), state }))
    expect(response.status).toBe(502)
    const body = await response.json()
    expect(body).toEqual({ error: { code: 'WECHAT_API_ERROR', message: '[wechat-qr-login] WeChat refused the login. Start the login again.' } })
    expect(harness.logs[0]).toMatch(/errcode 40125 \(configuration\)/)
    expect(harness.logs[0]).not.toContain('a-wrong-secret')
  })
})
