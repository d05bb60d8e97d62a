import type { RequestListener, Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createServer } from 'node:http'
import { createServer as createNetServer } from 'node:net'

/** A server on loopback and a random port, and how to close it. */
export interface Listening {
  url: string
  server: Server
  close: () => Promise<void>
}

/**
 * Serves `listener` (or starts `server`) on `127.0.0.1` with port 0, addressed as `host`: pass
 * `localhost` for an app on another site than an emulator on `127.0.0.1`, as WeChat is.
 */
export async function listen(listener: RequestListener | Server, host = '127.0.0.1'): Promise<Listening> {
  const server = typeof listener === 'function' ? createServer(listener) : listener
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://${host}:${port}`,
    server,
    close: () => new Promise<void>((resolve, reject) => {
      server.closeAllConnections()
      server.close(error => error ? reject(error) : resolve())
    }),
  }
}

/** A loopback port nobody listens on right now, for a program that must be told its port. */
export async function freePort(): Promise<number> {
  const probe = createNetServer()
  await new Promise<void>(resolve => probe.listen(0, '127.0.0.1', resolve))
  const { port } = probe.address() as AddressInfo
  await new Promise(resolve => probe.close(resolve))
  return port
}
