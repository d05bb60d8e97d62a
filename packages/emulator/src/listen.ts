import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createServer } from 'node:http'
import { WechatLoginError } from '@wechat-qr-login/core'
import { invalidOption } from '@wechat-qr-login/core/internal'
import { toNodeHandler } from 'srvx/node'
import { SWEEP_INTERVAL } from './store'

/** Options of `emulator.listen()`. */
export interface EmulatorListenOptions {
  /**
   * TCP port; 0 picks a free one.
   * @default 0
   */
  port?: number
  /**
   * Interface to listen on. Keep `127.0.0.1` (a different site from an app on `localhost`, as
   * WeChat is); use `0.0.0.0` so that a phone on the LAN can open the phone page.
   * @default '127.0.0.1'
   */
  hostname?: string
}

/** A listening emulator. */
export interface EmulatorServer {
  /** Its base URL, e.g. `http://127.0.0.1:4399`: use it as both `openBase` and `apiBase`. */
  url: string
  /** Ends pending long-polls and delayed answers, then stops listening. */
  close: () => Promise<void>
}

/** What the server needs from the emulator besides its handler. */
export interface ListenHooks {
  /**
   * `true`: answer every held long-poll and delayed response now, and hold no new ones until
   * `false`, so that closing never waits for a timer.
   */
  drain: (on: boolean) => void
  /** Drops what has expired. */
  sweep: () => void
}

function displayHost(hostname: string): string {
  const host = hostname === '0.0.0.0' ? '127.0.0.1' : hostname === '::' ? '::1' : hostname
  return host.includes(':') ? `[${host}]` : host
}

/** Serves a fetch handler on node:http, with a periodic sweep and a close that ends held requests. */
export async function listenEmulator(handler: (request: Request) => Promise<Response>, hooks: ListenHooks, options: EmulatorListenOptions = {}): Promise<EmulatorServer> {
  const { port = 0, hostname = '127.0.0.1' } = options
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw invalidOption('port', 'expected an integer from 0 (any free port) to 65535.')
  const nodeHandler = toNodeHandler(handler) as (req: IncomingMessage, res: ServerResponse) => unknown
  const inflight = new Set<Promise<unknown>>()
  const server = createServer((req, res) => {
    const task: Promise<unknown> = Promise.resolve(nodeHandler(req, res))
      .catch(() => {})
      .finally(() => inflight.delete(task))
    inflight.add(task)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', error => reject(new WechatLoginError('INVALID_OPTION', `The emulator cannot listen on ${hostname}:${port} (${(error as NodeJS.ErrnoException).code ?? error.message}). Pick another "port" (0 = any free one) or "hostname".`, { option: 'port', cause: error })))
    server.listen(port, hostname, () => resolve())
  })
  const sweeper = setInterval(hooks.sweep, SWEEP_INTERVAL)
  sweeper.unref?.()
  const { port: boundPort } = server.address() as AddressInfo
  let closing: Promise<void> | undefined

  async function close(): Promise<void> {
    clearInterval(sweeper)
    hooks.drain(true)
    try {
      await Promise.allSettled([...inflight])
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    }
    finally {
      hooks.drain(false)
    }
  }

  return {
    url: `http://${displayHost(hostname)}:${boundPort}`,
    close: () => (closing ??= close()),
  }
}
