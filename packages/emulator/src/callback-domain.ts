import type { EmulatorApp } from './options'
import { parseRedirectUri } from './redirect-uri'

/** How strictly `redirect_uri` is matched against the callback domain. */
export interface CallbackDomainRules {
  /** Reject non-default ports, as WeChat does. */
  strict: boolean
  /** Accept subdomains of the callback domain. */
  allowSubdomains: boolean
}

/**
 * Checks `redirect_uri` against the app's 授权回调域 the way WeChat does: an absolute http(s) URL
 * whose host is exactly the callback domain (subdomains only when allowed) and, in strict mode,
 * without a port. With the emulator-only list of callback domains, any one of them matches.
 * Returns why it is refused, or `undefined` when it is accepted.
 */
export function checkRedirectUri(redirectUri: string | null, app: EmulatorApp, rules: CallbackDomainRules): string | undefined {
  if (!redirectUri)
    return 'The redirect_uri parameter is missing.'
  const url = parseRedirectUri(redirectUri)
  if (typeof url === 'string')
    return url
  const host = url.hostname.toLowerCase()
  const domains = [app.callbackDomain].flat()
  const onDomain = domains.some(domain => host === domain || (rules.allowSubdomains && host.endsWith(`.${domain}`)))
  if (!onDomain) {
    const registered = domains.map(domain => `"${domain}"`).join(', ')
    return `The redirect_uri host "${host}" is not the app's callback domain (授权回调域) ${registered}${rules.allowSubdomains ? ' nor a subdomain of it' : ''}. Register that host as the callback domain${rules.allowSubdomains ? '' : ', or start the emulator with allowSubdomains for subdomains'}.`
  }
  if (rules.strict && url.port !== '')
    return `WeChat rejects a redirect_uri with a port (":${url.port}"): the callback domain cannot carry one. Serve the callback on port 80/443, or turn "strict" off for local development.`
  return undefined
}
