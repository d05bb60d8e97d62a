/** Your own user table, kept in memory here. */
export interface Account {
  id: string
  wechatId: string
  name: string
  /** Only if you call WeChat's API later on the user's behalf; never sent to a browser. */
  refreshToken: string
}

const accounts = new Map<string, Account>()
/** Each `appid:openid` a login came with, and the account it belongs to. */
const identities = new Map<string, string>()

/** Finds the account of a WeChat identity (`unionid:…` or `openid:{appid}:…`), or creates it. */
export async function upsertWechatAccount(wechatId: string, name: string, refreshToken: string): Promise<Account> {
  const existing = accounts.get(wechatId)
  const account = { id: existing?.id ?? `account-${accounts.size + 1}`, wechatId, name, refreshToken }
  accounts.set(wechatId, account)
  return account
}

/**
 * Finds or creates the account of a WeChat identity (`unionid:…` when WeChat gave one), and links
 * the login's `(appid, openid)` to it: the website app's and the Official Account's openids of
 * one person end up on one account.
 */
export async function linkWechatIdentity(wechatId: string, name: string, appid: string, openid: string): Promise<Account> {
  const account = await upsertWechatAccount(wechatId, name, accounts.get(wechatId)?.refreshToken ?? '')
  identities.set(`${appid}:${openid}`, account.id)
  return account
}

/** The account an `(appid, openid)` pair was linked to. */
export function accountOfIdentity(appid: string, openid: string): string | undefined {
  return identities.get(`${appid}:${openid}`)
}
