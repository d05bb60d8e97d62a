import type { EmulatorUser, ResolvedEmulatorOptions } from './options'
import type { EmulatorQrSession, EmulatorQrStatus, EmulatorStore } from './store'
import type { UserRegistry } from './users'
import { isWechatLoginError, WECHAT_LOGIN_SCOPE } from '@wechat-qr-login/core'
import { renderSVG } from 'uqr'
import { checkRedirectUri } from './callback-domain'
import { deriveUserId } from './ids'
import { isHttpUrl } from './options'
import { renderErrorPage } from './pages/error-page'
import { NEW_USER, renderPhoneMessage, renderPhonePage } from './pages/phone-page'
import { renderQrPage } from './pages/qr-page'
import { plainText } from './plain-text'
import { LIVE_STATUSES } from './store'

/** What the `/connect/*` routes work with. */
export interface ConnectContext {
  options: ResolvedEmulatorOptions
  store: EmulatorStore
  users: UserRegistry
  /** `false` while the emulator closes: long-polls answer at once. */
  holding: () => boolean
}

/** The long-poll code of each status (wechat-spec §2.6). */
const POLL_CODES: Readonly<Record<EmulatorQrStatus, number>> = Object.freeze({
  waiting: 408,
  scanned: 404,
  confirmed: 405,
  cancelled: 403,
  expired: 402,
})

function isAppliedHref(href: string | null): href is string {
  return href !== null && (/^data:text\/css[;,]/i.test(href) || href.toLowerCase().startsWith('https://'))
}

/** `GET /connect/qrconnect`: the QR page (both variants), or WeChat's error page. */
export function handleQrConnect(context: ConnectContext, request: Request, url: URL): Response {
  const { options, store } = context
  const params = url.searchParams
  const appid = params.get('appid') ?? ''
  const app = options.apps.get(appid)
  if (!app) {
    const known = [...options.apps.keys()].join(', ')
    if (options.officialAccounts.has(appid))
      return renderErrorPage('scope', `${appid} is an Official Account: QR login takes a website app's AppID (registered: ${known}); an Official Account logs in through /connect/oauth2/authorize, in WeChat.`)
    return renderErrorPage('appid', appid ? `No app with appid "${appid.slice(0, 40)}" is registered on the emulator (registered: ${known}).` : `The appid parameter is missing (registered: ${known}).`)
  }
  const scope = params.get('scope') ?? ''
  if (!scope.split(',').includes(WECHAT_LOGIN_SCOPE))
    return renderErrorPage('scope', `Website apps must ask for scope "${WECHAT_LOGIN_SCOPE}"; got "${scope.slice(0, 60)}".`)
  const embedded = params.get('login_type') === 'jssdk'
  if (!embedded && params.get('response_type') !== 'code')
    return renderErrorPage('unreachable', 'The redirect variant of qrconnect needs response_type=code.')
  const redirectUri = params.get('redirect_uri')
  const refusal = checkRedirectUri(redirectUri, app, options)
  if (refusal !== undefined)
    return renderErrorPage('redirect_uri', refusal)

  const stylelite = params.get('stylelite') === '1'
  const href = params.get('href')
  const record = store.createSession({
    appid,
    state: params.get('state') ?? '',
    redirectUri: redirectUri as string,
    selfRedirect: params.get('self_redirect') === 'true',
    embedded,
    lang: params.get('lang') === 'en' ? 'en' : 'cn',
    style: params.get('style') === 'white' ? 'white' : 'black',
    // WeChat's page is https, so an http stylesheet is blocked there; stylelite drops it.
    ...(!stylelite && isAppliedHref(href) ? { href } : {}),
    stylelite,
    fastLogin: params.get('fast_login') !== '0',
  }, options.publicUrl(redirectUri as string, request) ?? url.origin)
  const response = renderQrPage({ session: record.session, appName: app.name ?? app.appid })
  response.headers.set('x-wechat-emulator-uuid', record.session.uuid)
  return response
}

/** `GET /connect/qrcode/{uuid}`: the QR image, an SVG that encodes the phone page URL. */
export function handleQrImage(context: ConnectContext, uuid: string): Response {
  const record = context.store.findSession(uuid)
  if (!record)
    return plainText('QR code not found', 404)
  return new Response(renderSVG(record.session.qrUrl, { ecc: 'M', border: 2, pixelSize: 8 }), {
    headers: { 'content-type': 'image/svg+xml', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' },
  })
}

function pollBody(session: EmulatorQrSession | undefined): string {
  const errcode = session ? POLL_CODES[session.status] : POLL_CODES.expired
  const code = session?.status === 'confirmed' ? session.code ?? '' : ''
  return `window.wx_errcode=${errcode};window.wx_code='${code}';`
}

/**
 * `GET /connect/l/qrconnect?uuid=…&last=…`: WeChat's status long-poll. Answers at once when the
 * status differs from `last` (408 when absent), else holds until it changes, the QR expires or
 * `longPollTimeout` passes. The body is JavaScript, as WeChat's: `window.wx_errcode=408;window.wx_code='';`.
 */
export async function handleLongPoll(context: ConnectContext, request: Request, url: URL): Promise<Response> {
  const { store, options } = context
  const uuid = url.searchParams.get('uuid') ?? ''
  const last = Number(url.searchParams.get('last')) || POLL_CODES.waiting
  const record = store.findSession(uuid)
  if (record && context.holding() && LIVE_STATUSES.has(record.session.status) && POLL_CODES[record.session.status] === last)
    await store.waitForChange(record, options.longPollTimeout, request.signal)
  return new Response(pollBody(store.findSession(uuid)?.session), {
    headers: { 'content-type': 'text/javascript', 'cache-control': 'no-cache, no-store' },
  })
}

function readNewUser(form: FormData): EmulatorUser | string {
  const nickname = String(form.get('nickname') ?? '').trim()
  if (nickname === '')
    return 'Type a nickname for the new user. · 请填写昵称'
  const avatarKind = form.get('avatar')
  const avatarUrl = String(form.get('avatarUrl') ?? '').trim()
  if (avatarKind === 'url' && !isHttpUrl(avatarUrl))
    return 'The avatar URL must be an absolute http(s) URL. · 头像 URL 无效'
  return {
    id: deriveUserId(nickname),
    nickname,
    ...(avatarKind === 'none' ? { avatar: '' } : avatarKind === 'url' ? { avatar: avatarUrl } : {}),
    unionid: form.get('unionid') !== null,
  }
}

function closedMessage(session: EmulatorQrSession): Response | undefined {
  if (session.status === 'expired')
    return renderPhoneMessage('expired')
  if (session.status === 'confirmed')
    return renderPhoneMessage('used')
  return undefined
}

/**
 * `/connect/confirm?uuid=…`, the page behind the QR. Opening it scans the QR (the page shows
 * 404 "scanned"); its form confirms as a chosen or new user, or cancels.
 */
export async function handlePhonePage(context: ConnectContext, request: Request, url: URL): Promise<Response> {
  const { options, store, users } = context
  const uuid = url.searchParams.get('uuid') ?? ''
  const record = store.findSession(uuid)
  const app = record && options.apps.get(record.session.appid)
  if (!record || !app)
    return renderPhoneMessage('expired')
  const closed = closedMessage(record.session)
  if (closed)
    return closed
  const page = { session: record.session, app, users: users.list(), phoneToken: record.phoneToken }

  if (request.method !== 'POST') {
    store.scan(uuid)
    return renderPhonePage(page)
  }
  let form: FormData
  try {
    form = await request.formData()
  }
  catch {
    return renderPhoneMessage('stale')
  }
  if (form.get('token') !== record.phoneToken)
    return renderPhoneMessage('stale')
  // The session may have moved on while the body arrived.
  const current = store.findSession(uuid)
  const closedNow = current ? closedMessage(current.session) : renderPhoneMessage('expired')
  if (closedNow)
    return closedNow
  if (form.get('action') === 'cancel') {
    store.cancel(uuid)
    return renderPhoneMessage('cancelled')
  }
  const choice = String(form.get('user') ?? '')
  const user = choice === NEW_USER ? readNewUser(form) : choice
  if (choice === NEW_USER && typeof user === 'string')
    return renderPhonePage({ ...page, selected: NEW_USER, error: user })
  try {
    store.confirm(uuid, () => users.resolve(user))
  }
  catch (error) {
    if (!isWechatLoginError(error, 'INVALID_OPTION'))
      throw error
    return renderPhonePage({ ...page, error: 'Pick a user from the list. · 请选择用户' })
  }
  return renderPhoneMessage('confirmed')
}
