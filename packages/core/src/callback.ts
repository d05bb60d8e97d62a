import { safeDecode } from './safe-decode'

/** What the URL WeChat sent the browser back to says about the login. */
export type WechatCallback
  /** The user confirmed: exchange `code` on the server after checking `state`. */
  = | { type: 'success', code: string, state: string }
  /** `state` came back without `code`: the user refused (older WeChat behaviour). */
    | { type: 'denied', state: string }
  /** Not a WeChat callback. */
    | { type: 'none' }

interface CallbackParams {
  code?: string
  state?: string
  /** A value carried a `/` that WeChat's fast login moved out of the path (see below). */
  movedSlash: boolean
}

/**
 * The `code=…&state=…` segment that WeChat's fast login (2024) wrote into the path of hash-router
 * URLs, e.g. `https://host/code=XYZ#/login`.
 */
const PATH_SEGMENT_PATTERN = /\/code=([^/&?#]*)(?:&state=([^/&?#]*))?\/?$/

function splitQuery(query: string): string[] {
  return query.split('&').filter(Boolean)
}

function queryKey(pair: string): string {
  return safeDecode(pair.split('=', 1)[0] ?? '')
}

function readQuery(query: string): CallbackParams {
  const params = new URLSearchParams(query)
  const code = params.get('code') ?? undefined
  const state = params.get('state') ?? undefined
  // Fast login put `?code=…&state=…` before `/#/route`, so the path's slash ends the last value.
  const movedSlash = /\/$/.test(code ?? '') || /\/$/.test(state ?? '')
  return { code: code?.replace(/\/+$/, ''), state: state?.replace(/\/+$/, ''), movedSlash }
}

function hashQuery(hash: string): string {
  const start = hash.indexOf('?')
  return start === -1 ? '' : hash.slice(start + 1)
}

function findParams(url: URL): CallbackParams {
  for (const query of [url.search.slice(1), hashQuery(url.hash)]) {
    const params = readQuery(query)
    if (params.code !== undefined || params.state !== undefined)
      return params
  }
  const segment = PATH_SEGMENT_PATTERN.exec(url.pathname)
  if (segment)
    return { code: safeDecode(segment[1] ?? ''), state: segment[2] === undefined ? undefined : safeDecode(segment[2]), movedSlash: false }
  return { movedSlash: false }
}

/**
 * Reads a callback URL: `{ type: 'success', code, state }`, `{ type: 'denied', state }` (state
 * without code) or `{ type: 'none' }`. It looks in the query, then in a hash route's query
 * (`/#/login?code=…`), then in the places WeChat's fast login misplaces them on hash-router
 * URLs (`?code=…&state=…/#/login`, `/code=…#/login`).
 *
 * A `success` whose `state` is empty (WeChat sent none) must be rejected like any state that
 * does not match the one you issued.
 *
 * @example
 * const result = parseCallback(location.href)
 * if (result.type === 'success' && result.state === expectedState)
 *   await exchange(result.code)
 */
export function parseCallback(url: string | URL): WechatCallback {
  let parsed: URL
  try {
    parsed = new URL(url)
  }
  catch {
    return { type: 'none' }
  }
  const { code, state } = findParams(parsed)
  if (code)
    return { type: 'success', code, state: state ?? '' }
  if (state !== undefined)
    return { type: 'denied', state }
  return { type: 'none' }
}

function withoutCallbackPairs(query: string): { query: string, removed: boolean } {
  const pairs = splitQuery(query)
  const kept = pairs.filter(pair => !['code', 'state'].includes(queryKey(pair)))
  return { query: kept.join('&'), removed: kept.length !== pairs.length }
}

/**
 * Returns `url` without the `code` and `state` WeChat added, wherever they were (query, hash
 * route, fast-login misplacements), keeping everything else byte for byte. Use it with
 * `history.replaceState` so a reload or the back button cannot replay a single-use code.
 *
 * @example
 * history.replaceState(history.state, '', stripCallbackParams(location.href))
 */
export function stripCallbackParams(url: string | URL): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  }
  catch {
    return String(url)
  }
  const { movedSlash } = readQuery(parsed.search.slice(1))
  const search = withoutCallbackPairs(parsed.search.slice(1))
  let pathname = parsed.pathname
  if (search.removed && movedSlash && !pathname.endsWith('/'))
    pathname += '/'
  if (!search.removed)
    pathname = pathname.replace(PATH_SEGMENT_PATTERN, '/')

  let hash = parsed.hash
  const hashStart = hash.indexOf('?')
  if (hashStart !== -1) {
    const hashSearch = withoutCallbackPairs(hash.slice(hashStart + 1))
    hash = hash.slice(0, hashStart) + (hashSearch.query ? `?${hashSearch.query}` : '')
  }
  return `${parsed.origin}${pathname}${search.query ? `?${search.query}` : ''}${hash}`
}
