import { INTERSTITIAL_TUNNEL_SUFFIXES, isOnSuffix, isUnderDomain, ROTATING_TUNNEL_SUFFIXES } from './hosts'

/** Why WeChat would refuse (or a tunnel would break) a login redirect. */
export type RedirectUriProblemCode
  = | 'CALLBACK_DOMAIN_NOT_BARE'
    | 'LOCAL_HOST'
    | 'IP_ADDRESS'
    | 'NON_DEFAULT_PORT'
    | 'HOST_NOT_UNDER_CALLBACK_DOMAIN'
    | 'SUBDOMAIN_OF_CALLBACK_DOMAIN'
    | 'NOT_THROUGH_TUNNEL'
    | 'HTTP_BEHIND_HTTPS_TUNNEL'
    | 'ROTATING_TUNNEL_DOMAIN'
    | 'TUNNEL_INTERSTITIAL'

/** One problem: a stable `code` to compare and a `message` that says what to change. */
export interface RedirectUriProblem {
  code: RedirectUriProblemCode
  message: string
}

/** What {@link checkRedirectUri} looks at. Every field is optional; absent ones are not checked. */
export interface RedirectUriCheckInput {
  /** The absolute `redirect_uri` sent to WeChat. */
  redirectUri?: string
  /** The 授权回调域 registered in the WeChat Open Platform console. */
  callbackDomain?: string
  /** The tunnel the callback should come through: a hostname or, better, its URL. */
  tunnel?: string
}

interface Target {
  hostname: string
  protocol?: string
  port?: string
  /** How messages name it: `The redirect URI "…" (host "…")` or `The tunnel "…"`. */
  subject: string
}

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/

/** An IPv4 or (bracketed, as URLs write it) IPv6 address. */
export function isIpAddress(hostname: string): boolean {
  return IPV4.test(hostname) || hostname.startsWith('[')
}

/** This machine: `localhost`, a `*.localhost` name, or a loopback address. */
export function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost') || hostname.startsWith('127.') || hostname === '[::1]'
}

function parseHost(value: string): URL | undefined {
  try {
    return new URL(/^[a-z][a-z\d+.-]*:\/\//i.test(value) ? value : `http://${value}`)
  }
  catch {}
}

function parseTunnel(tunnel: string | undefined): Target | undefined {
  const value = tunnel?.trim()
  if (!value || value.startsWith('.'))
    return undefined
  const hasScheme = /^[a-z][a-z\d+.-]*:\/\//i.test(value)
  const url = parseHost(value)
  if (!url)
    return undefined
  return hasScheme
    ? { hostname: url.hostname, protocol: url.protocol, port: url.port, subject: `The tunnel "${url.origin}"` }
    : { hostname: url.hostname, port: url.port, subject: `The tunnel "${url.host}"` }
}

/**
 * Lists the reasons WeChat would reject a login redirect, or a tunnel would get in its way,
 * from the facts known at start-up: the redirect URI (or, without one, the tunnel it will use),
 * the registered callback domain and the tunnel. An empty list means nothing is known to be
 * wrong. Pure: the Vite plugin prints these in its start-up banner.
 *
 * @example
 * checkRedirectUri({ redirectUri: 'http://localhost:5173/cb', callbackDomain: 'abc.natapp4.cc' })
 * // → [{ code: 'LOCAL_HOST', message: '…' }]
 */
export function checkRedirectUri(input: RedirectUriCheckInput): RedirectUriProblem[] {
  const { redirectUri, callbackDomain, tunnel } = input
  const problems: RedirectUriProblem[] = []
  const problem = (code: RedirectUriProblemCode, message: string): void => {
    problems.push({ code, message })
  }

  let domain: string | undefined
  if (callbackDomain?.trim()) {
    const raw = callbackDomain.trim()
    domain = parseHost(raw)?.hostname
    if (!domain || domain !== raw.toLowerCase())
      problem('CALLBACK_DOMAIN_NOT_BARE', `The callback domain "${raw}" is not a bare domain. 授权回调域 takes a domain only, with no scheme, port or path${domain ? ` ("${domain}")` : ''}; anything else gets "redirect_uri 参数错误" from WeChat.`)
  }

  const tunnelTarget = parseTunnel(tunnel)
  const redirectUrl = redirectUri ? parseHost(redirectUri) : undefined
  const target: Target | undefined = redirectUrl
    ? { hostname: redirectUrl.hostname, protocol: redirectUrl.protocol, port: redirectUrl.port, subject: `The redirect URI "${redirectUri}" (host "${redirectUrl.hostname}")` }
    : tunnelTarget
  const tunnelOrigin = tunnelTarget?.protocol ? `${tunnelTarget.protocol}//${tunnelTarget.hostname}` : tunnelTarget?.hostname
  // Where a local or IP redirect URI could go instead: the tunnel, when it has a domain name.
  const moveTo = tunnelTarget && target?.hostname !== tunnelTarget.hostname && !isLoopback(tunnelTarget.hostname) && !isIpAddress(tunnelTarget.hostname)
    ? `Put the redirect URI on your tunnel, e.g. "${tunnelOrigin}/auth/wechat/callback".`
    : 'Use a tunnel with a domain name (natapp, ngrok, cloudflared, or frp with your own domain), register that domain and put the redirect URI on it, or log in offline with the emulator.'

  if (target && isLoopback(target.hostname)) {
    problem('LOCAL_HOST', `${target.subject} is a local address: WeChat only redirects to the public domain registered as 授权回调域, and localhost cannot be registered. ${moveTo}`)
  }
  else if (target && isIpAddress(target.hostname)) {
    problem('IP_ADDRESS', `${target.subject} is an IP address, but a website app's 授权回调域 must be a domain name: WeChat refuses a redirect to an IP ("redirect_uri 参数错误"). ${moveTo}`)
  }
  else if (target) {
    if (target.port)
      problem('NON_DEFAULT_PORT', `${target.subject} uses port ${target.port}: 授权回调域 cannot carry a port, and WeChat answers "redirect_uri 参数错误" for redirect URIs off the default port (80 for http, 443 for https). Use the tunnel's public URL without a port; the tunnel forwards to Vite's port.`)
    if (domain && target.hostname !== domain) {
      if (isUnderDomain(target.hostname, domain))
        problem('SUBDOMAIN_OF_CALLBACK_DOMAIN', `${target.subject} is a subdomain of the callback domain "${domain}". Whether WeChat accepts subdomains is unconfirmed (reports conflict); register "${target.hostname}" itself as 授权回调域 to be sure.`)
      else
        problem('HOST_NOT_UNDER_CALLBACK_DOMAIN', `${target.subject} is not on the callback domain "${domain}": WeChat refuses it ("redirect_uri 参数错误" / "该链接无法访问"). Register "${target.hostname}" as 授权回调域 in the WeChat Open Platform console, or move the redirect URI onto "${domain}".`)
    }
    if (redirectUrl && tunnelTarget && target.hostname !== tunnelTarget.hostname)
      problem('NOT_THROUGH_TUNNEL', `${target.subject} does not go through your tunnel "${tunnelOrigin}": WeChat will send the browser there, so the callback never reaches this dev server. Use "${tunnelOrigin}" as the redirect URI's origin.`)
    if (redirectUrl && tunnelTarget?.protocol === 'https:' && target.hostname === tunnelTarget.hostname && redirectUrl.protocol === 'http:')
      problem('HTTP_BEHIND_HTTPS_TUNNEL', `${target.subject} uses http, but your tunnel serves https: the tunnel may refuse plain http or answer with a redirect, and cookies set over https are not sent back to http. Use "https://${target.hostname}${redirectUrl.pathname}".`)
  }

  const hostnames = [...new Set([tunnelTarget?.hostname, target?.hostname].filter((h): h is string => Boolean(h)))]
  for (const hostname of hostnames.filter(h => isOnSuffix(h, ROTATING_TUNNEL_SUFFIXES)))
    problem('ROTATING_TUNNEL_DOMAIN', `"${hostname}" is a free tunnel domain that changes each time the tunnel starts, so the 授权回调域 in the WeChat console would have to be changed every time. Use a fixed domain: a paid natapp tunnel, an ngrok dev domain, a named Cloudflare tunnel, or frp with your own domain.`)
  for (const hostname of hostnames.filter(h => isOnSuffix(h, INTERSTITIAL_TUNNEL_SUFFIXES)))
    problem('TUNNEL_INTERSTITIAL', `"${hostname}" is on a free tunnel plan that puts a click-through page in front of browser traffic, WeChat's redirect included: the first login in each browser stops on that page until you continue past it. A paid plan or another tunnel avoids it.`)
  return problems
}
