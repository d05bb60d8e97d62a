import type { ResolvedOfficialAccount } from './official-account'
import { parseRedirectUri } from './redirect-uri'

function matches(url: URL, entry: string): boolean {
  const slash = entry.indexOf('/')
  const host = slash === -1 ? entry : entry.slice(0, slash)
  const path = slash === -1 ? '' : entry.slice(slash)
  // `url.host` carries the port unless it is the scheme's default, so an entry without a port
  // accepts the default port only, and a test account's `host:port` that port only.
  return url.host === host && (path === '' || url.pathname === path || url.pathname.startsWith(`${path}/`))
}

/**
 * Checks `redirect_uri` against an Official Account's 网页授权域名 the way WeChat does: an
 * absolute http(s) URL on exactly one of the entries' hosts (no subdomains), on the default port
 * unless a test account's entry names another, and under the entry's path if it has one.
 * Returns why it is refused (10003), or `undefined` when it is accepted.
 */
export function checkWebAuthRedirect(redirectUri: string, account: ResolvedOfficialAccount): string | undefined {
  const url = parseRedirectUri(redirectUri)
  if (typeof url === 'string')
    return url
  if (account.webAuthDomain.some(entry => matches(url, entry)))
    return undefined
  const registered = account.webAuthDomain.map(entry => `"${entry}"`).join(' or ')
  const port = url.port === '' ? '' : ` WeChat takes the default port only${account.testAccount ? ' unless a test account\'s domain names the port' : ' (a test account may name one)'}.`
  return `The redirect_uri "${url.host}${url.pathname}" is not under the 网页授权域名 ${registered}: the host must be exactly the same (no subdomains), and under the path if one is set.${port}`
}
