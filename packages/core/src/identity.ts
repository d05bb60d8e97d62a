/** The parts of a WeChat user that identify them. */
export interface WechatIdentitySource {
  appid: string
  openid: string
  unionid?: string | null
}

/**
 * A stable user id: the UnionID when WeChat gave one (the same user across every app of one Open
 * Platform account), else `openid:{appid}:{openid}` (an openid is only unique per app; the prefix
 * keeps it apart from any UnionID).
 *
 * @example
 * const userId = wechatIdentity({ appid, openid: token.openid, unionid: token.unionid })
 */
export function wechatIdentity(source: WechatIdentitySource): string {
  return source.unionid ? source.unionid : `openid:${source.appid}:${source.openid}`
}
