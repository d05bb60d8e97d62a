import type { RequestListener, Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createServer } from 'node:http'

/** A server on loopback with a random port. */
export interface Listening {
  /** `http://localhost:{port}`: another site than the emulator on `127.0.0.1`, as WeChat is. */
  url: string
  close: () => Promise<void>
}

/** Serves `listener` (or starts `server`) on `127.0.0.1`, port 0, addressed as `localhost`. */
export async function listen(listener: RequestListener | Server): Promise<Listening> {
  const server = typeof listener === 'function' ? createServer(listener) : listener
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://localhost:${port}`,
    close: () => new Promise<void>((resolve, reject) => {
      server.closeAllConnections()
      server.close(error => error ? reject(error) : resolve())
    }),
  }
}

/** A browser's cookie store, as small as these tests need: one host, no expiry dates. */
export interface CookieJar {
  /** Sends a request with the stored cookies, stores the answer's; never follows redirects. */
  fetch: (url: string, init?: RequestInit) => Promise<Response>
  /** The names of the cookies held now. */
  names: () => string[]
}

export function createCookieJar(): CookieJar {
  const cookies = new Map<string, string>()
  return {
    async fetch(url, init = {}) {
      const headers = new Headers(init.headers)
      if (cookies.size > 0)
        headers.set('cookie', [...cookies].map(([name, value]) => `${name}=${value}`).join('; '))
      const response = await fetch(url, { ...init, headers, redirect: 'manual' })
      for (const line of response.headers.getSetCookie()) {
        const [pair = ''] = line.split(';')
        const separator = pair.indexOf('=')
        const name = pair.slice(0, separator).trim()
        if (/;\s*max-age=0\b/i.test(line) || pair.slice(separator + 1) === '')
          cookies.delete(name)
        else
          cookies.set(name, pair.slice(separator + 1))
      }
      return response
    },
    names: () => [...cookies.keys()],
  }
}
