import type { WechatEmulator } from '@wechat-qr-login/emulator'
import { parse } from 'cookie-es'
import { EMULATOR_PROXY_PREFIX } from './plan'

/** Path (under the prefix) of the dev-only JSON that describes the newest live QR (of a `state`). */
export const LATEST_QR_PATH = '/latest-qr'

/** The newest QR that can still be scanned, as `GET /__wechat-emulator/latest-qr` answers it. */
export interface LatestQr {
  uuid: string
  status: 'waiting' | 'scanned' | 'cancelled'
  /** The phone page the QR encodes (on the emulator, its LAN address or the tunnel). */
  phoneUrl: string
  /** The QR image, an SVG served by the emulator. */
  qrImageUrl: string
  expiresAt: number
}

const LIVE = new Set(['waiting', 'scanned', 'cancelled'])

// Only what a phone needs: the QR's phone page, an Official Account's authorization pages
// (authorize, consent, follow, full-service: they link to each other relatively) and the avatars
// they show. The control API stays off the tunnel.
function isPhonePath(path: string): boolean {
  return path === '/connect/confirm' || path.startsWith('/connect/oauth2/') || path.startsWith('/__emulator/avatar/')
}

/** The dev-only switch that makes a desktop browser WeChat's in-app browser to the Official Account's pages. */
export interface UserAgentSwitch {
  /** The cookie that names a user agent of `userAgents`. */
  cookie: string
  /** User agents by name (the emulator's `WECHAT_USER_AGENTS`). */
  userAgents: Readonly<Record<string, string>>
}

/**
 * The request's headers for the emulator: with the user agent that the switch's cookie names, on
 * an Official Account's pages (the emulator's user-agent gate), so that a desktop browser can try
 * the login inside WeChat without a phone. Every other request keeps its own.
 */
function forwardedHeaders(request: Request, path: string, { cookie, userAgents }: UserAgentSwitch): Headers {
  const headers = new Headers(request.headers)
  const name = parse(request.headers.get('cookie') ?? '')[cookie]
  if (path.startsWith('/connect/oauth2/') && name !== undefined && Object.hasOwn(userAgents, name))
    headers.set('user-agent', userAgents[name]!)
  return headers
}

function json(body: unknown): Response {
  return Response.json(body, { headers: { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' } })
}

/**
 * The dev server's `/__wechat-emulator/*` routes: the emulator's phone page and an Official
 * Account's authorization pages (and their avatars), so that a phone reaches them through the
 * app's tunnel (and a desktop browser with the `userAgent` switch's cookie, as WeChat), and
 * `latest-qr[?state=…]`, the newest live QR (of that login) for a "scan with a real phone"
 * panel. Every other path is declined (`undefined`).
 */
export function createEmulatorProxy(emulator: WechatEmulator, emulatorUrl: string, userAgent: UserAgentSwitch): (request: Request) => Promise<Response | undefined> {
  return async (request) => {
    const url = new URL(request.url)
    if (!url.pathname.startsWith(`${EMULATOR_PROXY_PREFIX}/`))
      return undefined
    const path = url.pathname.slice(EMULATOR_PROXY_PREFIX.length)
    if (path === LATEST_QR_PATH && request.method === 'GET') {
      // `?state=`: the QR of the login on screen, not another tab's.
      const state = url.searchParams.get('state')
      const latest = emulator.sessions().filter(session => LIVE.has(session.status) && (state === null || session.state === state)).at(-1)
      const body: LatestQr | null = latest
        ? { uuid: latest.uuid, status: latest.status as LatestQr['status'], phoneUrl: latest.qrUrl, qrImageUrl: `${emulatorUrl}/connect/qrcode/${encodeURIComponent(latest.uuid)}`, expiresAt: latest.expiresAt }
        : null
      return json(body)
    }
    if (!isPhonePath(path))
      return new Response('Not found: only the emulator\'s phone pages (a QR\'s phone page, an Official Account\'s authorization) are served here.', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } })
    const hasBody = request.method !== 'GET' && request.method !== 'HEAD'
    return emulator.fetch(new Request(`${emulatorUrl}${path}${url.search}`, {
      method: request.method,
      headers: forwardedHeaders(request, path, userAgent),
      ...(hasBody ? { body: request.body, duplex: 'half' } as RequestInit : {}),
    }))
  }
}
