/** Your own user table, kept in memory here. */
export interface Account {
  id: string
  wechatId: string
  name: string
  /** Only if you call WeChat's API later on the user's behalf; never sent to a browser. */
  refreshToken: string
}

const accounts = new Map<string, Account>()

/** Finds the account of a WeChat identity (`unionid:…` or `openid:{appid}:…`), or creates it. */
export async function upsertWechatAccount(wechatId: string, name: string, refreshToken: string): Promise<Account> {
  const existing = accounts.get(wechatId)
  const account = { id: existing?.id ?? `account-${accounts.size + 1}`, wechatId, name, refreshToken }
  accounts.set(wechatId, account)
  return account
}
