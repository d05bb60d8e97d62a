import type { Listening } from '@wechat-qr-login/test-utils/listen'
import { listen } from '@wechat-qr-login/test-utils/listen'
import express from 'express'
import { afterEach, describe, expect, it } from 'vitest'
import { toNodeMiddleware } from './node-middleware'

async function handler(request: Request): Promise<Response | undefined> {
  const { pathname } = new URL(request.url)
  if (pathname === '/mine')
    return Response.json({ method: request.method, body: request.method === 'POST' ? await request.json() : null })
  if (pathname === '/cookies') {
    const headers = new Headers()
    headers.append('set-cookie', 'a=1; Path=/')
    headers.append('set-cookie', 'b=2; Path=/; HttpOnly')
    return new Response(null, { status: 204, headers })
  }
  if (pathname === '/throws')
    throw new Error('boom')
  return undefined
}

describe('toNodeMiddleware', () => {
  let server: Listening | undefined
  afterEach(async () => {
    await server?.close()
    server = undefined
  })

  it('serves a fetch handler from node:http, with a 404 for what it declines', async () => {
    server = await listen(toNodeMiddleware(handler))
    const mine = await fetch(`${server.url}/mine`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' })
    expect(await mine.json()).toEqual({ method: 'POST', body: { a: 1 } })
    expect((await fetch(`${server.url}/other`)).status).toBe(404)
    expect((await fetch(`${server.url}/throws`)).status).toBe(500)
  })

  it('sends every Set-Cookie header', async () => {
    server = await listen(toNodeMiddleware(handler))
    const response = await fetch(`${server.url}/cookies`)
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/; HttpOnly'])
  })

  it('sends every Set-Cookie header when another middleware set a header first (Express, Vite)', async () => {
    // Express sets X-Powered-By, Vite's CORS middleware Vary: on Node 20, writeHead() with a raw
    // header list then overwrites each Set-Cookie with the next one.
    const app = express()
    app.use(toNodeMiddleware(handler))
    server = await listen(app)
    expect((await fetch(`${server.url}/cookies`)).headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/; HttpOnly'])

    await server.close()
    const middleware = toNodeMiddleware(handler)
    server = await listen((req, res) => {
      res.setHeader('vary', 'Origin')
      res.setHeader('set-cookie', 'earlier=0; Path=/')
      void middleware(req, res)
    })
    const response = await fetch(`${server.url}/cookies`)
    expect(response.headers.getSetCookie()).toEqual(['earlier=0; Path=/', 'a=1; Path=/', 'b=2; Path=/; HttpOnly'])
    expect(response.headers.get('vary')).toBe('Origin')
  })

  it('moves the Set-Cookie headers of a response whose headers are immutable (a fetch() answer)', async () => {
    const upstream = await listen(toNodeMiddleware(handler))
    try {
      const app = express()
      app.use(toNodeMiddleware(async () => await fetch(`${upstream.url}/cookies`)))
      server = await listen(app)
      const response = await fetch(`${server.url}/proxied`)
      expect(response.status).toBe(204)
      expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/; HttpOnly'])
    }
    finally {
      await upstream.close()
    }
  })

  it('passes declined requests and errors on to Express', async () => {
    const app = express()
    app.use(toNodeMiddleware(handler))
    app.get('/other', (_req, res) => {
      res.json({ from: 'express' })
    })
    app.use((error: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      res.status(503).json({ caught: error.message })
    })
    server = await listen(app)
    expect(await (await fetch(`${server.url}/mine`)).json()).toEqual({ method: 'GET', body: null })
    expect(await (await fetch(`${server.url}/other`)).json()).toEqual({ from: 'express' })
    expect(await (await fetch(`${server.url}/throws`)).json()).toEqual({ caught: 'boom' })
    expect((await fetch(`${server.url}/missing`)).status).toBe(404)
  })
})
