import { invalidOption } from '@wechat-qr-login/core/internal'

/**
 * The WeChat app that opens authorization links, as tests set it: who is logged in, where the
 * link was opened from, and the rules WeChat applies to the consent page.
 */
export interface EmulatorWechatClient {
  /**
   * Id of the fake user logged in to WeChat: who authorizes silently (`snsapi_base`, the silent
   * rules), and the consent page's default. `null`: the first user.
   * @default null
   */
  user: string | null
  /**
   * Where the link was opened: `'menu'`, from the Official Account's chat or custom menu (a
   * follower is then authorized silently, even for `snsapi_userinfo`), or `'link'`, anywhere else.
   * @default 'link'
   */
  entry: 'link' | 'menu'
  /**
   * Snapshot mode: WeChat deems the page's `snsapi_userinfo` request 不规范 and opens the
   * snapshot page (快照页) instead of asking, as `forceSnapShot=true` does for one link.
   * @default false
   */
  snapshot: boolean
  /**
   * The 30-day rule: a user who allowed `snsapi_userinfo` for an account less than 30 days ago
   * is not asked again (unless the link says `forcePopup=true`).
   * @default true
   */
  rememberConsent: boolean
}

/** The client's settings before any change. */
export const DEFAULT_WECHAT_CLIENT: Readonly<EmulatorWechatClient> = Object.freeze({
  user: null,
  entry: 'link',
  snapshot: false,
  rememberConsent: true,
})

/**
 * Applies a partial change to the client's settings.
 * @throws {WechatLoginError} `INVALID_OPTION` naming a bad field; nothing changes then.
 */
export function changeWechatClient(current: EmulatorWechatClient, change: unknown): EmulatorWechatClient {
  if (typeof change !== 'object' || change === null || Array.isArray(change))
    throw invalidOption('wechatClient', 'expected an object such as { snapshot: true } or { user: "alice", entry: "menu" }.')
  const { user, entry, snapshot, rememberConsent, ...rest } = change as Record<string, unknown>
  const unknown = Object.keys(rest)[0]
  if (unknown !== undefined)
    throw invalidOption(`wechatClient.${unknown.slice(0, 40)}`, 'unknown setting; the settings are user, entry, snapshot and rememberConsent.')
  if (user !== undefined && user !== null && (typeof user !== 'string' || user.length === 0))
    throw invalidOption('wechatClient.user', 'expected a user id, or null for the first user.')
  if (entry !== undefined && entry !== 'link' && entry !== 'menu')
    throw invalidOption('wechatClient.entry', 'expected "link" or "menu".')
  if (snapshot !== undefined && typeof snapshot !== 'boolean')
    throw invalidOption('wechatClient.snapshot', 'expected true or false.')
  if (rememberConsent !== undefined && typeof rememberConsent !== 'boolean')
    throw invalidOption('wechatClient.rememberConsent', 'expected true or false.')
  return {
    user: user === undefined ? current.user : user as string | null,
    entry: (entry ?? current.entry) as EmulatorWechatClient['entry'],
    snapshot: (snapshot ?? current.snapshot) as boolean,
    rememberConsent: (rememberConsent ?? current.rememberConsent) as boolean,
  }
}
