import type { WechatOfficialAccountStateResponse, WechatRelayResult, WechatSessionResponse, WechatStateResponse, WechatUser } from '@wechat-qr-login/core'
import type { WechatAuthStore, WechatLoginOptions } from '@wechat-qr-login/vue'
import type { Pinia } from 'pinia'
import type { Mock } from 'vitest'
import type { App } from 'vue'
import nodeConsole from 'node:console'
import { createRelayMessage, WECHAT_RELAY_CHANNEL } from '@wechat-qr-login/core'
import { DEFAULT_EMULATOR_PORT } from '@wechat-qr-login/core/internal'
import { createWechatLogin, useWechatAuthStore } from '@wechat-qr-login/vue'
import { createPinia, setActivePinia } from 'pinia'
import { vi } from 'vitest'
import { createApp } from 'vue'

export const APPID = 'wx0123456789abcdef'
/** The Official Account the fake server logs users in with inside WeChat (`GET /state?flow=oa`). */
export const OA_APPID = 'wxfeedface0ff1c1a1'
export const REDIRECT_URI = 'http://localhost:3000/auth/wechat/callback'
export const EMULATOR = `http://127.0.0.1:${DEFAULT_EMULATOR_PORT}`

export const USER: WechatUser = {
  id: `openid:${APPID}:o-alice`,
  openid: 'o-alice',
  nickname: 'Alice',
  avatar: '',
}

/** A JSON answer, as the server package sends it. */
export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
}

type Route = (request: Request) => Response | Promise<Response>

export interface FakeServer {
  fetch: Mock<(input: RequestInfo | URL, init?: RequestInit) => Promise<Response>>
  /** Requests received, as `METHOD /path?query`. */
  calls: () => string[]
  /** The states handed out by `GET /state`, in order. */
  states: string[]
  /** Whether the fake session is open. */
  signedIn: boolean
}

/**
 * Stubs `fetch` with the server package's routes under `/auth/wechat` (overridable one by one),
 * an Official Account configured (`GET /state?flow=oa`).
 * No network: every answer is a real `Response` built here.
 */
export function fakeServer(routes: Record<string, Route> = {}, base = '/auth/wechat'): FakeServer {
  let count = 0
  const server: FakeServer = {
    fetch: undefined as unknown as FakeServer['fetch'],
    calls: () => server.fetch.mock.calls.map(([input, init]) => {
      const url = new URL(String(input))
      return `${init?.method ?? 'GET'} ${url.pathname}${url.search}`
    }),
    states: [],
    signedIn: false,
  }
  const session = (): WechatSessionResponse => server.signedIn ? { authenticated: true, user: USER, expiresAt: 1_900_000_000_000 } : { authenticated: false }
  const defaults: Record<string, Route> = {
    'GET /state': (request) => {
      const query = new URL(request.url).searchParams
      // Letters and digits only, as an Official Account's state must be.
      const state = `state${++count}${'x'.repeat(24)}`
      server.states.push(state)
      const body: WechatStateResponse = { state, expiresAt: Date.now() + 600_000, expiresIn: 600_000, appid: APPID, redirectUri: REDIRECT_URI, openBase: EMULATOR }
      if (query.get('flow') !== 'oa')
        return json(body)
      const inWechat: WechatOfficialAccountStateResponse = { ...body, appid: OA_APPID, flow: 'oa', scope: query.get('scope') === 'snsapi_base' ? 'snsapi_base' : 'snsapi_userinfo' }
      return json(inWechat)
    },
    'POST /exchange': async (request) => {
      const { state } = await request.json() as { code: string, state: string }
      if (!server.states.includes(state))
        return json({ error: { code: 'STATE_MISMATCH', message: '[wechat-qr-login] The state is not the one this browser was given.' } }, 400)
      server.signedIn = true
      return json(session())
    },
    'GET /session': () => json(session()),
    'POST /logout': () => {
      server.signedIn = false
      return json({ authenticated: false })
    },
  }
  const table = { ...defaults, ...routes }
  server.fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input))
    const path = url.pathname.startsWith(base) ? url.pathname.slice(base.length) : url.pathname
    const route = table[`${init?.method ?? 'GET'} ${path}`]
    return route ? route(new Request(url, init)) : json({ error: { code: 'INVALID_REQUEST', message: 'Not found' } }, 404)
  })
  vi.stubGlobal('fetch', server.fetch)
  return server
}

const stores: WechatAuthStore[] = []

/** An app with Pinia and the plugin installed (not mounted), and its store. */
export function setupStore(options: WechatLoginOptions = {}): { store: WechatAuthStore, pinia: Pinia, app: App } {
  const pinia = createPinia()
  const app = createApp({ render: () => null }).use(pinia).use(createWechatLogin(options))
  setActivePinia(pinia)
  const store = useWechatAuthStore(pinia)
  stores.push(store)
  return { store, pinia, app }
}

/** The plugins a mounted component needs, with a fresh Pinia. */
export function plugins(options: WechatLoginOptions = {}): { plugins: [Pinia, ReturnType<typeof createWechatLogin>], pinia: Pinia } {
  const pinia = createPinia()
  setActivePinia(pinia)
  return { plugins: [pinia, createWechatLogin(options)], pinia }
}

/** Remembers a store created elsewhere (by a component) so {@link resetTestState} cleans it. */
export function trackStore(store: WechatAuthStore): WechatAuthStore {
  stores.push(store)
  return store
}

/** Stops every store's listeners, forgets stored states and puts the address back. */
export function resetTestState(): void {
  for (const store of stores.splice(0))
    store.reset()
  sessionStorage.clear()
  history.replaceState(null, '', '/')
  vi.unstubAllGlobals()
  vi.unstubAllEnvs()
  vi.restoreAllMocks()
  vi.useRealTimers()
}

/** Delivers a relay message as a callback page's `postMessage` would. */
export function postRelay(state: string, result: WechatRelayResult, origin = location.origin): void {
  window.dispatchEvent(new MessageEvent('message', { data: createRelayMessage(state, result), origin }))
}

/**
 * Delivers a relay message on the BroadcastChannel. The promise settles once a channel opened
 * after the app's own has received it (delivery is asynchronous).
 */
export async function broadcastRelay(state: string, result: WechatRelayResult): Promise<void> {
  const observer = new BroadcastChannel(WECHAT_RELAY_CHANNEL)
  const delivered = new Promise<void>(resolve => observer.addEventListener('message', () => resolve(), { once: true }))
  const channel = new BroadcastChannel(WECHAT_RELAY_CHANNEL)
  channel.postMessage(createRelayMessage(state, result))
  channel.close()
  await delivered
  observer.close()
}

/** A stand-in for the popup `window.open` returns. */
export interface FakePopup {
  closed: boolean
  focus: Mock<() => void>
  close: Mock<() => void>
}

export function fakePopup(): FakePopup {
  const popup: FakePopup = {
    closed: false,
    focus: vi.fn(),
    close: vi.fn(() => {
      popup.closed = true
    }),
  }
  return popup
}

/** The options each `new WxLogin()` of {@link interceptScripts} received. */
export const wxLoginCalls: Array<Record<string, unknown>> = []

/** What the fake script does when it is appended. */
export type ScriptBehaviour = 'load' | 'error' | 'hang' | 'empty'

/**
 * Intercepts `<script>` elements appended to `<head>` (nothing is downloaded): `load` defines a
 * `WxLogin` that renders an iframe into its container as WeChat's script does, `error` fails,
 * `hang` never answers, `empty` loads without defining `WxLogin`.
 */
export function interceptScripts(behaviour: (script: HTMLScriptElement) => ScriptBehaviour = () => 'load', options: { withAllow?: boolean } = {}): HTMLScriptElement[] {
  const appended: HTMLScriptElement[] = []
  const appendChild = document.head.appendChild.bind(document.head)
  // happy-dom loads no iframe pages and reports each fake QR iframe on the Node console it was
  // created with (not the test's), which only `node:console` reaches.
  const reportError = nodeConsole.error.bind(nodeConsole)
  vi.spyOn(nodeConsole, 'error').mockImplementation((...args: unknown[]) => {
    if (!String(args[0]).includes('Iframe page loading is disabled'))
      reportError(...args)
  })
  class FakeWxLogin {
    constructor(settings: Record<string, unknown>) {
      wxLoginCalls.push(settings)
      const iframe = document.createElement('iframe')
      if (options.withAllow)
        iframe.setAttribute('allow', 'local-network-access')
      iframe.src = `${EMULATOR}/connect/qrconnect?appid=${settings.appid}&redirect_uri=${settings.redirect_uri}&state=${settings.state}&login_type=jssdk`
      const container = document.getElementById(settings.id as string)!
      container.innerHTML = ''
      container.appendChild(iframe)
    }
  }
  vi.spyOn(document.head, 'appendChild').mockImplementation(<T extends Node>(node: T): T => {
    if (!(node instanceof HTMLScriptElement))
      return appendChild(node)
    appended.push(node)
    const outcome = behaviour(node)
    queueMicrotask(() => {
      if (outcome === 'load')
        (window as Window & { WxLogin?: unknown }).WxLogin = FakeWxLogin
      if (outcome === 'load' || outcome === 'empty')
        node.dispatchEvent(new Event('load'))
      else if (outcome === 'error')
        node.dispatchEvent(new Event('error'))
    })
    return node
  })
  return appended
}
