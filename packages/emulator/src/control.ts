import type { WechatErrorBody, WechatLoginErrorCode } from '@wechat-qr-login/core'
import type { EmulatorCodeOptions, WechatEmulator } from './emulator'
import type { EmulatorOfficialAccountStatus } from './official-account'
import type { EmulatorUser } from './options'
import type { EmulatorStore } from './store'
import { isWechatLoginError } from '@wechat-qr-login/core'
import { safeDecode } from '@wechat-qr-login/core/internal'

/** The reserved path prefix of the control API (and of generated avatars). */
export const CONTROL_PREFIX = '/__emulator'

/** What the control routes work with: the emulator's own methods, and the store to look up sessions. */
export interface ControlContext {
  emulator: WechatEmulator
  store: EmulatorStore
}

const SESSION_ACTION = /^\/sessions\/([^/]+)\/(scan|confirm|cancel|expire)$/
const ACCOUNT_ACTION = /^\/official-accounts\/([^/]+)\/(follow|unfollow|status)$/

function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' } })
}

function errorBody(status: number, code: WechatLoginErrorCode, message: string): Response {
  const body: WechatErrorBody = { error: { code, message } }
  return json(body, status)
}

function errorResponse(error: unknown): Response {
  if (!isWechatLoginError(error))
    throw error
  const status = error.code === 'INVALID_REQUEST' || error.code === 'QR_EXPIRED' ? 409 : 400
  return errorBody(status, error.code, error.message)
}

/** Reads the JSON body of a mutating call; refuses other content types (form posts from other sites). */
async function readBody(request: Request): Promise<Record<string, unknown> | Response> {
  const type = request.headers.get('content-type') ?? ''
  if (!/^application\/json\b/i.test(type))
    return errorBody(415, 'INVALID_REQUEST', 'Control API calls that change state need "Content-Type: application/json" (the body may be empty).')
  const text = await request.text()
  if (text.trim() === '')
    return {}
  try {
    const body: unknown = JSON.parse(text)
    if (typeof body === 'object' && body !== null && !Array.isArray(body))
      return body as Record<string, unknown>
  }
  catch {}
  return errorBody(400, 'INVALID_REQUEST', 'The body must be a JSON object.')
}

async function handleSessionAction(context: ControlContext, request: Request, uuid: string, action: string): Promise<Response> {
  const body = await readBody(request)
  if (body instanceof Response)
    return body
  if (!context.store.findSession(uuid))
    return errorBody(404, 'INVALID_REQUEST', `No QR session "${uuid.slice(0, 40)}". List the live ones with GET ${CONTROL_PREFIX}/sessions.`)
  const { emulator } = context
  try {
    if (action === 'confirm')
      return json(emulator.confirm(uuid, body.user as string | EmulatorUser | undefined))
    if (action === 'scan')
      emulator.scan(uuid)
    else if (action === 'cancel')
      emulator.cancel(uuid)
    else
      emulator.expire(uuid)
    return json(emulator.sessions().find(session => session.uuid === uuid))
  }
  catch (error) {
    return errorResponse(error)
  }
}

async function handleAccountAction(context: ControlContext, request: Request, appid: string, action: string): Promise<Response> {
  const body = await readBody(request)
  if (body instanceof Response)
    return body
  const { emulator } = context
  try {
    if (action === 'status')
      emulator.setOfficialAccountStatus(appid, body.status as EmulatorOfficialAccountStatus)
    else if (action === 'follow')
      emulator.follow(appid, body.user as string | undefined)
    else
      emulator.unfollow(appid, body.user as string | undefined)
    return json(emulator.officialAccounts().find(account => account.appid === appid))
  }
  catch (error) {
    return errorResponse(error)
  }
}

/** The GET routes, each the emulator method that answers it. */
const READS: Readonly<Record<string, 'sessions' | 'codes' | 'tokens' | 'users' | 'faults' | 'officialAccounts' | 'authorizations' | 'wechatClient'>> = Object.freeze({
  '/sessions': 'sessions',
  '/codes': 'codes',
  '/tokens': 'tokens',
  '/users': 'users',
  '/faults': 'faults',
  '/official-accounts': 'officialAccounts',
  '/authorizations': 'authorizations',
  '/wechat-client': 'wechatClient',
})

const MUTATIONS: ReadonlySet<string> = new Set(['POST /codes', 'POST /users', 'PUT /faults', 'PUT /wechat-client', 'POST /reset'])

async function handleMutation(context: ControlContext, request: Request, route: string): Promise<Response> {
  const { emulator } = context
  const body = await readBody(request)
  if (body instanceof Response)
    return body
  try {
    switch (route) {
      case 'POST /codes': {
        const { appid, user, ...grant } = body
        return json({ code: emulator.issueCode(appid as string, user as string | EmulatorUser | undefined, grant as EmulatorCodeOptions) })
      }
      case 'PUT /wechat-client':
        return json(emulator.setWechatClient(body))
      case 'POST /users':
        return json(emulator.addUser(body as unknown as EmulatorUser))
      case 'PUT /faults':
        emulator.setFaults(body)
        return json(emulator.faults())
      default:
        emulator.reset()
        return json({ reset: true })
    }
  }
  catch (error) {
    return errorResponse(error)
  }
}

/**
 * The JSON control routes under `/__emulator` (test-only): the emulator's control methods over
 * HTTP, for tests and scripts in other processes. Errors come as `{ error: { code, message } }`.
 */
export async function handleControl(context: ControlContext, request: Request, path: string): Promise<Response> {
  const { emulator } = context
  const action = SESSION_ACTION.exec(path)
  if (action && request.method === 'POST')
    return handleSessionAction(context, request, safeDecode(action[1] as string), action[2] as string)
  const accountAction = ACCOUNT_ACTION.exec(path)
  if (accountAction && request.method === (accountAction[2] === 'status' ? 'PUT' : 'POST'))
    return handleAccountAction(context, request, safeDecode(accountAction[1] as string), accountAction[2] as string)
  const read = request.method === 'GET' && Object.hasOwn(READS, path) ? READS[path] : undefined
  if (read)
    return json(emulator[read]())
  const route = `${request.method} ${path}`
  if (MUTATIONS.has(route))
    return handleMutation(context, request, route)
  return errorBody(404, 'INVALID_REQUEST', `No control route ${request.method} ${CONTROL_PREFIX}${path}. See the emulator's README for the list.`)
}
