import type { EmulatorServer } from '@wechat-qr-login/emulator'
import { buildEmbedUrl } from '@wechat-qr-login/core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { emulator, startEmulator } from './start'

const APPID = 'wx00112233445566aa'
const SECRET = 'not-a-real-secret-only-for-the-emulator'

/** guide/emulator: the emulator configured as in the page, driven as a test would. */
describe('the emulator as the docs use it', () => {
  let server: EmulatorServer

  beforeAll(async () => {
    server = await startEmulator(0)
  })
  beforeEach(() => {
    emulator.reset()
  })
  afterAll(async () => {
    await server.close()
  })

  /** Opens the embedded QR page as a browser would; returns the QR session's uuid. */
  async function openQr(state = 'Jx0b1N3uQ6m2yL8cVt5rP4aZ9kWd7eHs'): Promise<string> {
    const page = await fetch(buildEmbedUrl({ appid: APPID, redirectUri: 'http://localhost:5173/auth/wechat/callback', state, openBase: server.url, selfRedirect: true }))
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('impowerBox')
    return page.headers.get('x-wechat-emulator-uuid')!
  }

  async function control(path: string, body?: unknown): Promise<Response> {
    return fetch(`${server.url}/__emulator${path}`, body === undefined ? undefined : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  }

  // #region control-api
  it('logs in through the control API, as a phone would', async () => {
    const uuid = await openQr()
    emulator.scan(uuid) // the QR page now says "scanned"
    const { code, redirectUrl } = emulator.confirm(uuid, 'tester')
    expect(redirectUrl).toBe(`http://localhost:5173/auth/wechat/callback?code=${code}&state=Jx0b1N3uQ6m2yL8cVt5rP4aZ9kWd7eHs`)
    // The rest is your server's job: exchange `code` at {emulator}/sns/oauth2/access_token.
  })
  // #endregion control-api

  it('offers the same steps as JSON routes', async () => {
    const uuid = await openQr()
    const [listed] = await (await control('/sessions')).json() as { uuid: string, status: string }[]
    expect(listed).toMatchObject({ uuid, status: 'waiting' })
    expect((await control(`/sessions/${uuid}/scan`, {})).status).toBe(200)
    const confirmed = await (await control(`/sessions/${uuid}/confirm`, { user: 'alice' })).json()
    expect(confirmed).toMatchObject({ code: expect.any(String), redirectUrl: expect.stringContaining('code=') })
    expect((await control(`/sessions/${uuid}/confirm`, {})).status).toBe(409)
    const { code } = await (await control('/codes', { appid: APPID, user: 'bob' })).json() as { code: string }
    expect(code).toHaveLength(32)
  })

  it('a cancelled QR may be scanned again; an expired one is refused', async () => {
    const cancelled = await openQr()
    emulator.cancel(cancelled)
    expect(emulator.sessions()[0]).toMatchObject({ status: 'cancelled' })
    emulator.scan(cancelled)
    expect(emulator.confirm(cancelled).code).toHaveLength(32)
    const expired = await openQr('an0ther0state0000000000000000000')
    emulator.expire(expired)
    expect(() => emulator.confirm(expired)).toThrowError(expect.objectContaining({ code: 'QR_EXPIRED' }))
  })

  // #region faults
  it('injects failures into the /sns/* APIs', async () => {
    emulator.setFaults({ next: ['busy', 'empty'] }) // the next two API calls fail, in order
    const exchange = (): Promise<Response> => fetch(`${server.url}/sns/oauth2/access_token?appid=${APPID}&secret=${SECRET}&code=${emulator.issueCode(APPID)}&grant_type=authorization_code`)
    expect(JSON.parse(await (await exchange()).text())).toMatchObject({ errcode: -1 })
    expect(await (await exchange()).text()).toBe('')
    expect(JSON.parse(await (await exchange()).text())).toHaveProperty('access_token')
  })
  // #endregion faults
})
