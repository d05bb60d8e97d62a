import type { WechatEmulator } from '@wechat-qr-login/emulator'
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

function json(body: unknown): Response {
  return Response.json(body, { headers: { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' } })
}

/**
 * The dev server's `/__wechat-emulator/*` routes: the emulator's phone page and an Official
 * Account's authorization pages (and their avatars), so that a phone reaches them through the
 * app's tunnel, and `latest-qr[?state=…]`, the newest live
 * QR (of that login) for a "scan with a real phone" panel. Every other path is declined
 * (`undefined`).
 */
export function createEmulatorProxy(emulator: WechatEmulator, emulatorUrl: string): (request: Request) => Promise<Response | undefined> {
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
      headers: request.headers,
      ...(hasBody ? { body: request.body, duplex: 'half' } as RequestInit : {}),
    }))
  }
}
