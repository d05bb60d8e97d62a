import { WechatLoginError } from '@wechat-qr-login/core'
import { WechatHttpError } from '../http-error'

/** `{ code, state }` fits in far less; anything bigger is not ours. */
const MAX_BODY_BYTES = 8192

/**
 * POSTs must be `application/json`: a cross-site page cannot send that without a CORS preflight,
 * which this handler never grants, so it is a cheap CSRF barrier.
 */
export function assertJsonRequest(request: Request): void {
  const type = request.headers.get('content-type') ?? ''
  if (!/^application\/json\s*(?:;|$)/i.test(type))
    throw new WechatHttpError('INVALID_REQUEST', 'Send this request with "Content-Type: application/json".', { statusCode: 415 })
}

async function readBytes(body: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  while (true) {
    const { done, value } = await reader.read()
    if (done)
      break
    size += value.byteLength
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => {})
      throw new WechatHttpError('INVALID_REQUEST', `The request body exceeds ${MAX_BODY_BYTES} bytes.`, { statusCode: 413 })
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

async function readText(request: Request): Promise<string> {
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES)
    throw new WechatHttpError('INVALID_REQUEST', `The request body exceeds ${MAX_BODY_BYTES} bytes.`, { statusCode: 413 })
  if (!request.body)
    return ''
  try {
    return new TextDecoder().decode(await readBytes(request.body))
  }
  catch (error) {
    if (error instanceof WechatHttpError)
      throw error
    throw new WechatLoginError('INVALID_REQUEST', 'The request body could not be read. If a body parser (express.json()) runs before this handler it has consumed it: mount toNodeMiddleware() before body parsers.', { cause: error })
  }
}

/** The JSON body of a POST, bounded in size; `undefined` when empty. */
export async function readJsonBody(request: Request): Promise<unknown> {
  assertJsonRequest(request)
  const text = await readText(request)
  if (text.trim() === '')
    return undefined
  try {
    return JSON.parse(text)
  }
  catch {
    throw new WechatHttpError('INVALID_REQUEST', 'The request body is not valid JSON.')
  }
}
