/**
 * The server's routes driven in process: `createWechatAuth()` against a fake WeChat, with a
 * cookie jar in front, for the tests of each route.
 */
import type { WechatSessionResponse, WechatStateResponse } from '@wechat-qr-login/core'
import type { WechatAuth, WechatAuthOptions } from '@wechat-qr-login/server'
import type { CookieJar } from './cookie-jar'
import type { FakeWechat } from './fake-wechat'
import { Buffer } from 'node:buffer'
import { createWechatAuth } from '@wechat-qr-login/server'
import { parseSetCookie } from 'cookie-es'
import { expect } from 'vitest'
import { createCookieJar } from './cookie-jar'
import { createFakeWechat, FAKE_APPID, FAKE_SECRET } from './fake-wechat'

export const SESSION_SECRET = 'a-session-secret-of-at-least-32-characters'
/** The app's origin unless a test gives another. */
export const APP = 'http://app.test'

export interface AuthHarness {
  auth: WechatAuth
  wechat: FakeWechat
  jar: CookieJar
  logs: string[]
  /** Starts a login in `mode` and returns the state. */
  start: (query?: string) => Promise<string>
  callback: (query: Record<string, string>) => Promise<Response>
  session: () => Promise<WechatSessionResponse>
}

/** A handler with `options` over a fresh fake WeChat, a cookie jar and a log. */
export function setupAuth(options: Partial<WechatAuthOptions> = {}, origin = APP): AuthHarness {
  const wechat = createFakeWechat()
  const logs: string[] = []
  const auth = createWechatAuth({
    appid: FAKE_APPID,
    secret: FAKE_SECRET,
    sessionSecret: SESSION_SECRET,
    apiBase: 'https://api.test',
    fetch: wechat.fetch,
    logger: { warn: message => logs.push(`warn ${message}`), error: message => logs.push(`error ${message}`) },
    ...options,
  })
  const jar = createCookieJar(async request => await auth(request) ?? new Response('not ours', { status: 404 }))
  return {
    auth,
    wechat,
    jar,
    logs,
    async start(query = '') {
      const response = await jar.fetch(`${origin}/auth/wechat/state${query}`)
      expect(response.status).toBe(200)
      return (await response.json() as WechatStateResponse).state
    },
    callback: query => jar.fetch(`${origin}/auth/wechat/callback?${new URLSearchParams(query)}`),
    async session() {
      return await (await jar.fetch(`${origin}/auth/wechat/session`)).json() as WechatSessionResponse
    },
  }
}

/** The Set-Cookie headers of `response`, parsed. */
export function setCookies(response: Response): ReturnType<typeof parseSetCookie>[] {
  return response.headers.getSetCookie().map(line => parseSetCookie(line))
}

/** `value` as base64url JSON, the shape of a JOSE segment. */
export function base64urlJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url')
}

/** The payload of a signed (JWS compact) cookie value, read without checking the signature. */
export function readSigned(value: string): unknown {
  return JSON.parse(Buffer.from(value.split('.')[1]!, 'base64url').toString())
}

/** The value with its last four characters (authentication tag or signature) changed. */
export function tamper(value: string): string {
  return value.slice(0, -4) + (value.endsWith('AAAA') ? 'BBBB' : 'AAAA')
}

/** A JSON POST (or one with the given body and headers). */
export function postJson(body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }): RequestInit {
  return { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) }
}
