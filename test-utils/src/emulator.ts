import type { WechatEmulator, WechatEmulatorOptions } from '@wechat-qr-login/emulator'
import { createWechatEmulator, DEMO_APP } from '@wechat-qr-login/emulator'
import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest'

/** An emulator listening on loopback, with helpers for the common requests. */
export interface TestEmulator {
  emulator: WechatEmulator
  url: string
  close: () => Promise<void>
  /** GET a path (with query) on the emulator. */
  get: (path: string, init?: RequestInit) => Promise<Response>
  /** GET an `/sns/*` API and parse its body as JSON, whatever its Content-Type. */
  api: (path: string, params: Record<string, string>) => Promise<Record<string, unknown>>
  /** Opens a QR page (jssdk variant unless `response_type` is given) and returns its uuid. */
  openQr: (params?: Record<string, string>) => Promise<string>
}

/** The query of a valid embedded QR page for {@link DEMO_APP}. */
export function qrQuery(params: Record<string, string> = {}): string {
  return new URLSearchParams({
    appid: DEMO_APP.appid,
    scope: 'snsapi_login',
    redirect_uri: 'http://localhost:5173/auth/wechat/callback',
    state: 'state_123',
    login_type: 'jssdk',
    self_redirect: 'default',
    ...params,
  }).toString()
}

/** Starts an emulator on 127.0.0.1, port 0. */
export async function startTestEmulator(options?: WechatEmulatorOptions): Promise<TestEmulator> {
  const emulator = createWechatEmulator(options)
  const { url, close } = await emulator.listen()
  const get = (path: string, init?: RequestInit): Promise<Response> => fetch(`${url}${path}`, init)
  return {
    emulator,
    url,
    close,
    get,
    async api(path, params) {
      const response = await get(`${path}?${new URLSearchParams(params)}`)
      return JSON.parse(await response.text()) as Record<string, unknown>
    },
    async openQr(params) {
      const response = await get(`/connect/qrconnect?${qrQuery(params)}`)
      const uuid = response.headers.get('x-wechat-emulator-uuid')
      if (response.status !== 200 || !uuid)
        throw new Error(`The QR page did not open: ${response.status} ${await response.text()}`)
      return uuid
    },
  }
}

/**
 * The emulator of a test file: started before its tests, reset before each of them (real timers
 * back after each), closed after them all. Its fields are there once the file's tests run.
 */
export function useTestEmulator(options?: WechatEmulatorOptions): TestEmulator {
  const test = {} as TestEmulator
  beforeAll(async () => {
    Object.assign(test, await startTestEmulator(options))
  })
  beforeEach(() => test.emulator.reset())
  afterEach(() => {
    vi.useRealTimers()
  })
  afterAll(() => test.close())
  return test
}

/** Exchanges a fresh code of {@link DEMO_APP} for tokens. */
export async function login(test: TestEmulator, user?: string): Promise<{ access_token: string, refresh_token: string, openid: string, unionid?: string }> {
  const code = test.emulator.issueCode(DEMO_APP.appid, user)
  return await test.api('/sns/oauth2/access_token', { appid: DEMO_APP.appid, secret: DEMO_APP.secret, code, grant_type: 'authorization_code' }) as never
}
