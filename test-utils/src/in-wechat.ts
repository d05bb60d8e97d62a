import type { WechatStateResponse } from '@wechat-qr-login/core'
import { WECHAT_USER_AGENTS } from '@wechat-qr-login/emulator'

/** What `GET /state?flow=oa` answers: the QR login's fields, the flow and the Official Account's scope. */
export type OfficialAccountState = WechatStateResponse & { flow: 'oa', scope: 'snsapi_base' | 'snsapi_userinfo' }

/**
 * The Official Account's authorization link for a state, in WeChat's documented order (until core
 * builds it for the component).
 */
export function officialAccountAuthorizeUrl({ appid, redirectUri, scope, state, openBase }: OfficialAccountState): string {
  return `${openBase}/connect/oauth2/authorize?${new URLSearchParams({ appid, redirect_uri: redirectUri, response_type: 'code', scope, state })}#wechat_redirect`
}

/** Options of {@link authorizeInWechat}. */
export interface AuthorizeInWechatOptions {
  /** Sent with every request (a dev switch's cookie, another client's `user-agent`). */
  headers?: Record<string, string>
  /** Who allows on the consent page (an emulator user's id); the WeChat client's user when left out. */
  user?: string
}

/**
 * What WeChat's in-app browser on an iPhone does with an Official Account's authorization link on
 * the emulator: it follows WeChat's own redirects and allows on the consent page, if one is shown.
 * Resolves with the URL WeChat sends the browser to (`redirect_uri?code=…&state=…`); throws with
 * the emulator's error code when WeChat shows an error page instead.
 */
export async function authorizeInWechat(url: string, options: AuthorizeInWechatOptions = {}): Promise<string> {
  const headers = { 'user-agent': WECHAT_USER_AGENTS.wechatIos, ...options.headers }
  let current = url
  for (let hops = 0; hops < 5; hops++) {
    const response = await fetch(current, { headers, redirect: 'manual' })
    const location = response.headers.get('location')
    if (location !== null && response.status === 302)
      return new URL(location, current).href
    if (location !== null) {
      current = new URL(location, current).href
      continue
    }
    const html = await response.text()
    const field = (name: string): string | undefined => new RegExp(`name="${name}" value="([^"]+)"`).exec(html)?.[1]
    const [id, token] = [field('id'), field('token')]
    if (response.status !== 200 || id === undefined || token === undefined)
      throw new Error(`WeChat showed no consent page: HTTP ${response.status}, error ${response.headers.get('x-wechat-emulator-error') ?? 'none'}`)
    const consent = new URL('consent', current).href
    const form = new URLSearchParams({ id, token, action: 'allow', ...(options.user === undefined ? {} : { user: options.user }) })
    current = consent
    const allowed = await fetch(consent, { method: 'POST', headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body: form, redirect: 'manual' })
    const back = allowed.headers.get('location')
    if (allowed.status !== 302 || back === null)
      throw new Error(`the consent page answered ${allowed.status}`)
    return new URL(back, consent).href
  }
  throw new Error(`too many redirects from ${url}`)
}
