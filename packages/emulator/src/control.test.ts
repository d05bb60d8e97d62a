import { useTestEmulator } from '@wechat-qr-login/test-utils/emulator'
import { describe, expect, it } from 'vitest'
import { DEMO_APP, DEMO_USERS } from './index'

const test = useTestEmulator()

async function call(method: string, path: string, body?: unknown): Promise<{ status: number, json: any }> {
  const response = await test.get(`/__emulator${path}`, {
    method,
    ...(method === 'GET' ? {} : { headers: { 'content-type': 'application/json' }, body: body === undefined ? '' : JSON.stringify(body) }),
  })
  expect(response.headers.get('content-type')).toMatch(/^application\/json/)
  expect(response.headers.get('x-content-type-options')).toBe('nosniff')
  return { status: response.status, json: await response.json() }
}

describe('control routes (/__emulator)', () => {
  it('lists sessions and drives one through scan and confirm', async () => {
    const uuid = await test.openQr()
    expect((await call('GET', '/sessions')).json).toEqual([expect.objectContaining({ uuid, status: 'waiting', polls: 0 })])
    expect(await call('POST', `/sessions/${uuid}/scan`)).toEqual({ status: 200, json: expect.objectContaining({ uuid, status: 'scanned' }) })
    const confirmed = await call('POST', `/sessions/${uuid}/confirm`, { user: 'alice' })
    expect(confirmed.json).toEqual({ code: expect.stringMatching(/^\w{32}$/), redirectUrl: expect.stringContaining('/auth/wechat/callback?code=') })
    expect(test.emulator.sessions()[0]).toMatchObject({ status: 'confirmed', userId: 'alice', code: confirmed.json.code })
  })

  it('confirms as a user object, which joins the users', async () => {
    const uuid = await test.openQr()
    await call('POST', `/sessions/${uuid}/confirm`, { user: { id: 'carol', nickname: 'Carol', unionid: false } })
    expect((await call('GET', '/users')).json).toContainEqual({ id: 'carol', nickname: 'Carol', unionid: false })
  })

  it('cancels and expires', async () => {
    const first = await test.openQr()
    const second = await test.openQr()
    expect((await call('POST', `/sessions/${first}/cancel`)).json.status).toBe('cancelled')
    expect((await call('POST', `/sessions/${second}/expire`)).json.status).toBe('expired')
  })

  it('answers 404 for an unknown session, 409 for a step that does not apply, 400 for an unknown user', async () => {
    expect(await call('POST', '/sessions/nope/scan')).toEqual({ status: 404, json: { error: { code: 'INVALID_REQUEST', message: expect.stringContaining('nope') } } })
    const uuid = await test.openQr()
    expect((await call('POST', `/sessions/${uuid}/confirm`, { user: 'nobody' })).status).toBe(400)
    await call('POST', `/sessions/${uuid}/confirm`)
    expect(await call('POST', `/sessions/${uuid}/confirm`)).toEqual({ status: 409, json: { error: { code: 'INVALID_REQUEST', message: expect.stringContaining('confirmed') } } })
    const expired = await test.openQr()
    await call('POST', `/sessions/${expired}/expire`)
    expect((await call('POST', `/sessions/${expired}/scan`)).json.error.code).toBe('QR_EXPIRED')
  })

  it('answers a typed 404 for a session id with a malformed % escape', async () => {
    expect(await call('POST', '/sessions/%zz/scan')).toEqual({ status: 404, json: { error: { code: 'INVALID_REQUEST', message: expect.stringContaining('No QR session "%zz"') } } })
  })

  it('issues codes and lists codes and tokens', async () => {
    const { json } = await call('POST', '/codes', { appid: DEMO_APP.appid, user: 'bob' })
    expect(json.code).toMatch(/^\w{32}$/)
    expect((await call('GET', '/codes')).json).toEqual([expect.objectContaining({ code: json.code, appid: DEMO_APP.appid, userId: 'bob', used: false })])
    const tokens = await test.api('/sns/oauth2/access_token', { appid: DEMO_APP.appid, secret: DEMO_APP.secret, code: json.code, grant_type: 'authorization_code' })
    expect((await call('GET', '/tokens')).json).toEqual([expect.objectContaining({ accessToken: tokens.access_token, refreshToken: tokens.refresh_token, userId: 'bob' })])
    expect((await call('POST', '/codes', { appid: 'wx0123456789abcdef' })).json.error.code).toBe('INVALID_APPID')
  })

  it('reads and replaces the faults', async () => {
    expect((await call('PUT', '/faults', { next: ['busy'] })).json).toEqual({ next: ['busy'] })
    expect((await call('GET', '/faults')).json).toEqual({ next: ['busy'] })
    expect((await call('PUT', '/faults', { busyRate: 7 })).status).toBe(400)
  })

  it('adds users and resets everything', async () => {
    expect((await call('POST', '/users', { id: 'dave', nickname: 'Dave' })).json).toEqual({ id: 'dave', nickname: 'Dave' })
    expect((await call('POST', '/users', { id: '' })).status).toBe(400)
    await test.openQr()
    expect(await call('POST', '/reset')).toEqual({ status: 200, json: { reset: true } })
    expect((await call('GET', '/sessions')).json).toEqual([])
    expect((await call('GET', '/users')).json.map((user: { id: string }) => user.id)).toEqual(DEMO_USERS.map(user => user.id))
  })

  it('refuses state changes without a JSON content type, and bad JSON', async () => {
    const form = await test.get('/__emulator/reset', { method: 'POST', body: new URLSearchParams({ a: '1' }) })
    expect(form.status).toBe(415)
    const uuid = await test.openQr()
    expect((await test.get(`/__emulator/sessions/${uuid}/confirm`, { method: 'POST' })).status).toBe(415)
    const bad = await test.get('/__emulator/codes', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[1' })
    expect(bad.status).toBe(400)
    expect(test.emulator.sessions()[0]!.status).toBe('waiting')
  })

  it('answers 404 for an unknown route', async () => {
    expect((await call('GET', '/nothing')).status).toBe(404)
    expect((await call('DELETE', '/sessions')).status).toBe(404)
  })
})
