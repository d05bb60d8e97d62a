import { invalidOption } from '@wechat-qr-login/core/internal'

/**
 * What WeChat does with an Official Account's authorization links:
 * - `'active'`: a verified 服务号 with both scopes;
 * - `'banned'`: 「此公众号被封禁」 (10004);
 * - `'unverified'`: an unverified 服务号 or a 订阅号, without web authorization (10005);
 * - `'rate-limited'`: 「操作太频繁了，请稍后重试」 (10009).
 */
export type EmulatorOfficialAccountStatus = 'active' | 'banned' | 'unverified' | 'rate-limited'

/** An Official Account (公众号/服务号) or a test account (测试号), as its console has it. */
export interface EmulatorOfficialAccount {
  /** The Official Account's AppID: `wx` + 16 lowercase hex characters. */
  appid: string
  /** Its AppSecret, which `/sns/oauth2/access_token` checks. */
  secret: string
  /**
   * The 网页授权域名: one or two entries, each a bare host (`www.example.com`) or a host with a
   * path (`www.example.com/mp`). `redirect_uri` must be on exactly that host (and under that
   * path), on the default port. A test account's entries may also be an IPv4 address and carry a
   * port (`192.168.1.23:5173`), which `redirect_uri` must then use.
   */
  webAuthDomain: string | string[]
  /**
   * The Open Platform account the Official Account is bound to: a user's `unionid` (for
   * `snsapi_userinfo`) is then the one they have in every app and account with the same id.
   * @default undefined (not bound: no unionid)
   */
  openPlatformId?: string
  /**
   * A test account (测试号): its domain may be an IP and carry a port, and only users who follow it
   * may authorize (else 10006).
   * @default false
   */
  testAccount?: boolean
  /**
   * Give the unionid for `snsapi_base` too, as WeChat has been seen to do for some accounts
   * (documented: only for `snsapi_userinfo`).
   * @default false
   */
  unionidWithBase?: boolean
  /**
   * Ids of the users who follow (关注) the account at start, and again after `reset()`. Following
   * matters for a test account (only followers may authorize) and for the silent authorization
   * of followers who open a link from the account's menu.
   * @default []
   */
  followers?: string[]
  /**
   * How WeChat treats the account (see {@link EmulatorOfficialAccountStatus}).
   * @default 'active'
   */
  status?: EmulatorOfficialAccountStatus
  /**
   * Shown on the consent page.
   * @default the appid
   */
  name?: string
}

/** An Official Account after checks: domains parsed, defaults applied. */
export interface ResolvedOfficialAccount extends Readonly<Required<Omit<EmulatorOfficialAccount, 'openPlatformId' | 'webAuthDomain' | 'followers'>>> {
  openPlatformId?: string
  webAuthDomain: readonly string[]
  followers: readonly string[]
}

/**
 * The emulator's demo Official Account: bound to the demo website app's Open Platform account, so
 * that a user has one unionid across the QR login and the in-WeChat login. A test account (测试号)
 * for `localhost` and `127.0.0.1` on the default port (give it `webAuthDomain: ['localhost:5173']`
 * for a dev server's port), followed by the demo users. Its secret is public: never use it outside
 * the emulator.
 */
export const DEMO_OFFICIAL_ACCOUNT: Readonly<Required<Omit<EmulatorOfficialAccount, 'webAuthDomain' | 'followers'>> & { webAuthDomain: readonly string[], followers: readonly string[] }> = Object.freeze({
  appid: 'wxfeedface0ff1c1a1',
  secret: 'e0000000000000000000000000000002',
  webAuthDomain: Object.freeze(['localhost', '127.0.0.1']),
  openPlatformId: 'emulator-open-platform',
  testAccount: true,
  unionidWithBase: false,
  followers: Object.freeze(['zhang-wei', 'alice', 'li-na', 'bob']),
  status: 'active',
  name: 'Demo Official Account (emulator)',
})

/** The statuses an Official Account can be given. */
export const OFFICIAL_ACCOUNT_STATUSES: ReadonlySet<string> = new Set<EmulatorOfficialAccountStatus>(['active', 'banned', 'unverified', 'rate-limited'])

const APPID_PATTERN = /^wx[0-9a-f]{16}$/
const LABEL = '[a-z0-9](?:[a-z0-9-]*[a-z0-9])?'
/** A 网页授权域名 entry: a host of letters, digits and `-`, optionally followed by a path. */
const DOMAIN_PATTERN = new RegExp(`^(?:${LABEL}\\.)*${LABEL}(?:/[\\w.~-]+)*$`, 'i')
/** A test account's entry: also an optional port (an IPv4 address is a host of digit labels). */
const TEST_DOMAIN_PATTERN = new RegExp(`^(?:${LABEL}\\.)*${LABEL}(?::\\d{1,5})?(?:/[\\w.~-]+)*$`, 'i')
const IPV4_HOST = /^\d{1,3}(?:\.\d{1,3}){3}(?::|\/|$)/

/**
 * Checks an Official Account and returns it resolved.
 * @throws {WechatLoginError} `INVALID_OPTION` naming the field at fault.
 */
export function resolveOfficialAccount(account: unknown, option: string): ResolvedOfficialAccount {
  if (typeof account !== 'object' || account === null)
    throw invalidOption(option, 'expected an Official Account { appid, secret, webAuthDomain }.')
  const { appid, secret, webAuthDomain, openPlatformId, testAccount = false, unionidWithBase = false, followers = [], status = 'active', name } = account as Record<string, unknown>
  if (typeof appid !== 'string' || !APPID_PATTERN.test(appid))
    throw invalidOption(`${option}.appid`, 'expected the Official Account\'s AppID: "wx" followed by 16 lowercase hex characters, as in 公众平台 → 设置与开发 → 基本配置.')
  if (typeof secret !== 'string' || secret.length === 0)
    throw invalidOption(`${option}.secret`, 'expected the AppSecret as a non-empty string.')
  if (typeof testAccount !== 'boolean')
    throw invalidOption(`${option}.testAccount`, 'expected true (a 测试号) or false.')
  if (typeof unionidWithBase !== 'boolean')
    throw invalidOption(`${option}.unionidWithBase`, 'expected true or false.')
  const domains = Array.isArray(webAuthDomain) ? webAuthDomain : [webAuthDomain]
  if (domains.length === 0 || domains.length > 2)
    throw invalidOption(`${option}.webAuthDomain`, 'expected one or two 网页授权域名 (WeChat takes at most two).')
  for (const domain of domains) {
    if (typeof domain !== 'string' || !(testAccount ? TEST_DOMAIN_PATTERN : DOMAIN_PATTERN).test(domain)) {
      const reason = testAccount
        ? 'a host, an IPv4 address, either with an optional port, and an optional path ("192.168.1.23:5173", "www.example.com/mp")'
        : 'a bare host, optionally with a path ("www.example.com", "www.example.com/mp"): no scheme, no port, no IP address, as in the 网页授权域名 field. A test account (testAccount: true) takes an IP and a port'
      throw invalidOption(`${option}.webAuthDomain`, `expected ${reason}; got ${JSON.stringify(domain)?.slice(0, 80)}.`)
    }
    if (!testAccount && IPV4_HOST.test(domain))
      throw invalidOption(`${option}.webAuthDomain`, `an Official Account's 网页授权域名 cannot be an IP address ("${domain}"); only a test account (testAccount: true) takes one.`)
  }
  if (openPlatformId !== undefined && (typeof openPlatformId !== 'string' || openPlatformId.length === 0))
    throw invalidOption(`${option}.openPlatformId`, 'expected a non-empty string, or leave it out for an account bound to no Open Platform account.')
  if (!Array.isArray(followers) || followers.some(id => typeof id !== 'string' || id.length === 0))
    throw invalidOption(`${option}.followers`, 'expected an array of user ids.')
  if (typeof status !== 'string' || !OFFICIAL_ACCOUNT_STATUSES.has(status))
    throw invalidOption(`${option}.status`, `expected one of ${[...OFFICIAL_ACCOUNT_STATUSES].map(value => `"${value}"`).join(', ')}.`)
  if (name !== undefined && typeof name !== 'string')
    throw invalidOption(`${option}.name`, 'expected a string.')
  return Object.freeze({
    appid,
    secret,
    webAuthDomain: Object.freeze(domains.map(domain => (domain as string).toLowerCase())),
    ...(openPlatformId === undefined ? {} : { openPlatformId: openPlatformId as string }),
    testAccount,
    unionidWithBase,
    followers: Object.freeze([...followers as string[]]),
    status: status as EmulatorOfficialAccountStatus,
    name: name ?? appid,
  })
}
