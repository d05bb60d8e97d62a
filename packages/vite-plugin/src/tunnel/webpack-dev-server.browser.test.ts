import type { AddressInfo } from 'node:net'
import type { Browser, Page } from 'playwright-core'
import type { WechatDevServerConfigV3 } from './webpack-dev-server'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { launchChromium } from '@test/browser'
import { requestWithHost } from '@wechat-qr-login/test-utils/vite-app'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { wechatDevServerConfig } from './webpack-dev-server'

const require = createRequire(import.meta.url)
// vue-cli 4's webpack-dev-server, installed beside version 5 under an alias.
const WebpackDevServer = require('webpack-dev-server-3') as new (compiler: unknown, options: object) => { listen: (port: number, host: string, callback: (error?: Error) => void) => { address: () => AddressInfo }, close: (callback: () => void) => void }
const webpack = require('webpack') as (config: object) => unknown

const TUNNEL_HOST = 'abc123.natappfree.cc'

interface RunningDevServer {
  port: number
  close: () => Promise<void>
}

/** The shapes under test: webpack-dev-server 3 adding its client itself, and vue-cli 4's `serve`. */
type Shape = 'webpack-dev-server 3' | 'vue-cli 4'

/**
 * Starts webpack-dev-server 3 on 127.0.0.1 with `fragment` spread into its options. For vue-cli 4,
 * as its `serve` command does: the client entry added by hand from `devServer.public` (a URL:
 * `http://` added when it has no scheme), `injectClient: false`, and `public` as that URL's host.
 */
async function startDevServer(dir: string, fragment: WechatDevServerConfigV3, shape: Shape): Promise<RunningDevServer> {
  const client = require.resolve('webpack-dev-server-3/client')
  const publicUrl = fragment.public && (/^[a-z]+:\/\//i.test(fragment.public) ? fragment.public : `http://${fragment.public}`)
  const vueCli = shape === 'vue-cli 4'
  const compiler = webpack({
    mode: 'development',
    context: dir,
    devtool: false,
    entry: { main: [...(vueCli ? [`${client}?${publicUrl}&sockPath=/sockjs-node`, require.resolve('webpack/hot/dev-server')] : []), './index.js'] },
    output: { path: join(dir, 'dist'), filename: 'main.js', publicPath: '/' },
    infrastructureLogging: { level: 'error' },
  })
  const server = new WebpackDevServer(compiler, {
    contentBase: dir,
    hot: true,
    publicPath: '/',
    logLevel: 'silent',
    ...fragment,
    ...(vueCli ? { injectClient: false, public: publicUrl && /^[a-z]+:\/\/([^/?#]+)/i.exec(publicUrl)![1] } : {}),
  })
  const listening = await new Promise<{ address: () => AddressInfo }>((resolve, reject) => {
    const http = server.listen(0, '127.0.0.1', error => error ? reject(error) : resolve(http))
  })
  return { port: listening.address().port, close: () => new Promise(resolve => server.close(resolve)) }
}

/** The messages of a SockJS frame: `a["{\"type\":\"ok\"}"]` holds `{ type: 'ok' }`. */
function sockJsMessages(payload: string): Array<{ type: string }> {
  return payload.startsWith('a[') ? (JSON.parse(payload.slice(1)) as string[]).map(message => JSON.parse(message) as { type: string }) : []
}

/** Opens `url`; answers where the HMR client's first request went and the first message the server sent over the socket. */
async function hmrSocket(page: Page, url: string): Promise<{ info: URL, message: { type: string } }> {
  const [info, message] = await Promise.all([
    page.waitForRequest(request => request.url().includes('/sockjs-node/info')),
    new Promise<{ type: string }>(resolve => page.on('websocket', socket => socket.on('framereceived', ({ payload }) => {
      const [first] = sockJsMessages(String(payload))
      if (first)
        resolve(first)
    }))),
    page.goto(url),
  ])
  return { info: new URL(info.url()), message }
}

describe('wechatDevServerConfig on a real webpack-dev-server 3', () => {
  let browser: Browser
  let dir: string

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wechat-qr-login-wds3-'))
    await writeFile(join(dir, 'index.html'), '<!doctype html><html><body><script src="/main.js"></script></body></html>')
    await writeFile(join(dir, 'index.js'), 'document.body.dataset.loaded = "yes"\n')
    // The tunnel's host leads to this machine, as its DNS leads to the tunnel's server.
    browser = await launchChromium({ args: [`--host-resolver-rules=MAP ${TUNNEL_HOST} 127.0.0.1`] })
  })

  afterAll(async () => {
    await browser?.close()
    await rm(dir, { recursive: true, force: true })
  })

  it.each<Shape>(['webpack-dev-server 3', 'vue-cli 4'])('keeps hot reload on localhost and through the tunnel (%s)', async (shape) => {
    const server = await startDevServer(dir, wechatDevServerConfig({ version: 3, tunnel: `http://${TUNNEL_HOST}`, env: {} }), shape)
    const context = await browser.newContext()
    try {
      for (const host of ['localhost', TUNNEL_HOST]) {
        const page = await context.newPage()
        const { info, message } = await hmrSocket(page, `http://${host}:${server.port}/`)
        // The socket goes where the page is, not to the tunnel from localhost.
        expect(`${info.protocol}//${info.host}`).toBe(`http://${host}:${server.port}`)
        // The dev server talks to this page: hot reload is on.
        expect(message).toEqual({ type: 'hot' })
        expect(await page.evaluate(() => document.body.dataset.loaded)).toBe('yes')
      }
      // Version 3 refuses another host with a 200 that says so.
      expect(await requestWithHost(server.port, 'evil.example', '/')).toMatchObject({ status: 200, body: 'Invalid Host header' })
    }
    finally {
      await context.close()
      await server.close()
    }
  })
})
