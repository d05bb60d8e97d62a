import { parseSetCookie } from 'cookie-es'

interface StoredCookie {
  name: string
  value: string
  path: string
  expiresAt: number
  sameSite?: string
  secure: boolean
}

/**
 * A browser's cookie store, small enough for tests: keeps `Set-Cookie` answers by name and path,
 * honours `Max-Age`/`Expires` (with `Date.now()`, so fake dates apply) and sends cookies whose
 * path matches. Loopback only, like the tests: `Secure` cookies are sent over http, as browsers
 * do for localhost.
 */
export interface CookieJar {
  /** Stores the cookies of a response. */
  store: (response: Response) => void
  /** The `Cookie` header for a URL. */
  header: (url: string | URL) => string
  /** The live cookies, for assertions. */
  list: () => StoredCookie[]
  /** Sets a cookie by hand (tampering tests). */
  set: (name: string, value: string, path?: string) => void
  /** Sends a request with the jar's cookies and stores the answer's; never follows redirects. */
  fetch: (url: string | URL, init?: RequestInit) => Promise<Response>
}

function pathMatches(cookiePath: string, requestPath: string): boolean {
  return requestPath === cookiePath || requestPath.startsWith(cookiePath.endsWith('/') ? cookiePath : `${cookiePath}/`)
}

/**
 * @param send how requests go out: the global `fetch` (real HTTP), or a handler called directly.
 */
export function createCookieJar(send: (request: Request) => Promise<Response> = request => fetch(request, { redirect: 'manual' })): CookieJar {
  const cookies = new Map<string, StoredCookie>()
  const live = (): StoredCookie[] => [...cookies.values()].filter(cookie => cookie.expiresAt > Date.now())

  const jar: CookieJar = {
    store(response) {
      for (const line of response.headers.getSetCookie()) {
        const parsed = parseSetCookie(line)
        if (!parsed)
          continue
        const path = parsed.path ?? '/'
        const expiresAt = parsed.maxAge !== undefined
          ? Date.now() + parsed.maxAge * 1000
          : parsed.expires?.getTime() ?? Number.POSITIVE_INFINITY
        const key = `${parsed.name};${path}`
        if (expiresAt <= Date.now())
          cookies.delete(key)
        else
          cookies.set(key, { name: parsed.name, value: parsed.value, path, expiresAt, sameSite: typeof parsed.sameSite === 'string' ? parsed.sameSite : undefined, secure: parsed.secure === true })
      }
    },
    header(url) {
      const { pathname } = new URL(url)
      return live()
        .filter(cookie => pathMatches(cookie.path, pathname))
        .map(cookie => `${cookie.name}=${cookie.value}`)
        .join('; ')
    },
    list: live,
    set(name, value, path = '/') {
      cookies.set(`${name};${path}`, { name, value, path, expiresAt: Number.POSITIVE_INFINITY, secure: false })
    },
    async fetch(url, init = {}) {
      const headers = new Headers(init.headers)
      const cookie = jar.header(url)
      if (cookie)
        headers.set('cookie', cookie)
      const response = await send(new Request(url, { ...init, headers, redirect: 'manual' }))
      jar.store(response)
      return response
    },
  }
  return jar
}
