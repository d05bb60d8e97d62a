import type { IncomingHttpHeaders } from 'node:http'
import type { Logger, Plugin, PluginOption } from 'vite'
import { Buffer } from 'node:buffer'
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

/** Writes a tiny Vite app (an index.html and a main.js, plus `files`) into a fresh temp dir. */
export async function createTempApp(files: Record<string, string> = {}): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'wechat-qr-login-vite-'))
  const all = {
    'index.html': '<!doctype html><html><body><div id="app"></div><script type="module" src="/main.js"></script></body></html>',
    'main.js': 'document.querySelector(\'#app\').textContent = \'hello\'\n',
    ...files,
  }
  for (const [name, content] of Object.entries(all)) {
    await mkdir(dirname(join(root, name)), { recursive: true })
    await writeFile(join(root, name), content)
  }
  return root
}

/** What {@link requestWithHost} answers. */
export interface HostResponse {
  status: number
  body: string
  headers: IncomingHttpHeaders
}

/**
 * A request with a chosen Host header (a tunnel's): fetch() cannot override Host, node:http can.
 * `init.body` is sent as is (a form, JSON).
 */
export function requestWithHost(port: number, host: string, path = '/', headers: Record<string, string> = {}, init: { method?: string, body?: string } = {}): Promise<HostResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: init.method ?? 'GET', headers: { host, accept: 'text/html', ...headers } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', chunk => chunks.push(chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), headers: res.headers }))
    })
    // An accepted WebSocket upgrade has no 'response': report it as 101 and drop the socket.
    req.on('upgrade', (res, socket) => {
      socket.destroy()
      resolve({ status: res.statusCode ?? 101, body: '', headers: res.headers })
    })
    req.on('error', reject)
    req.end(init.body)
  })
}

/** A Vite logger that keeps every message, to assert on what users would see. */
export function captureLogger(): { logger: Logger, output: () => string, warnings: () => string[] } {
  const messages: Array<{ type: 'info' | 'warn' | 'error', msg: string }> = []
  const logger: Logger = {
    hasWarned: false,
    info: msg => void messages.push({ type: 'info', msg }),
    warn: (msg) => {
      logger.hasWarned = true
      messages.push({ type: 'warn', msg })
    },
    warnOnce: msg => void messages.push({ type: 'warn', msg }),
    error: msg => void messages.push({ type: 'error', msg }),
    clearScreen: () => {},
    hasErrorLogged: () => false,
  }
  return {
    logger,
    output: () => messages.map(m => m.msg).join('\n'),
    warnings: () => messages.filter(m => m.type === 'warn').map(m => m.msg),
  }
}

/** The plugins of a Vite config, nested arrays flattened. */
export function flattenPlugins(plugins: PluginOption[] | undefined): Plugin[] {
  return (plugins ?? []).flat(Infinity as 1).filter((plugin): plugin is Plugin => typeof plugin === 'object' && plugin !== null && 'name' in plugin)
}
