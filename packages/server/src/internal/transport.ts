import type * as NodeHttp from 'node:http'

/** What the WeChat client needs of HTTP: one GET, its status and its text. */
export type WechatGet = (url: string, signal: AbortSignal) => Promise<{ status: number, text: string }>

/** A GET through a `fetch` function (workers, Deno, Bun, or one the app passes). */
export function fetchGet(fetchImpl: typeof globalThis.fetch): WechatGet {
  return async (url, signal) => {
    const response = await fetchImpl(url, { method: 'GET', headers: { accept: 'application/json' }, signal })
    return { status: response.status, text: await response.text() }
  }
}

interface NodeProcess {
  versions?: Record<string, string | undefined>
  getBuiltinModule?: (id: string) => unknown
}

/**
 * A GET through Node's own `http`/`https` clients, whose global agents keep connections to
 * WeChat alive; `undefined` outside Node. Profiled on Node 20, the global `fetch` (undici's WHATWG
 * layer: streams, `Request`/`Response` objects, an `AbortSignal` per call) cost a login more CPU
 * than anything else the server does. The modules are looked up at run time
 * (`process.getBuiltinModule`, Node 20.16+), never imported, so bundles for workers stay free of
 * them; Bun and Deno keep `fetch`, their own fast path.
 */
export function nodeGet(): WechatGet | undefined {
  // Read off globalThis: importing node:process would tie the main entry to Node.
  // eslint-disable-next-line node/prefer-global/process
  const nodeProcess = (globalThis as { process?: NodeProcess }).process
  if (typeof nodeProcess?.getBuiltinModule !== 'function' || nodeProcess.versions?.bun || nodeProcess.versions?.deno)
    return undefined
  const http = nodeProcess.getBuiltinModule('node:http') as typeof NodeHttp | undefined
  const https = nodeProcess.getBuiltinModule('node:https') as typeof NodeHttp | undefined
  if (!http?.get || !https?.get)
    return undefined
  const get = (url: string, signal: AbortSignal, retried = false): Promise<{ status: number, text: string }> => new Promise((resolve, reject) => {
    const client = url.startsWith('https:') ? https : http
    const request = client.get(url, { headers: { accept: 'application/json' }, signal }, (response) => {
      let text = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => {
        text += chunk
      })
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text }))
      response.on('error', reject)
    })
    request.on('error', (error: NodeJS.ErrnoException) => {
      // A kept-alive connection the other end closed while it sat idle fails as soon as it is
      // reused; the GET never reached WeChat, so it is sent once more on a fresh connection
      // (the pattern Node's http documentation gives for `request.reusedSocket`).
      if (!retried && request.reusedSocket && error.code === 'ECONNRESET')
        resolve(get(url, signal, true))
      else
        reject(error)
    })
  })
  return (url, signal) => get(url, signal)
}
