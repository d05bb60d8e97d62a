import type { Listening } from '@wechat-qr-login/test-utils/listen'
import process from 'node:process'
import { listen } from '@wechat-qr-login/test-utils/listen'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { fetchGet, nodeGet } from './transport'

describe('nodeGet', () => {
  let server: Listening | undefined
  afterEach(async () => {
    vi.unstubAllGlobals()
    vi.restoreAllMocks()
    await server?.close()
    server = undefined
  })

  it('calls WeChat with Node\'s http client over one kept-alive connection, not with fetch', async () => {
    const sockets = new Set<unknown>()
    server = await listen((req, res) => {
      sockets.add(req.socket)
      res.writeHead(200, { 'content-type': 'text/plain' })
      res.end(`{"path":${JSON.stringify(req.url)},"accept":${JSON.stringify(req.headers.accept)}}`)
    })
    const fetch = vi.spyOn(globalThis, 'fetch')
    const get = nodeGet()!
    expect(await get(`${server.url}/sns/userinfo?openid=o`, new AbortController().signal)).toEqual({ status: 200, text: '{"path":"/sns/userinfo?openid=o","accept":"application/json"}' })
    await get(`${server.url}/sns/auth`, new AbortController().signal)
    expect(sockets.size).toBe(1)
    expect(fetch).not.toHaveBeenCalled()
  })

  it('sends the GET again on a fresh connection when the kept-alive one was closed while idle', async () => {
    const served = new Set<unknown>()
    let requests = 0
    server = await listen((req, res) => {
      requests++
      // The second request on a connection finds it closed, as after WeChat's idle timeout.
      if (served.has(req.socket)) {
        req.socket.destroy()
        return
      }
      served.add(req.socket)
      res.end('{"errcode":0}')
    })
    const get = nodeGet()!
    await get(`${server.url}/sns/auth`, new AbortController().signal)
    expect(await get(`${server.url}/sns/auth`, new AbortController().signal)).toEqual({ status: 200, text: '{"errcode":0}' })
    expect({ requests, connections: served.size }).toEqual({ requests: 3, connections: 2 })
  })

  it('rejects with the system error when nothing listens, and with the abort reason when aborted', async () => {
    server = await listen(() => {})
    const get = nodeGet()!
    const controller = new AbortController()
    const pending = get(`${server.url}/sns/auth`, controller.signal)
    controller.abort(new DOMException('No answer within 1 ms.', 'TimeoutError'))
    await expect(pending).rejects.toThrow()
    await server.close()
    // Refused, or reset when another test's server took the freed port meanwhile.
    await expect(get(server.url, new AbortController().signal)).rejects.toMatchObject({ code: expect.stringMatching(/^ECONN(?:REFUSED|RESET)$/) })
    server = undefined
  })

  it('leaves Bun, Deno and runtimes without process.getBuiltinModule to fetch', () => {
    vi.stubGlobal('process', { ...process, versions: { ...process.versions, bun: '1.2.0' } })
    expect(nodeGet()).toBeUndefined()
    vi.stubGlobal('process', { ...process, versions: { ...process.versions, deno: '2.1.0' } })
    expect(nodeGet()).toBeUndefined()
    vi.stubGlobal('process', undefined)
    expect(nodeGet()).toBeUndefined()
  })
})

describe('fetchGet', () => {
  it('sends a GET that accepts JSON and reads the text', async () => {
    const fetch = vi.fn(async () => new Response('{"a":1}', { status: 201 }))
    const signal = new AbortController().signal
    expect(await fetchGet(fetch)('https://api.test/x', signal)).toEqual({ status: 201, text: '{"a":1}' })
    expect(fetch).toHaveBeenCalledWith('https://api.test/x', { method: 'GET', headers: { accept: 'application/json' }, signal })
  })
})
