import type { ResolvedOfficialAccount } from './official-account'
import { parseRedirectUri } from './redirect-uri'

function matches(url: URL, entry: string, allowSubdomains: boolean): boolean {
  const slash = entry.indexOf('/')
  const host = slash === -1 ? entry : entry.slice(0, slash)
  const path = slash === -1 ? '' : entry.slice(slash)
  // `url.host` carries the port unless it is the scheme's default, so an entry without a port
  // accepts the default port only, and a test account's `host:port` that port only.
  const onHost = url.host === host || (allowSubdomains && url.host.endsWith(`.${host}`))
  return onHost && (path === '' || url.pathname === path || url.pathname.startsWith(`${path}/`))
}

/**
 * Checks `redirect_uri` against an Official Account's 网页授权域名 the way WeChat does: an
 * absolute http(s) URL on exactly one of the entries' hosts (no subdomains, unless the emulator
 * runs with `allowSubdomains`), on the default port unless a test account's entry names another,
 * and under the entry's path if it has one. Returns why it is refused (10003), or `undefined`
 * when it is accepted.
 */
export function checkWebAuthRedirect(redirectUri: string, account: ResolvedOfficialAccount, allowSubdomains: boolean): string | undefined {
  const url = parseRedirectUri(redirectUri)
  if (typeof url === 'string')
    return url
  if (account.webAuthDomain.some(entry => matches(url, entry, allowSubdomains)))
    return undefined
  const registered = account.webAuthDomain.map(entry => `"${entry}"`).join(' or ')
  const port = url.port === '' ? '' : ` WeChat takes the default port only${account.testAccount ? ' unless a test account\'s domain names the port' : ' (a test account may name one)'}.`
  const hosts = allowSubdomains ? 'the host must be the same or a subdomain of it' : 'the host must be exactly the same (no subdomains)'
  return `The redirect_uri "${url.host}${url.pathname}" is not under the 网页授权域名 ${registered}: ${hosts}, and under the path if one is set.${port}`
}
