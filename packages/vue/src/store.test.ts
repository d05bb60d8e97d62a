import { isWechatLoginError, LOGIN_ERROR_PARAM, WechatLoginError } from '@wechat-qr-login/core'
import { APPID, broadcastRelay, EMULATOR, fakeServer, json, postRelay, REDIRECT_URI, resetTestState, setupStore, USER } from '@wechat-qr-login/test-utils/vue'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useLoginMachine } from './store'

afterEach(resetTestState)

describe('useWechatAuthStore (server backend)', () => {
  it('obtains the state and QR parameters from GET /state with mode, self_redirect and return_to', async () => {
    const server = fakeServer()
    const { store } = setupStore()
    const ticket = await store.start({ mode: 'embedded', selfRedirect: false, returnTo: '/account?tab=1' })

    expect(server.calls()).toEqual(['GET /auth/wechat/state?mode=embedded&self_redirect=false&return_to=%2Faccount%3Ftab%3D1'])
    expect(ticket).toEqual({ state: server.states[0], expiresAt: expect.any(Number), appid: APPID, redirectUri: REDIRECT_URI, openBase: EMULATOR, mode: 'embedded', selfRedirect: false })
    expect(store.status).toBe('awaiting-scan')
    expect(store.ticket).toEqual(ticket)
  })

  it('times the state with expiresIn, on this browser\'s clock, when the server\'s clock is off', async () => {
    const serverBehind = Date.now() - 15 * 60_000
    fakeServer({ 'GET /state': () => json({ state: 'skewed-clock-state-0123456789', expiresAt: serverBehind + 600_000, expiresIn: 600_000, appid: APPID, redirectUri: REDIRECT_URI, openBase: EMULATOR }) })
    const { store } = setupStore()
    const ticket = await store.start({ mode: 'new-window' })
    expect(ticket!.expiresAt - Date.now()).toBeGreaterThan(590_000)

    postRelay('skewed-clock-state-0123456789', { type: 'denied' })
    await vi.waitFor(() => expect(store.error?.code).toBe('LOGIN_DENIED'))
  })

  it('sends same-origin credentials to a same-origin authBase and includes them cross-origin', async () => {
    const server = fakeServer()
    const { store } = setupStore()
    await store.start({ mode: 'new-window' })
    expect(server.fetch.mock.calls[0]![1]).toMatchObject({ credentials: 'same-origin' })

    const remote = fakeServer({}, '/auth')
    const { store: crossOrigin } = setupStore({ authBase: 'https://api.example.com/auth' })
    await crossOrigin.start({ mode: 'new-window' })
    expect(String(remote.fetch.mock.calls[0]![0])).toBe('https://api.example.com/auth/state?mode=new-window')
    expect(remote.fetch.mock.calls[0]![1]).toMatchObject({ credentials: 'include' })
  })

  it('lets start options override what the server sent', async () => {
    fakeServer()
    const { store } = setupStore()
    const ticket = await store.start({ mode: 'redirect', appid: 'wxfedcba9876543210', openBase: 'https://open.weixin.qq.com' })
    expect(ticket).toMatchObject({ appid: 'wxfedcba9876543210', openBase: 'https://open.weixin.qq.com', redirectUri: REDIRECT_URI })
  })

  it('reports a missing server package with the fix', async () => {
    fakeServer({ 'GET /state': () => new Response('<h1>Not found</h1>', { status: 404 }) })
    const { store } = setupStore()
    expect(await store.start()).toBeNull()
    expect(store.status).toBe('error')
    expect(store.error?.code).toBe('INVALID_RESPONSE')
    expect(store.error?.message).toContain('Mount the server package at "authBase"')
  })

  it('turns the server\'s error body into a typed error', async () => {
    fakeServer({ 'GET /state': () => json({ error: { code: 'INVALID_RETURN_PATH', message: '[wechat-qr-login] "return_to" must be a path on this site.' } }, 400) })
    const { store } = setupStore()
    await store.start({ returnTo: '/x' })
    expect(store.error).toBeInstanceOf(WechatLoginError)
    expect(store.error?.code).toBe('INVALID_RETURN_PATH')
    expect(store.error?.message).toBe('[wechat-qr-login] "return_to" must be a path on this site.\nSee https://wechat-qr-login.github.io/reference/errors#invalid_return_path')
  })

  it('reports an unreachable server as NETWORK_ERROR and a silent one as TIMEOUT', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => {
      throw new TypeError('Failed to fetch')
    }))
    const { store } = setupStore()
    await store.start()
    expect(store.error?.code).toBe('NETWORK_ERROR')

    vi.useFakeTimers()
    vi.stubGlobal('fetch', vi.fn((_input: string, init: RequestInit) => new Promise((_resolve, reject) => {
      init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))
    })))
    const { store: slow } = setupStore({ requestTimeout: 2000 })
    const starting = slow.start()
    await vi.advanceTimersByTimeAsync(2000)
    await starting
    expect(slow.error?.code).toBe('TIMEOUT')
  })

  it('times out a server that sends its headers, then stalls the JSON body', async () => {
    vi.useFakeTimers()
    // As a real fetch does, aborting the request errors a body that is still being read.
    vi.stubGlobal('fetch', vi.fn(async (_input: string, init: RequestInit) => new Response(new ReadableStream({
      start(body) {
        init.signal!.addEventListener('abort', () => body.error(new DOMException('aborted', 'AbortError')))
      },
    }), { headers: { 'content-type': 'application/json' } })))
    const { store } = setupStore({ requestTimeout: 2000 })
    let ticket: unknown = 'pending'
    void store.start().then(value => ticket = value)
    await vi.advanceTimersByTimeAsync(2000)
    expect(ticket).toBeNull()
    expect(store.status).toBe('error')
    expect(store.error?.code).toBe('TIMEOUT')
  })

  it('checks `mode` and `returnTo` of a direct start() before asking the server', async () => {
    const server = fakeServer()
    const { store } = setupStore()
    expect(await store.start({ mode: 'popup' as never })).toBeNull()
    expect(store.status).toBe('error')
    expect(store.error).toMatchObject({ code: 'INVALID_OPTION', option: 'mode' })
    expect(store.error?.message).toContain('"embedded", "new-window", "redirect"')
    expect(await store.start({ returnTo: '//evil.example/account' })).toBeNull()
    expect(store.error).toMatchObject({ code: 'INVALID_RETURN_PATH', option: 'returnTo' })
    expect(await store.start({ returnTo: `/${'{'.repeat(945)}` })).toBeNull()
    expect(store.error).toMatchObject({ code: 'INVALID_RETURN_PATH', option: 'returnTo' })
    expect(server.fetch).not.toHaveBeenCalled()

    const { store: custom } = setupStore({ appid: APPID, redirectUri: REDIRECT_URI, exchange: async () => USER })
    expect(await custom.start({ mode: 'popup' as never })).toBeNull()
    expect(custom.error).toMatchObject({ code: 'INVALID_OPTION', option: 'mode' })
    expect(sessionStorage.length).toBe(0)
  })

  it('refuses a returnTo that a browser would read as another site, and sends a same-site one as given', async () => {
    const server = fakeServer()
    const { store } = setupStore()
    for (const returnTo of ['/\\evil.example', '/.//evil.example', '/a/..//evil.example', '//[bad']) {
      expect(await store.start({ mode: 'redirect', returnTo }), returnTo).toBeNull()
      expect(store.error, returnTo).toMatchObject({ code: 'INVALID_RETURN_PATH', option: 'returnTo' })
    }
    expect(server.fetch).not.toHaveBeenCalled()
    await store.start({ mode: 'redirect', returnTo: '/account/../settings?tab=1' })
    expect(server.calls()).toEqual([`GET /auth/wechat/state?mode=redirect&return_to=${encodeURIComponent('/account/../settings?tab=1')}`])
  })

  it.each(['/app/..%252fadmin', '/app/%2e%2e%2fadmin', '/app/..%5Cadmin'])('refuses the returnTo %s, which a proxy that decodes encoded slashes would resolve elsewhere', async (returnTo) => {
    const { store } = setupStore()
    await store.start({ returnTo })
    expect(store.error).toMatchObject({ code: 'INVALID_RETURN_PATH', option: 'returnTo', message: expect.stringContaining('encoded "/"') })
  })

  it.each([
    ['945 × "{"', `/${'{'.repeat(945)}`],
    ['a 331-character CJK path', `/${'登'.repeat(330)}`],
  ])('refuses a returnTo of %s, too long once percent-encoded', async (_, returnTo) => {
    const { store } = setupStore()
    await store.start({ returnTo })
    expect(store.error).toMatchObject({ code: 'INVALID_RETURN_PATH', option: 'returnTo', message: expect.stringContaining('over 512 bytes') })
  })

  it('rejects a malformed state answer', async () => {
    fakeServer({ 'GET /state': () => json({ state: 'abc' }) })
    const { store } = setupStore()
    await store.start()
    expect(store.error?.code).toBe('INVALID_RESPONSE')
  })

  it('keeps only the newest of two concurrent starts', async () => {
    fakeServer()
    const { store } = setupStore()
    const [first, second] = await Promise.all([store.start(), store.start()])
    expect(first).toBeNull()
    expect(second).not.toBeNull()
    expect(store.ticket?.state).toBe(second!.state)
  })

  it('completes from an `authenticated` relay message by reading GET /session', async () => {
    const server = fakeServer()
    const { store } = setupStore()
    const ticket = await store.start({ mode: 'embedded', selfRedirect: true })
    server.signedIn = true
    postRelay(ticket!.state, { type: 'authenticated' })
    await vi.waitFor(() => expect(store.status).toBe('authenticated'))
    expect(store.user).toEqual(USER)
    expect(store.expiresAt).toBe(1_900_000_000_000)
    expect(store.isAuthenticated).toBe(true)
    expect(store.ticket).toBeNull()
  })

  it('exchanges a relayed code with POST /exchange and a JSON content type', async () => {
    const server = fakeServer()
    const { store } = setupStore()
    const ticket = await store.start({ mode: 'new-window' })
    postRelay(ticket!.state, { type: 'code', code: 'CODE1' })
    await vi.waitFor(() => expect(store.status).toBe('authenticated'))
    const [, init] = server.fetch.mock.calls[1]!
    expect(init).toMatchObject({ method: 'POST', body: JSON.stringify({ code: 'CODE1', state: ticket!.state }) })
    expect(new Headers(init!.headers).get('content-type')).toBe('application/json')
  })

  it('ignores relay messages from another origin or with an unknown state', async () => {
    const server = fakeServer()
    const { store } = setupStore()
    const ticket = await store.start({ mode: 'new-window' })
    postRelay(ticket!.state, { type: 'code', code: 'EVIL' }, 'https://evil.example')
    postRelay('not-our-state', { type: 'code', code: 'EVIL' })
    window.dispatchEvent(new MessageEvent('message', { data: { source: 'wechat-qr-login', state: ticket!.state }, origin: location.origin }))
    await Promise.resolve()
    expect(store.status).toBe('awaiting-scan')
    expect(server.calls()).toEqual(['GET /auth/wechat/state?mode=new-window'])
  })

  it('accepts the redirect URI\'s origin, and exactly `callbackOrigin` when it is set', async () => {
    fakeServer({
      'GET /state': () => json({ state: 'relay-origin-state-0123456789', expiresAt: Date.now() + 60_000, appid: APPID, redirectUri: 'https://auth.example.com/auth/wechat/callback', openBase: EMULATOR }),
    })
    const { store } = setupStore()
    await store.start({ mode: 'new-window' })
    postRelay('relay-origin-state-0123456789', { type: 'denied' }, 'https://auth.example.com')
    await vi.waitFor(() => expect(store.error?.code).toBe('LOGIN_DENIED'))

    const { store: strict } = setupStore({ callbackOrigin: 'https://relay.example.com' })
    await strict.start({ mode: 'new-window' })
    postRelay('relay-origin-state-0123456789', { type: 'denied' }, location.origin)
    await Promise.resolve()
    expect(strict.status).toBe('awaiting-scan')
    postRelay('relay-origin-state-0123456789', { type: 'denied' }, 'https://relay.example.com')
    await vi.waitFor(() => expect(strict.status).toBe('error'))
  })

  it('takes the first of a postMessage and its BroadcastChannel duplicate', async () => {
    const server = fakeServer()
    const { store } = setupStore()
    const ticket = await store.start({ mode: 'new-window' })
    const broadcast = broadcastRelay(ticket!.state, { type: 'code', code: 'CODE2' })
    postRelay(ticket!.state, { type: 'code', code: 'CODE2' })
    await broadcast
    await vi.waitFor(() => expect(store.status).toBe('authenticated'))
    expect(server.calls().filter(call => call.startsWith('POST /auth/wechat/exchange'))).toHaveLength(1)
  })

  it('completes from the BroadcastChannel alone (a popup cut off by COOP)', async () => {
    const server = fakeServer()
    const { store } = setupStore()
    const ticket = await store.start({ mode: 'new-window' })
    server.signedIn = true
    await broadcastRelay(ticket!.state, { type: 'authenticated', user: USER })
    await vi.waitFor(() => expect(store.status).toBe('authenticated'))
  })

  it('shows a relayed error with its code', async () => {
    fakeServer()
    const { store } = setupStore()
    const ticket = await store.start({ mode: 'new-window' })
    postRelay(ticket!.state, { type: 'error', code: 'WECHAT_API_ERROR' })
    await vi.waitFor(() => expect(store.status).toBe('error'))
    expect(store.error?.code).toBe('WECHAT_API_ERROR')
    expect(store.error?.message).toContain('WeChat could not complete the login')
  })

  it('completes a top-window callback with POST /exchange, once per code', async () => {
    const server = fakeServer()
    const { store } = setupStore()
    const ticket = await store.start({ mode: 'redirect' })
    const callback = { type: 'success', code: 'CODE3', state: ticket!.state } as const
    const [first, second] = await Promise.all([store.complete(callback), store.complete(callback)])
    expect(first).toEqual(USER)
    expect(second).toEqual(USER)
    expect(await store.complete(callback)).toEqual(USER)
    expect(server.calls().filter(call => call.startsWith('POST'))).toHaveLength(1)
  })

  it('lets the server judge a top-window callback whose state this tab does not know', async () => {
    fakeServer()
    const { store } = setupStore()
    await store.complete({ type: 'success', code: 'CODE4', state: 'issued-elsewhere-0123456789' })
    expect(store.error?.code).toBe('STATE_MISMATCH')
  })

  it('refuses a callback without state and reports a denial', async () => {
    const server = fakeServer()
    const { store } = setupStore()
    await store.complete({ type: 'success', code: 'CODE5', state: '' })
    expect(store.error?.code).toBe('STATE_MISMATCH')
    const ticket = await store.start({ mode: 'redirect' })
    await store.complete({ type: 'denied', state: ticket!.state })
    expect(store.error?.code).toBe('LOGIN_DENIED')
    expect(server.calls().some(call => call.startsWith('POST'))).toBe(false)
  })

  it('restores the session on page load', async () => {
    const server = fakeServer()
    server.signedIn = true
    const { store } = setupStore()
    expect(await store.restore()).toEqual(USER)
    expect(store.status).toBe('authenticated')

    server.signedIn = false
    const { store: anonymous } = setupStore()
    expect(await anonymous.restore()).toBeNull()
    expect(anonymous.status).toBe('idle')
  })

  it('keeps a login that completed while restore() was waiting for GET /session', async () => {
    let answerSession!: () => void
    const server = fakeServer({
      'GET /session': () => new Promise<Response>((resolve) => {
        answerSession = () => resolve(json({ authenticated: false }))
      }),
    })
    const { store } = setupStore()
    const ticket = await store.start({ mode: 'redirect' })
    const restoring = store.restore()
    await vi.waitFor(() => expect(server.calls()).toContain('GET /auth/wechat/session'))
    expect(await store.complete({ type: 'success', code: 'CODE6', state: ticket!.state })).toEqual(USER)
    answerSession()
    expect(await restoring).toEqual(USER)
    expect(store.user).toEqual(USER)
    expect(store.status).toBe('authenticated')
  })

  it('does not sign a user back in who logged out while restore() was waiting', async () => {
    let answerSession!: () => void
    const server = fakeServer({
      'GET /session': () => new Promise<Response>((resolve) => {
        answerSession = () => resolve(json({ authenticated: true, user: USER, expiresAt: 1_900_000_000_000 }))
      }),
    })
    const { store } = setupStore()
    const ticket = await store.start({ mode: 'redirect' })
    await store.complete({ type: 'success', code: 'CODE7', state: ticket!.state })
    const restoring = store.restore()
    await vi.waitFor(() => expect(server.calls()).toContain('GET /auth/wechat/session'))
    await store.logout()
    answerSession()
    expect(await restoring).toBeNull()
    expect(store.user).toBeNull()
    expect(store.status).toBe('idle')
  })

  it('lets a login started while logout() was waiting for POST /logout stand', async () => {
    let answerLogout!: () => void
    fakeServer({
      'POST /logout': () => new Promise<Response>((resolve) => {
        answerLogout = () => resolve(json({ authenticated: false }))
      }),
    })
    const { store } = setupStore()
    const first = await store.start({ mode: 'redirect' })
    await store.complete({ type: 'success', code: 'CODE8', state: first!.state })
    const loggingOut = store.logout()
    await vi.waitFor(() => expect(answerLogout).toBeTypeOf('function'))
    const next = await store.start({ mode: 'new-window' })
    answerLogout()
    await loggingOut
    expect(store.user).toBeNull()
    expect(store.status).toBe('awaiting-scan')
    expect(store.ticket).toEqual(next)
    postRelay(next!.state, { type: 'denied' })
    await vi.waitFor(() => expect(store.error?.code).toBe('LOGIN_DENIED'))
  })

  it('turns `wechat_login_error` into a typed error and removes it from the address', async () => {
    fakeServer()
    history.replaceState(null, '', `/login?tab=wechat&${LOGIN_ERROR_PARAM}=STATE_MISMATCH#top`)
    const { store } = setupStore()
    await store.restore()
    expect(store.status).toBe('error')
    expect(store.error?.code).toBe('STATE_MISMATCH')
    expect(location.href).toBe('http://localhost:3000/login?tab=wechat#top')
  })

  it('never shows text from the address: an unknown error code becomes EXCHANGE_FAILED', async () => {
    fakeServer()
    history.replaceState(null, '', `/#/login?${LOGIN_ERROR_PARAM}=${encodeURIComponent('<b>Call 123</b>')}`)
    const { store } = setupStore()
    await store.restore()
    expect(store.error?.code).toBe('EXCHANGE_FAILED')
    expect(store.error?.message).not.toContain('Call 123')
    expect(location.href).toBe('http://localhost:3000/#/login')
  })

  it('logs out with POST /logout', async () => {
    const server = fakeServer()
    server.signedIn = true
    const { store } = setupStore()
    await store.restore()
    await store.logout()
    expect(server.calls()).toContain('POST /auth/wechat/logout')
    expect(store.user).toBeNull()
    expect(store.status).toBe('idle')
  })

  it('clears the user even when logout fails, and says so', async () => {
    const server = fakeServer({ 'POST /logout': () => json({ error: { code: 'NETWORK_ERROR', message: 'down' } }, 502) })
    server.signedIn = true
    const { store } = setupStore()
    await store.restore()
    await store.logout()
    expect(store.user).toBeNull()
    expect(store.error?.code).toBe('NETWORK_ERROR')
  })
})

describe('useWechatAuthStore (custom backend)', () => {
  function custom(exchange = vi.fn(async () => ({ ...USER }))) {
    const { store } = setupStore({ appid: APPID, redirectUri: 'http://localhost:3000/login/callback', exchange })
    return { store, exchange }
  }

  it('mints the state in the browser and keeps it in sessionStorage', async () => {
    const server = fakeServer()
    const { store } = custom()
    const ticket = await store.start({ mode: 'redirect', appid: APPID, redirectUri: 'http://localhost:3000/login/callback', returnTo: '/after' })
    expect(ticket?.state).toMatch(/^[\w-]{32}$/)
    expect(server.fetch).not.toHaveBeenCalled()
    const stored = JSON.parse(sessionStorage.getItem(`wechat-qr-login:pending:${ticket!.state}`)!)
    expect(stored).toMatchObject({ state: ticket!.state, mode: 'redirect', origin: 'http://localhost:3000', returnTo: '/after' })
  })

  it('writes the copy in sessionStorage after the current task, unless the state was used up meanwhile', async () => {
    const { store } = custom()
    const pending = store.start({ mode: 'redirect', appid: APPID, redirectUri: REDIRECT_URI })
    const key = `wechat-qr-login:pending:${store.ticket!.state}`
    expect(sessionStorage.getItem(key)).toBeNull()
    await pending
    expect(sessionStorage.getItem(key)).not.toBeNull()

    store.start({ mode: 'redirect', appid: APPID, redirectUri: REDIRECT_URI })
    const reset = `wechat-qr-login:pending:${store.ticket!.state}`
    store.reset()
    await Promise.resolve()
    expect(sessionStorage.getItem(reset)).toBeNull()
  })

  it('asks for appid and redirectUri when nothing provides them', async () => {
    const { store } = setupStore({ exchange: async () => USER })
    await store.start()
    expect(store.error).toMatchObject({ code: 'INVALID_APPID', option: 'appid' })
    expect(store.error?.message).toContain('createWechatLogin({ appid })')
    await store.start({ appid: APPID })
    expect(store.error).toMatchObject({ code: 'INVALID_REDIRECT_URI', option: 'redirectUri' })
  })

  it('exchanges through the app\'s function, consuming the state once', async () => {
    const { store, exchange } = custom()
    const ticket = await store.start({ mode: 'redirect', appid: APPID, redirectUri: REDIRECT_URI })
    const user = await store.complete({ type: 'success', code: 'CODE6', state: ticket!.state })
    expect(exchange).toHaveBeenCalledExactlyOnceWith('CODE6', ticket!.state)
    expect(user).toEqual(USER)
    expect(sessionStorage.length).toBe(0)

    await store.complete({ type: 'success', code: 'CODE7', state: ticket!.state })
    expect(exchange).toHaveBeenCalledTimes(1)
    expect(store.error?.code).toBe('STATE_MISMATCH')
  })

  it('accepts a state stored before a redirect (a new page, a new store)', async () => {
    const { store: before } = custom()
    const ticket = await before.start({ mode: 'redirect', appid: APPID, redirectUri: REDIRECT_URI })
    const { store: after, exchange } = custom()
    expect(await after.complete({ type: 'success', code: 'CODE8', state: ticket!.state })).toEqual(USER)
    expect(exchange).toHaveBeenCalledOnce()
  })

  it('keeps older states pending after a refresh, until one is used', async () => {
    const { store, exchange } = custom()
    const first = await store.start({ mode: 'new-window', appid: APPID, redirectUri: REDIRECT_URI })
    const second = await store.refresh()
    expect(second!.state).not.toBe(first!.state)
    postRelay(first!.state, { type: 'code', code: 'CODE9' })
    await vi.waitFor(() => expect(store.status).toBe('authenticated'))
    expect(exchange).toHaveBeenCalledWith('CODE9', first!.state)
    postRelay(second!.state, { type: 'code', code: 'CODE10' })
    await Promise.resolve()
    expect(exchange).toHaveBeenCalledOnce()
  })

  it('refuses an expired state', async () => {
    vi.useFakeTimers()
    const { store, exchange } = custom()
    const ticket = await store.start({ mode: 'redirect', appid: APPID, redirectUri: REDIRECT_URI })
    vi.advanceTimersByTime(10 * 60_000)
    await store.complete({ type: 'success', code: 'CODE11', state: ticket!.state })
    expect(exchange).not.toHaveBeenCalled()
    expect(store.error?.code).toBe('STATE_MISMATCH')
  })

  it('wraps a failing exchange into EXCHANGE_FAILED and a missing user into NOT_AUTHENTICATED', async () => {
    const { store } = custom(vi.fn(async () => {
      throw new Error('500 from /api/wechat (code=SECRET)')
    }))
    const ticket = await store.start({ appid: APPID, redirectUri: REDIRECT_URI })
    await store.complete({ type: 'success', code: 'CODE12', state: ticket!.state })
    expect(store.error?.code).toBe('EXCHANGE_FAILED')
    expect(store.error?.message).not.toContain('SECRET')
    expect(store.error?.cause).toBeInstanceOf(Error)

    const { store: empty } = custom(vi.fn(async () => null as never))
    const next = await empty.start({ appid: APPID, redirectUri: REDIRECT_URI })
    await empty.complete({ type: 'success', code: 'CODE13', state: next!.state })
    expect(empty.error?.code).toBe('NOT_AUTHENTICATED')
  })

  it('lets a start() begun during a failing exchange stand', async () => {
    let rejectExchange!: (reason: Error) => void
    const { store } = custom(vi.fn(() => new Promise<never>((_resolve, reject) => rejectExchange = reject)))
    const first = await store.start({ appid: APPID, redirectUri: REDIRECT_URI })
    const completing = store.complete({ type: 'success', code: 'CODE16', state: first!.state })
    expect(store.status).toBe('exchanging')
    const second = await store.start({ appid: APPID, redirectUri: REDIRECT_URI })
    rejectExchange(new Error('502 from /api/wechat'))
    expect(await completing).toBeNull()
    expect(store.status).toBe('awaiting-scan')
    expect(store.error).toBeNull()
    expect(store.ticket).toEqual(second)
  })

  it('keeps a WechatLoginError thrown by exchange as it is', async () => {
    const { store } = custom(vi.fn(async () => {
      throw new WechatLoginError('WECHAT_API_ERROR', 'WeChat said 40163.')
    }))
    const ticket = await store.start({ appid: APPID, redirectUri: REDIRECT_URI })
    await store.complete({ type: 'success', code: 'CODE14', state: ticket!.state })
    expect(isWechatLoginError(store.error, 'WECHAT_API_ERROR')).toBe(true)
  })

  it('restores and logs out through session() and logout()', async () => {
    const session = vi.fn(async () => USER)
    const logout = vi.fn()
    const { store } = setupStore({ appid: APPID, redirectUri: REDIRECT_URI, exchange: async () => USER, session, logout })
    expect(await store.restore()).toEqual(USER)
    await store.logout()
    expect(logout).toHaveBeenCalledOnce()
    expect(store.user).toBeNull()
  })

  it('restores nothing without session()', async () => {
    const { store } = custom()
    expect(await store.restore()).toBeNull()
    expect(store.status).toBe('idle')
  })

  it('uses a state the app issued itself', async () => {
    const { store, exchange } = custom()
    const ticket = await store.start({ appid: APPID, redirectUri: REDIRECT_URI, state: 'from-my-backend' })
    expect(ticket?.state).toBe('from-my-backend')
    await store.complete({ type: 'success', code: 'CODE15', state: 'from-my-backend' })
    expect(exchange).toHaveBeenCalledWith('CODE15', 'from-my-backend')
  })
})

describe('useWechatAuthStore transitions', () => {
  it('keeps the transitions the views drive out of its public actions', () => {
    const { store } = setupStore()
    for (const internal of ['fail', 'expire', 'resume', 'receive'])
      expect(store, internal).not.toHaveProperty(internal)
  })

  it('expires only the current QR', async () => {
    fakeServer()
    const { store } = setupStore()
    const { machine } = useLoginMachine()
    const ticket = await store.start()
    machine.expire('an-older-state')
    expect(store.status).toBe('awaiting-scan')
    machine.expire(ticket!.state)
    expect(store.status).toBe('expired')
  })

  it('lets a late result win over a cancel, and resumes a cancelled ticket', async () => {
    const server = fakeServer()
    const { store } = setupStore()
    const { machine } = useLoginMachine()
    const ticket = await store.start({ mode: 'new-window' })
    store.cancel()
    expect(store.status).toBe('cancelled')
    expect(machine.resume()).toBe(true)
    expect(store.status).toBe('awaiting-scan')
    store.cancel()
    server.signedIn = true
    postRelay(ticket!.state, { type: 'authenticated' })
    await vi.waitFor(() => expect(store.status).toBe('authenticated'))
    expect(machine.resume()).toBe(false)
  })

  it('forgets everything on reset', async () => {
    fakeServer()
    const { store } = setupStore()
    const ticket = await store.start()
    store.reset()
    expect(store.status).toBe('idle')
    expect(store.ticket).toBeNull()
    expect(sessionStorage.length).toBe(0)
    postRelay(ticket!.state, { type: 'denied' })
    await Promise.resolve()
    expect(store.status).toBe('idle')
  })

  it('ignores a page that is not a callback', async () => {
    const { store } = setupStore()
    expect(await store.complete({ type: 'none' })).toBeNull()
    expect(store.status).toBe('idle')
  })
})

describe('useWechatAuthStore restore()', () => {
  it('says when it has restored: `restored` is false before, true after, signed in or not', async () => {
    const server = fakeServer()
    const { store } = setupStore()
    expect(store.restored).toBe(false)
    expect(store.status).toBe('idle')
    const restoring = store.restore()
    expect(store.restored).toBe(false)
    expect(await restoring).toBeNull()
    expect(store.restored).toBe(true)
    expect(store.status).toBe('idle')
    expect(server.calls()).toEqual(['GET /auth/wechat/session'])
  })

  it('asks once per page load: every later call shares the answer', async () => {
    const server = fakeServer()
    server.signedIn = true
    const { store } = setupStore()
    const [first, second] = await Promise.all([store.restore(), store.restore()])
    expect(await store.restore()).toEqual(USER)
    expect([first, second]).toEqual([USER, USER])
    expect(server.calls()).toEqual(['GET /auth/wechat/session'])
  })

  it('asks again after a failure, which it reports', async () => {
    let failing = true
    const server = fakeServer({ 'GET /session': () => failing ? json({ error: { code: 'NETWORK_ERROR', message: 'down' } }, 502) : json({ authenticated: false }) })
    const { store } = setupStore()
    expect(await store.restore()).toBeNull()
    expect(store.error?.code).toBe('NETWORK_ERROR')
    expect(store.restored).toBe(false)
    failing = false
    await store.restore()
    expect(store.restored).toBe(true)
    expect(server.calls()).toEqual(['GET /auth/wechat/session', 'GET /auth/wechat/session'])
  })

  it('takes a session the app read itself (a server render), and asks nothing', async () => {
    const server = fakeServer()
    const { store } = setupStore()
    expect(await store.restore({ authenticated: true, user: USER, expiresAt: 1_900_000_000_000 })).toEqual(USER)
    expect(store).toMatchObject({ restored: true, status: 'authenticated', user: USER, expiresAt: 1_900_000_000_000 })
    expect(await store.restore()).toEqual(USER)
    const { store: signedOut } = setupStore()
    expect(await signedOut.restore({ authenticated: false })).toBeNull()
    expect(signedOut).toMatchObject({ restored: true, status: 'idle' })
    expect(server.fetch).not.toHaveBeenCalled()
  })

  it('asks nothing in a browser whose store a server render restored (its state hydrated)', async () => {
    const server = fakeServer()
    const { store } = setupStore()
    store.$patch({ user: USER, restored: true, status: 'authenticated' })
    expect(await store.restore()).toEqual(USER)
    expect(server.fetch).not.toHaveBeenCalled()
  })

  it('shows a failed top-window login in a browser whose store a server render restored, and asks nothing', async () => {
    const server = fakeServer()
    history.replaceState(null, '', `/login?${LOGIN_ERROR_PARAM}=LOGIN_DENIED`)
    const { store } = setupStore()
    store.$patch({ restored: true })
    expect(await store.restore()).toBeNull()
    expect(store.error?.code).toBe('LOGIN_DENIED')
    expect(location.search).toBe('')
    expect(server.fetch).not.toHaveBeenCalled()
  })

  it.each(['redirect', 'embedded'] as const)('completes a %s login that navigated the whole tab and came back: the views get `success` once', async (mode) => {
    const server = fakeServer()
    const { store: before } = setupStore()
    await before.start({ mode, selfRedirect: false, returnTo: '/login' })
    await Promise.resolve()
    // The tab went to WeChat, the callback opened the session and sent the tab back: a new page.
    server.signedIn = true
    const { store } = setupStore()
    const { machine } = useLoginMachine()
    const success = vi.fn()
    expect(await store.restore()).toEqual(USER)
    expect(store.status).toBe('authenticated')
    machine.attach({ success, restart: () => {} })
    machine.attach({ success, restart: () => {} })
    expect(success).toHaveBeenCalledExactlyOnceWith(USER)
    expect(sessionStorage.length).toBe(0)
  })

  it('announces no login for a session restored without one, nor for a failed top-window login', async () => {
    const server = fakeServer()
    server.signedIn = true
    const { store } = setupStore()
    const success = vi.fn()
    useLoginMachine().machine.attach({ success, restart: () => {} })
    await store.restore()
    expect(store.status).toBe('authenticated')
    expect(success).not.toHaveBeenCalled()

    const { store: before } = setupStore()
    await before.start({ mode: 'redirect' })
    await Promise.resolve()
    history.replaceState(null, '', `/login?${LOGIN_ERROR_PARAM}=WECHAT_UNREACHABLE`)
    server.signedIn = false
    const { store: after } = setupStore()
    useLoginMachine().machine.attach({ success, restart: () => {} })
    await after.restore()
    expect(after.error?.code).toBe('WECHAT_UNREACHABLE')
    expect(success).not.toHaveBeenCalled()
  })

  it('does not announce a login that only a relayed popup started (the page never left)', async () => {
    const server = fakeServer()
    const { store: before } = setupStore()
    await before.start({ mode: 'new-window' })
    await Promise.resolve()
    server.signedIn = true
    const { store } = setupStore()
    const success = vi.fn()
    useLoginMachine().machine.attach({ success, restart: () => {} })
    await store.restore()
    expect(success).not.toHaveBeenCalled()
  })
})

describe('useWechatAuthStore in production builds', () => {
  it('keeps the codes, with short messages: the fixes are development-only text', async () => {
    vi.stubEnv('NODE_ENV', 'production')
    fakeServer({ 'GET /state': () => new Response('<h1>Not found</h1>', { status: 404 }) })
    const { store } = setupStore()
    await store.start()
    expect(store.error).toMatchObject({ code: 'INVALID_RESPONSE', message: '[wechat-qr-login] GET /auth/wechat/state answered HTTP 404 without JSON.' })

    const { store: custom } = setupStore({ exchange: async () => USER })
    await custom.start()
    expect(custom.error).toMatchObject({ code: 'INVALID_APPID', option: 'appid', message: '[wechat-qr-login] Missing "appid".' })
    const ticket = await custom.start({ appid: APPID, redirectUri: REDIRECT_URI })
    postRelay(ticket!.state, { type: 'denied' })
    expect(custom.error).toMatchObject({ code: 'LOGIN_DENIED', message: '[wechat-qr-login] The login ended with LOGIN_DENIED.' })
  })
})
