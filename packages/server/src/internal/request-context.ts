import type { ResolvedAuthOptions } from '../options'
import { parse } from 'cookie-es'

/**
 * What every route needs to know about one request, and the Set-Cookie values its answer will
 * carry: routes and helpers add to `setCookies`, and whichever answer goes out (the route's own,
 * an error, the app's `Response` from `onLogin`) sends them all.
 */
export interface RequestContext {
  request: Request
  /** The URL as the browser sees it (through `trustProxy`). */
  url: URL
  /** The browser talks https to us. */
  https: boolean
  /** Cookies get the `Secure` attribute. */
  secure: boolean
  /** The browser treats this origin as secure even over http (`localhost`, `127.0.0.1`, `[::1]`). */
  trustworthy: boolean
  redirectUri: string
  /** Target origin of relay messages and base of return paths. */
  appOrigin: string
  /** The cookies the browser sent. */
  cookies: Record<string, string | undefined>
  /** Set-Cookie values for the answer, in order. */
  setCookies: string[]
}

const HOST_PATTERN = /^[\w.-]+(?::\d{1,5})?$|^\[[\da-f:.]+\](?::\d{1,5})?$/i

function firstForwarded(value: string | null): string | undefined {
  return value?.split(',')[0]?.trim() || undefined
}

/**
 * The request URL, rebuilt from `X-Forwarded-Proto` and `X-Forwarded-Host` when the proxy is
 * trusted. The first (client-facing) value of each list wins.
 */
function browserUrl(request: Request, url: URL, trustProxy: boolean): URL {
  if (!trustProxy)
    return url
  const proto = firstForwarded(request.headers.get('x-forwarded-proto'))?.toLowerCase()
  const host = firstForwarded(request.headers.get('x-forwarded-host'))
  const protocol = proto === 'https' || proto === 'http' ? `${proto}:` : url.protocol
  const origin = `${protocol}//${host && HOST_PATTERN.test(host) ? host : url.host}`
  // Appended, not resolved against the origin: a path such as `//evil.example/` would replace the host.
  return new URL(`${origin}${url.pathname}${url.search}`)
}

/** Hosts that browsers treat as secure contexts over plain http (Secure cookies work there). */
function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost') || hostname === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(hostname)
}

/** `requestUrl`: `request.url` parsed, when the caller has done so already. */
export function createRequestContext(request: Request, options: ResolvedAuthOptions, requestUrl = new URL(request.url)): RequestContext {
  const url = browserUrl(request, requestUrl, options.trustProxy)
  const { origin } = url
  const https = url.protocol === 'https:'
  const { secure } = options.cookie
  return {
    request,
    url,
    https,
    secure: secure === 'auto' ? https : secure,
    trustworthy: https || isLoopback(url.hostname),
    // `basePath` is validated to plain path segments, so it appends to an origin as it is.
    redirectUri: options.redirectUri ?? `${origin}${options.basePath}/callback`,
    // A configured redirect URI has given `options.appOrigin` its default already.
    appOrigin: options.appOrigin ?? origin,
    cookies: parse(request.headers.get('cookie') ?? ''),
    setCookies: [],
  }
}

/**
 * `__Host-` for Secure, host-only cookies on https: no sibling subdomain can then plant one
 * (cookie tossing), since the prefix forbids `Domain`. Chromium refuses prefixed cookies on
 * http://localhost, hence https only.
 */
export function hostPrefix(context: RequestContext, domain?: string): string {
  return context.https && context.secure && domain === undefined ? '__Host-' : ''
}
