import type { WechatUserInfo, WechatUserInfoLang } from '@wechat-qr-login/core'
import type { FaultInjector, InjectedFault } from './faults'
import type { ResolvedEmulatorOptions } from './options'
import type { EmulatorStore, GrantRecord } from './store'
import { BodyTooLargeError, limitRequestBody } from 'srvx/body-limit'
import { createRid, isTokenShaped } from './ids'
import { avatarUrl } from './pages/avatar'
import { plainText } from './plain-text'

/** What the `/sns/*` APIs work with. */
export interface SnsContext {
  options: ResolvedEmulatorOptions
  store: EmulatorStore
  faults: FaultInjector
  /** The emulator's public base URL for the links of a login's answers (`headimgurl`). */
  publicBase: (redirectUri: string | undefined, request: Request) => string
}

/** A form body larger than this is refused (413): the APIs take a handful of short parameters. */
const MAX_FORM_BYTES = 16 * 1024

/** The four APIs of website login, by path. */
export const SNS_PATHS = Object.freeze({
  accessToken: '/sns/oauth2/access_token',
  refreshToken: '/sns/oauth2/refresh_token',
  auth: '/sns/auth',
  userinfo: '/sns/userinfo',
})

const USERINFO_LANGS: ReadonlySet<string> = new Set<WechatUserInfoLang>(['zh_CN', 'zh_TW', 'en'])

/** An API answer: JSON (with `\/` escaped slashes, as WeChat writes them) in `apiContentType`. */
function reply(context: SnsContext, body: object): Response {
  return new Response(JSON.stringify(body).replace(/\//g, '\\/'), {
    headers: { 'content-type': context.options.apiContentType, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' },
  })
}

/** An API error: HTTP 200, `{ errcode, errmsg }` with WeChat's `rid:` suffix on the message. */
function fail(context: SnsContext, errcode: number, errmsg: string): Response {
  return reply(context, { errcode, errmsg: `${errmsg}, rid: ${createRid()}` })
}

function gatewayPage(status: number, text: string): Response {
  return new Response(`<html>\r\n<head><title>${status} ${text}</title></head>\r\n<body>\r\n<center><h1>${status} ${text}</h1></center>\r\n</body>\r\n</html>\r\n`, {
    status,
    headers: { 'content-type': 'text/html' },
  })
}

function faultResponse(context: SnsContext, fault: InjectedFault): Response {
  switch (fault) {
    case 'server-error':
      return gatewayPage(500, 'Internal Server Error')
    case 'bad-gateway':
      return gatewayPage(502, 'Bad Gateway')
    case 'empty':
      return new Response('', { headers: { 'content-type': 'text/html; charset=gbk' } })
    case 'busy':
    case 'busy-after-use':
      return fail(context, -1, 'system error')
  }
}

function exchangeCode(context: SnsContext, query: URLSearchParams): Response {
  const { options, store } = context
  const appid = query.get('appid')
  const secret = query.get('secret')
  const code = query.get('code')
  if (!appid)
    return fail(context, 41002, 'appid missing')
  if (!secret)
    return fail(context, 41004, 'appsecret missing')
  if (!code)
    return fail(context, 41008, 'missing code')
  if (query.get('grant_type') !== 'authorization_code')
    return fail(context, 40002, 'invalid grant_type')
  const app = options.apps.get(appid) ?? options.officialAccounts.get(appid)
  if (!app)
    return fail(context, 40013, 'invalid appid')
  if (secret !== app.secret)
    return fail(context, 40125, 'invalid appsecret')
  const record = store.findCode(code)
  if (!record || record.code.appid !== appid)
    return fail(context, 40029, 'invalid code')
  if (record.code.used)
    return fail(context, 40163, 'code been used')
  if (Date.now() >= record.code.expiresAt)
    return fail(context, 42003, 'code expired')
  const { token } = store.redeemCode(record)
  return reply(context, {
    access_token: token.accessToken,
    expires_in: 7200,
    refresh_token: token.refreshToken,
    openid: token.openid,
    scope: token.scope,
    ...(token.snapshot ? { is_snapshotuser: 1 } : {}),
    ...(token.unionid ? { unionid: token.unionid } : {}),
  })
}

function refreshToken(context: SnsContext, query: URLSearchParams): Response {
  const { options, store } = context
  const appid = query.get('appid')
  const refreshToken = query.get('refresh_token')
  if (!appid)
    return fail(context, 41002, 'appid missing')
  if (!refreshToken)
    return fail(context, 41003, 'refresh_token missing')
  if (query.get('grant_type') !== 'refresh_token')
    return fail(context, 40002, 'invalid grant_type')
  if (!options.apps.has(appid) && !options.officialAccounts.has(appid))
    return fail(context, 40013, 'invalid appid')
  const grant = store.findByRefreshToken(refreshToken)
  if (!grant || grant.token.appid !== appid)
    return fail(context, 40030, 'invalid refresh_token')
  if (Date.now() >= grant.token.refreshTokenExpiresAt)
    return fail(context, 42002, 'refresh_token expired')
  store.refresh(grant)
  const { token } = grant
  return reply(context, {
    access_token: token.accessToken,
    expires_in: Math.round((token.accessTokenExpiresAt - Date.now()) / 1000),
    refresh_token: token.refreshToken,
    openid: token.openid,
    scope: token.scope,
  })
}

/** The grant of a valid access token for `openid`, or the error WeChat gives instead. */
function authorize(context: SnsContext, query: URLSearchParams): GrantRecord | Response {
  const accessToken = query.get('access_token')
  const openid = query.get('openid')
  if (!accessToken)
    return fail(context, 41001, 'access_token missing')
  if (!openid)
    return fail(context, 41009, 'missing openid')
  const grant = context.store.findByAccessToken(accessToken)
  if (!grant) {
    return isTokenShaped(accessToken)
      ? fail(context, 40001, 'invalid credential, access_token is invalid or not latest')
      : fail(context, 40014, 'invalid access_token')
  }
  if (Date.now() >= grant.token.accessTokenExpiresAt)
    return fail(context, 42001, 'access_token expired')
  if (grant.token.openid !== openid)
    return fail(context, 40003, 'invalid openid')
  return grant
}

function checkToken(context: SnsContext, query: URLSearchParams): Response {
  const grant = authorize(context, query)
  return grant instanceof Response ? grant : reply(context, { errcode: 0, errmsg: 'ok' })
}

function userInfo(context: SnsContext, request: Request, query: URLSearchParams): Response {
  const grant = authorize(context, query)
  if (grant instanceof Response)
    return grant
  const { options } = context
  const { user, token, redirectUri } = grant
  // snsapi_base grants no profile, and a snapshot page's virtual account none either.
  if (token.scope === 'snsapi_base' || token.snapshot)
    return fail(context, 48001, 'api unauthorized')
  const requested = query.get('lang') ?? ''
  const lang = (USERINFO_LANGS.has(requested) ? requested : 'en') as WechatUserInfoLang
  const region = options.blankProfile ? undefined : user.region?.[lang]
  const body: WechatUserInfo = {
    openid: token.openid,
    nickname: user.nickname,
    sex: options.blankProfile ? 0 : user.sex ?? 0,
    province: region?.province ?? '',
    city: region?.city ?? '',
    country: region?.country ?? '',
    headimgurl: avatarUrl(user, context.publicBase(redirectUri, request)),
    privilege: [],
    ...(token.unionid ? { unionid: token.unionid } : {}),
  }
  return reply(context, body)
}

function isFormPost(request: Request): boolean {
  return /^application\/x-www-form-urlencoded\s*(?:;|$)/i.test(request.headers.get('content-type') ?? '')
}

/**
 * The parameters of an API call. GET: the query. POST (as OAuth clients such as Auth.js send
 * the token request, and WeChat accepts): an `application/x-www-form-urlencoded` body with the
 * query over it, a name in both taking the query's value. Any other method is 43001.
 */
async function readParams(context: SnsContext, request: Request, url: URL): Promise<URLSearchParams | Response> {
  if (request.method === 'GET')
    return url.searchParams
  if (request.method !== 'POST')
    return fail(context, 43001, 'require GET method')
  let body = ''
  if (isFormPost(request)) {
    try {
      body = await limitRequestBody(request, MAX_FORM_BYTES).text()
    }
    catch (error) {
      if (!(error instanceof BodyTooLargeError))
        throw error
      return plainText(`Request body too large: the /sns/* APIs take at most ${MAX_FORM_BYTES} bytes of form parameters (WeChat emulator).`, 413)
    }
  }
  const params = new URLSearchParams(body)
  for (const name of new Set(url.searchParams.keys()))
    params.set(name, url.searchParams.get(name) as string)
  return params
}

/**
 * The `/sns/*` APIs as WeChat answers them: GET with query parameters (or POST with a form
 * body), JSON served as `text/plain`, errors as `{ errcode, errmsg }` on HTTP 200. Injected
 * faults answer first.
 */
export async function handleSns(context: SnsContext, request: Request, url: URL): Promise<Response> {
  const fault = await context.faults.pick()
  if (fault !== undefined && fault !== 'busy-after-use')
    return faultResponse(context, fault)
  const query = await readParams(context, request, url)
  if (query instanceof Response)
    return query
  const response = answer(context, request, url, query)
  return fault === undefined ? response : faultResponse(context, fault)
}

function answer(context: SnsContext, request: Request, url: URL, query: URLSearchParams): Response {
  switch (url.pathname) {
    case SNS_PATHS.accessToken:
      return exchangeCode(context, query)
    case SNS_PATHS.refreshToken:
      return refreshToken(context, query)
    case SNS_PATHS.auth:
      return checkToken(context, query)
    default:
      return userInfo(context, request, query)
  }
}
