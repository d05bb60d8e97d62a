import type { AuthorizationRecord, AuthorizationStore, EmulatorAuthorization, OfficialAccountScope } from './authorizations'
import type { EmulatorFaults } from './faults'
import type { ResolvedOfficialAccount } from './official-account'
import type { EmulatorUser, ResolvedEmulatorOptions } from './options'
import type { CodeGrant, EmulatorStore } from './store'
import type { UserRegistry } from './users'
import type { EmulatorWechatClient } from './wechat-client'
import { escapeHtml } from '@wechat-qr-login/core/internal'
import { BodyTooLargeError, limitRequestBody } from 'srvx/body-limit'
import { authorizeCallbackUrl } from './callback-url'
import { renderAuthorizeError, renderConsentPage, renderDenied, renderOutsideWechat } from './pages/authorize-pages'
import { renderMessagePage } from './pages/message-page'
import { isInWechat } from './user-agents'
import { checkWebAuthRedirect } from './web-auth-domain'

/** What the Official Account routes work with. */
export interface OAuth2Context {
  options: ResolvedEmulatorOptions
  store: EmulatorStore
  authorizations: AuthorizationStore
  users: UserRegistry
  client: () => EmulatorWechatClient
  faults: () => EmulatorFaults
}

/** The paths of an Official Account's web authorization, all in one folder so that pages link relatively. */
export const OAUTH2_PATHS = Object.freeze({
  authorize: '/connect/oauth2/authorize',
  consent: '/connect/oauth2/consent',
  fullService: '/connect/oauth2/full-service',
  follow: '/connect/oauth2/follow',
})

/** An Official Account's codes live 5 minutes (a website app's, 10). */
export const OFFICIAL_ACCOUNT_CODE_LIFETIME = 5 * 60_000

/** WeChat's limit on `state`. */
const MAX_STATE_BYTES = 128
const SCOPES: ReadonlySet<string> = new Set<OfficialAccountScope>(['snsapi_base', 'snsapi_userinfo'])
/** The forms here carry a handful of short fields. */
const MAX_FORM_BYTES = 16 * 1024
/** How long the duplicate-callback fault waits for the app's answer. */
const DUPLICATE_CALLBACK_TIMEOUT = 5000

/**
 * What a code of an Official Account grants: WeChat gives the unionid for `snsapi_userinfo` only
 * (or for `snsapi_base` too with `unionidWithBase`), and only for an account bound to an Open
 * Platform account. Codes live 5 minutes.
 */
export function officialAccountGrant(account: ResolvedOfficialAccount, scope: OfficialAccountScope, snapshot: boolean): CodeGrant {
  const unionid = account.openPlatformId !== undefined && (scope === 'snsapi_userinfo' || account.unionidWithBase)
  return { scope, snapshot, ...(unionid ? { unionidFrom: account.openPlatformId } : {}), lifetime: OFFICIAL_ACCOUNT_CODE_LIFETIME }
}

/** The fake user logged in to WeChat: the client's, else the first one. */
function wechatUser(context: OAuth2Context): EmulatorUser {
  const id = context.client().user
  return (id === null ? undefined : context.users.get(id)) ?? context.users.resolve(undefined)
}

/** Issues the code of an authorization and sends the user to `redirect_uri` with it. */
async function redirectWithCode(context: OAuth2Context, account: ResolvedOfficialAccount, record: AuthorizationRecord, user: EmulatorUser, snapshot = false): Promise<Response> {
  const { authorization } = record
  const { code } = context.store.issueCode(account.appid, user, { ...officialAccountGrant(account, authorization.scope, snapshot), redirectUri: authorization.redirectUri })
  authorization.code = code
  authorization.userId = user.id
  const location = authorizeCallbackUrl(authorization.redirectUri, code, authorization.state)
  if (context.faults().duplicateCallback === true) {
    // WeChat has been seen delivering one code twice, from its own servers: no cookies, no browser.
    await fetch(location, { redirect: 'manual', signal: AbortSignal.timeout(DUPLICATE_CALLBACK_TIMEOUT) })
      .then(response => response.body?.cancel())
      .catch(() => {})
  }
  return new Response(null, { status: 302, headers: { 'location': location, 'cache-control': 'no-store' } })
}

function followForm(account: ResolvedOfficialAccount, users: readonly EmulatorUser[], user: EmulatorUser, query: string): string {
  const choices = users.map(candidate => `<option value="${escapeHtml(candidate.id)}"${candidate.id === user.id ? ' selected' : ''}>${escapeHtml(candidate.nickname)} (${escapeHtml(candidate.id)})</option>`).join('')
  return `<form method="post" action="follow"><input type="hidden" name="appid" value="${escapeHtml(account.appid)}"><input type="hidden" name="query" value="${escapeHtml(query)}"><select name="user" aria-label="user">${choices}</select> <button type="submit">关注此测试号 · Follow it</button></form>`
}

function stateBytes(state: string): number {
  return new TextEncoder().encode(state).length
}

/**
 * `GET /connect/oauth2/authorize`: an Official Account's web authorization, as WeChat runs it.
 * First a 301 to the same URL plus `&connect_redirect=1`; then the user-agent gate (outside
 * WeChat: 「请在微信客户端打开链接」); then WeChat's checks, each refusal an error page with its
 * code; then `snsapi_base` redirects at once, and `snsapi_userinfo` silently (a follower from the
 * menu, a consent less than 30 days old), to the snapshot page, or through the consent page.
 */
export async function handleAuthorize(context: OAuth2Context, request: Request, url: URL): Promise<Response> {
  const { options, authorizations } = context
  const params = url.searchParams
  const query = url.search.slice(1)
  if (params.get('connect_redirect') !== '1') {
    // Relative, so that it works behind a proxy that serves the emulator under a path prefix.
    return new Response(null, { status: 301, headers: { location: `authorize?${query === '' ? '' : `${query}&`}connect_redirect=1` } })
  }
  const userAgent = request.headers.get('user-agent')
  if (!isInWechat(userAgent))
    return renderOutsideWechat(userAgent)
  const lang = params.get('lang') === 'en' ? 'en' : 'cn'

  const appid = params.get('appid') ?? ''
  if (appid === '')
    return renderAuthorizeError(10012, lang, 'The appid parameter is missing.')
  const account = options.officialAccounts.get(appid)
  if (!account) {
    const known = [...options.officialAccounts.keys()].join(', ') || 'none'
    if (options.apps.has(appid))
      return renderAuthorizeError(10005, lang, `${appid} is a website app: its login is the QR code (/connect/qrconnect). Web authorization takes an Official Account's AppID (registered: ${known}).`)
    if ([...options.apps.values(), ...options.officialAccounts.values()].some(app => app.openPlatformId === appid))
      return renderAuthorizeError(10016, lang, `${appid} is an Open Platform account. Use the AppID of an Official Account bound to it (registered: ${known}).`)
    return renderAuthorizeError(10005, lang, `No Official Account with appid "${appid.slice(0, 40)}" is registered on the emulator (registered: ${known}).`)
  }
  const status = authorizations.status(appid)
  if (status === 'banned')
    return renderAuthorizeError(10004, lang, `The emulator was told that ${appid} is banned (status "banned").`)
  if (status === 'unverified')
    return renderAuthorizeError(10005, lang, `Only a verified 服务号 has web authorization; ${appid} has status "unverified".`)
  if (status === 'rate-limited')
    return renderAuthorizeError(10009, lang, `The emulator was told to rate-limit ${appid} (status "rate-limited").`)

  const redirectUri = params.get('redirect_uri') ?? ''
  if (redirectUri === '')
    return renderAuthorizeError(10011, lang, 'The redirect_uri parameter is missing (or empty).')
  const scope = params.get('scope') ?? ''
  if (scope === '')
    return renderAuthorizeError(10010, lang, 'The scope parameter is missing. An unencoded "#" or "&" in redirect_uri swallows the parameters after it: encode redirect_uri with encodeURIComponent.')
  if (!SCOPES.has(scope))
    return renderAuthorizeError(10005, lang, `An Official Account's scope is snsapi_base or snsapi_userinfo; got "${scope.slice(0, 60)}".`)
  if (params.get('response_type') !== 'code')
    return renderAuthorizeError('unreachable', lang, 'The response_type parameter must be "code".')
  const state = params.get('state') ?? ''
  if (stateBytes(state) > MAX_STATE_BYTES)
    return renderAuthorizeError('unreachable', lang, `state is ${stateBytes(state)} bytes: WeChat takes at most ${MAX_STATE_BYTES} (of A-Z, a-z, 0-9).`)
  const refusal = checkWebAuthRedirect(redirectUri, account, options.allowSubdomains)
  if (refusal !== undefined)
    return renderAuthorizeError(10003, lang, refusal)

  const user = wechatUser(context)
  if (account.testAccount && !authorizations.isFollowing(appid, user.id)) {
    return renderAuthorizeError(10006, lang, `${user.nickname} (${user.id}) does not follow the test account ${appid}. Follow it here, or through the control API.`, followForm(account, context.users.list(), user, query))
  }

  const record = authorizations.create({ appid, scope: scope as OfficialAccountScope, state, redirectUri, userId: user.id, status: 'silent' })
  if (scope === 'snsapi_base')
    return redirectWithCode(context, account, record, user)
  const client = context.client()
  const fromMenu = client.entry === 'menu' && authorizations.isFollowing(appid, user.id)
  const recent = client.rememberConsent && authorizations.consentedRecently(appid, user.id)
  if (fromMenu || (recent && params.get('forcePopup') !== 'true'))
    return redirectWithCode(context, account, record, user)
  if (!recent && (client.snapshot || params.get('forceSnapShot') === 'true')) {
    record.authorization.status = 'snapshot'
    record.authorization.fullServiceUrl = `${OAUTH2_PATHS.fullService}?id=${record.authorization.id}`
    return redirectWithCode(context, account, record, user, true)
  }
  record.authorization.status = 'consent'
  return renderConsentPage({ account, authorization: record.authorization, users: context.users.list(), formToken: record.formToken })
}

/** The authorization a consent-page request names, with its account, or the page to answer instead. */
function findAuthorization(context: OAuth2Context, id: string): { record: AuthorizationRecord, account: ResolvedOfficialAccount } | Response {
  const record = context.authorizations.find(id)
  const account = record && context.options.officialAccounts.get(record.authorization.appid)
  if (!record || !account)
    return renderMessagePage({ title: '抱歉，出错了', headline: '该链接无法访问', icon: 'warn', hint: 'No such authorization: it never existed, or the emulator was reset. Open the authorization link again.', status: 404 })
  return { record, account }
}

function answered(authorization: EmulatorAuthorization): Response {
  return renderMessagePage({ title: '微信授权', headline: '该授权已处理', icon: 'info', hint: `This authorization is "${authorization.status}" already: open the authorization link again for a new one.`, status: 409 })
}

async function readForm(request: Request): Promise<URLSearchParams | undefined> {
  try {
    return new URLSearchParams(await limitRequestBody(request, MAX_FORM_BYTES).text())
  }
  catch (error) {
    if (error instanceof BodyTooLargeError)
      return undefined
    throw error
  }
}

/** `POST /connect/oauth2/consent`: 允许 (a code, then `redirect_uri`) or 拒绝 (no redirect). */
export async function handleConsent(context: OAuth2Context, request: Request): Promise<Response> {
  const form = await readForm(request)
  const found = findAuthorization(context, form?.get('id') ?? '')
  if (found instanceof Response)
    return found
  const { record, account } = found
  if (form?.get('token') !== record.formToken)
    return renderMessagePage({ title: '微信授权', headline: '页面已过期', icon: 'warn', hint: 'This form does not belong to this authorization. Open the authorization link again.', status: 403 })
  if (record.authorization.status !== 'consent')
    return answered(record.authorization)
  if (form.get('action') !== 'allow') {
    record.authorization.status = 'denied'
    return renderDenied()
  }
  const user = context.users.get(form.get('user') ?? '') ?? wechatUser(context)
  record.authorization.status = 'allowed'
  context.authorizations.rememberConsent(account.appid, user.id)
  return redirectWithCode(context, account, record, user)
}

/** `GET /connect/oauth2/full-service?id=…`: 「使用完整服务」 on a snapshot page: the consent page, for a real code. */
export function handleFullService(context: OAuth2Context, request: Request, url: URL): Response {
  const userAgent = request.headers.get('user-agent')
  if (!isInWechat(userAgent))
    return renderOutsideWechat(userAgent)
  const found = findAuthorization(context, url.searchParams.get('id') ?? '')
  if (found instanceof Response)
    return found
  const { record, account } = found
  if (record.authorization.status !== 'snapshot')
    return answered(record.authorization)
  record.authorization.status = 'consent'
  return renderConsentPage({ account, authorization: record.authorization, users: context.users.list(), formToken: record.formToken })
}

/** `POST /connect/oauth2/follow`: the emulator's stand-in for scanning a test account's QR code, then back to the link. */
export async function handleFollow(context: OAuth2Context, request: Request): Promise<Response> {
  const form = await readForm(request)
  const appid = form?.get('appid') ?? ''
  const user = context.users.get(form?.get('user') ?? '')
  if (!context.options.officialAccounts.has(appid) || !user)
    return renderMessagePage({ title: '抱歉，出错了', headline: '该链接无法访问', icon: 'warn', hint: 'Follow what, as whom? The form names no known account or user.', status: 400 })
  context.authorizations.setFollowing(appid, user.id, true)
  return new Response(null, { status: 303, headers: { location: `authorize?${form?.get('query') ?? ''}` } })
}
