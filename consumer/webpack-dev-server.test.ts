import type { Buffer } from 'node:buffer'
import type { RunningServer } from './harness/process'
import { request } from 'node:http'
import process from 'node:process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consumerApp } from './harness/app'
import { startServer } from './harness/process'
import { catalogVersion } from './harness/workspace'

/** GET `path` (the bundle) of `url` with the request's Host header set to `host`, as a tunnel or a browser on another name sends it. */
function getWithHost(url: string, host: string, path = '/main.js'): Promise<{ status: number, body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { headers: { host } }, (response) => {
      let body = ''
      response.on('data', (chunk: Buffer) => (body += chunk))
      response.on('end', () => resolve({ status: response.statusCode!, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('webpack-dev-server 5 with wechatDevServerConfig(), from the packed vite-plugin', () => {
  let server: RunningServer

  beforeAll(async () => {
    const app = await consumerApp({
      name: 'webpack-app',
      fixtures: ['webpack-app'],
      packages: ['@wechat-qr-login/core', '@wechat-qr-login/emulator', '@wechat-qr-login/server', '@wechat-qr-login/vite-plugin'],
      dependencies: { 'webpack': catalogVersion('webpack'), 'webpack-dev-server': catalogVersion('webpack-dev-server') },
    })
    server = await startServer(process.execPath, ['serve.mjs'], { cwd: app.dir, urlPattern: /webpack-dev-server: (http:\/\/127\.0\.0\.1:\d+)/ })
  })
  afterAll(async () => {
    await server?.stop()
  })

  it('serves the tunnel host', async () => {
    expect((await getWithHost(server.url, 'abc123.natappfree.cc')).status).toBe(200)
  })

  it('refuses a host that is not listed', async () => {
    const { status, body } = await getWithHost(server.url, 'evil.example')
    expect(status).toBe(403)
    expect(body).toContain('Invalid Host header')
  })
})
