/**
 * A few lines of WeChat's `/sns/*` API for unit tests that need no HTTP: single-use codes,
 * tokens, userinfo, and scripted failures. The integration tests use the real emulator.
 */
export type FakeFault = 'busy' | 'server-error' | 'empty' | 'html' | 'network' | 'hang'

export interface FakeWechat {
  fetch: typeof globalThis.fetch
  /** A code for `user`, valid until used. */
  issueCode: (user?: string, options?: { unionid?: boolean }) => string
  /** Failures for the next calls, in order. */
  fail: (...faults: FakeFault[]) => void
  /** Every URL called, in order. */
  calls: URL[]
}

export const FAKE_APPID = 'wx0123456789abcdef'
export const FAKE_SECRET = 'fake-app-secret-0123456789'

function text(body: string, status = 200, type = 'text/plain'): Response {
  return new Response(body, { status, headers: { 'content-type': type } })
}

export function createFakeWechat(): FakeWechat {
  const codes = new Map<string, { user: string, unionid: boolean, used: boolean }>()
  const tokens = new Map<string, { user: string, unionid: boolean }>()
  const faults: FakeFault[] = []
  const calls: URL[] = []
  let counter = 0

  function answer(url: URL): Response {
    const query = url.searchParams
    const error = (errcode: number, errmsg: string): Response => text(JSON.stringify({ errcode, errmsg: `${errmsg}, rid: 1234-abcd` }))
    switch (url.pathname) {
      case '/sns/oauth2/access_token': {
        if (query.get('appid') !== FAKE_APPID || query.get('secret') !== FAKE_SECRET)
          return error(40125, 'invalid appsecret')
        const grant = codes.get(query.get('code') ?? '')
        if (!grant)
          return error(40029, 'invalid code')
        if (grant.used)
          return error(40163, 'code been used')
        grant.used = true
        const token = `token-${++counter}-${grant.user}`
        tokens.set(token, grant)
        return text(JSON.stringify({
          access_token: token,
          expires_in: 7200,
          refresh_token: `refresh-${counter}`,
          openid: `openid-${grant.user}`,
          scope: 'snsapi_login',
          ...(grant.unionid ? { unionid: `union-${grant.user}` } : {}),
        }))
      }
      case '/sns/userinfo': {
        const grant = tokens.get(query.get('access_token') ?? '')
        if (!grant || query.get('openid') !== `openid-${grant.user}`)
          return error(40001, 'invalid credential')
        // Escaped slashes and an unknown field, as WeChat sends them.
        return text(`{"openid":"openid-${grant.user}","nickname":"${grant.user}","sex":0,"province":"","city":"","country":"","headimgurl":"https:\\/\\/thirdwx.qlogo.cn\\/mmopen\\/${grant.user}\\/132","privilege":[],${grant.unionid ? `"unionid":"union-${grant.user}",` : ''}"language":"zh_CN"}`)
      }
      case '/sns/auth':
        return tokens.has(query.get('access_token') ?? '') ? error(0, 'ok') : error(40001, 'invalid credential')
      case '/sns/oauth2/refresh_token':
        return text(JSON.stringify({ access_token: 'renewed', expires_in: 7200, refresh_token: query.get('refresh_token'), openid: 'openid-x', scope: 'snsapi_login' }))
      default:
        return text('not found', 404, 'text/html')
    }
  }

  return {
    calls,
    issueCode(user = 'alice', { unionid = true } = {}) {
      const code = `code${++counter}${'x'.repeat(24)}`
      codes.set(code, { user, unionid, used: false })
      return code
    },
    fail(...next) {
      faults.push(...next)
    },
    async fetch(input, init) {
      const url = new URL(input instanceof Request ? input.url : String(input))
      calls.push(url)
      const fault = faults.shift()
      if (fault === 'network')
        throw new TypeError('fetch failed')
      if (fault === 'hang') {
        return new Promise<Response>((_, reject) => {
          init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))
        })
      }
      if (fault === 'busy')
        return text('{"errcode":-1,"errmsg":"system error, rid: 1"}')
      if (fault === 'server-error')
        return text('<html>502 Bad Gateway</html>', 502, 'text/html')
      if (fault === 'empty')
        return text('', 200, 'text/html; charset=gbk')
      if (fault === 'html')
        return text('<html>hello</html>', 200, 'text/html')
      return answer(url)
    },
  }
}
