import { createRelayMessage, WECHAT_RELAY_CHANNEL } from '@wechat-qr-login/core'
import { APPID, fakeServer, resetTestState, setupStore, USER } from '@wechat-qr-login/test-utils/vue'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { handleWechatCallback } from './handle-callback'

afterEach(resetTestState)

const CALLBACK_URI = 'http://localhost:3000/login/callback'

function customBackend() {
  const exchange = vi.fn(async () => USER)
  const { store } = setupStore({ appid: APPID, redirectUri: CALLBACK_URI, exchange })
  return { store, exchange }
}

function listenOnChannel(): { messages: unknown[], close: () => void } {
  const channel = new BroadcastChannel(WECHAT_RELAY_CHANNEL)
  const messages: unknown[] = []
  channel.addEventListener('message', event => messages.push(event.data))
  return { messages, close: () => channel.close() }
}

describe('handleWechatCallback (top window)', () => {
  it('completes the login, removes code and state from the address and returns where it started', async () => {
    const { store, exchange } = customBackend()
    const ticket = await store.start({ mode: 'redirect', appid: APPID, redirectUri: CALLBACK_URI, returnTo: '/orders?page=2' })
    history.replaceState(null, '', `/login/callback?code=CODE1&state=${ticket!.state}&utm=x`)

    const outcome = await handleWechatCallback({ store })
    expect(outcome).toEqual({ type: 'authenticated', user: USER, returnTo: '/orders?page=2' })
    expect(exchange).toHaveBeenCalledExactlyOnceWith('CODE1', ticket!.state, { flow: 'qr' })
    expect(location.href).toBe('http://localhost:3000/login/callback?utm=x')
    expect(store.status).toBe('authenticated')
  })

  it('exchanges a code once when the callback runs twice', async () => {
    const { store, exchange } = customBackend()
    const ticket = await store.start({ mode: 'redirect', appid: APPID, redirectUri: CALLBACK_URI })
    history.replaceState(null, '', `/login/callback?code=CODE2&state=${ticket!.state}`)

    const [first, second] = await Promise.all([handleWechatCallback({ store }), handleWechatCallback({ store })])
    expect(first).toMatchObject({ type: 'authenticated', user: USER })
    expect(second).toMatchObject({ type: 'authenticated', user: USER })
    expect(exchange).toHaveBeenCalledOnce()
    expect(await handleWechatCallback({ store })).toEqual({ type: 'none' })
  })

  it('posts the code to the server package with its own state check', async () => {
    const server = fakeServer()
    const { store } = setupStore()
    const ticket = await store.start({ mode: 'redirect', redirectUri: CALLBACK_URI })
    history.replaceState(null, '', `/login/callback?code=CODE3&state=${ticket!.state}`)
    expect(await handleWechatCallback({ store })).toMatchObject({ type: 'authenticated', user: USER })
    expect(server.calls()).toContain('POST /auth/wechat/exchange')
  })

  it('reads hash-router callbacks, fast-login misplacements included', async () => {
    const { store, exchange } = customBackend()
    const ticket = await store.start({ mode: 'redirect', appid: APPID, redirectUri: CALLBACK_URI })
    history.replaceState(null, '', `/?code=CODE4&state=${ticket!.state}/#/login?next=home`)
    expect(await handleWechatCallback({ store })).toMatchObject({ type: 'authenticated' })
    expect(exchange).toHaveBeenCalledWith('CODE4', ticket!.state, { flow: 'qr' })
    expect(location.href).toBe('http://localhost:3000/#/login?next=home')
  })

  it('refuses a state this tab did not issue, without exchanging', async () => {
    const { store, exchange } = customBackend()
    history.replaceState(null, '', '/login/callback?code=CODE5&state=forged-state-0123456789')
    const outcome = await handleWechatCallback({ store })
    expect(outcome).toMatchObject({ type: 'error', error: { code: 'STATE_MISMATCH' } })
    expect(exchange).not.toHaveBeenCalled()
    expect(location.href).toBe('http://localhost:3000/login/callback')
  })

  it('reports a denial (state without code)', async () => {
    const { store } = customBackend()
    const ticket = await store.start({ mode: 'redirect', appid: APPID, redirectUri: CALLBACK_URI })
    history.replaceState(null, '', `/login/callback?state=${ticket!.state}`)
    expect(await handleWechatCallback({ store })).toMatchObject({ type: 'error', error: { code: 'LOGIN_DENIED' } })
  })

  it('does nothing on a page that is not a callback', async () => {
    const { store, exchange } = customBackend()
    history.replaceState(null, '', '/login/callback?page=1')
    expect(await handleWechatCallback({ store })).toEqual({ type: 'none' })
    expect(exchange).not.toHaveBeenCalled()
    expect(store.status).toBe('idle')
  })
})

describe('handleWechatCallback (relay)', () => {
  it('relays the code from the QR iframe to the app window\'s exact origin and the channel', async () => {
    const { store, exchange } = customBackend()
    const parent = { postMessage: vi.fn() }
    vi.spyOn(window, 'parent', 'get').mockReturnValue(parent as unknown as Window)
    const close = vi.spyOn(window, 'close').mockImplementation(() => {})
    const channel = listenOnChannel()
    history.replaceState(null, '', '/login/callback?code=CODE6&state=iframe-state-0123456789')

    expect(await handleWechatCallback({ store })).toEqual({ type: 'relayed', target: 'parent' })
    const message = createRelayMessage('iframe-state-0123456789', { type: 'code', code: 'CODE6' })
    expect(parent.postMessage).toHaveBeenCalledExactlyOnceWith(message, 'http://localhost:3000')
    await vi.waitFor(() => expect(channel.messages).toEqual([message]))
    channel.close()
    expect(close).not.toHaveBeenCalled()
    expect(exchange).not.toHaveBeenCalled()
    expect(location.href).toBe('http://localhost:3000/login/callback')
  })

  it('relays from a popup to its opener and closes the popup', async () => {
    const opener = { postMessage: vi.fn() }
    vi.spyOn(window, 'opener', 'get').mockReturnValue(opener as unknown as Window)
    const close = vi.spyOn(window, 'close').mockImplementation(() => {})
    history.replaceState(null, '', '/login/callback?state=popup-state-0123456789')

    expect(await handleWechatCallback({ targetOrigin: 'https://app.example.com' })).toEqual({ type: 'relayed', target: 'opener' })
    expect(opener.postMessage).toHaveBeenCalledExactlyOnceWith(createRelayMessage('popup-state-0123456789', { type: 'denied' }), 'https://app.example.com')
    expect(close).toHaveBeenCalledOnce()
  })

  it('relays on the channel alone from a popup whose opener was cut off, and the app completes', async () => {
    const { store: app, exchange } = customBackend()
    const ticket = await app.start({ mode: 'new-window', appid: APPID, redirectUri: CALLBACK_URI })
    // The popup: its own page and store, with the sessionStorage copied from its opener.
    const { store: popup } = customBackend()
    const close = vi.spyOn(window, 'close').mockImplementation(() => {})
    history.replaceState(null, '', `/login/callback?code=CODE7&state=${ticket!.state}`)

    expect(await handleWechatCallback({ store: popup })).toEqual({ type: 'relayed', target: 'channel' })
    expect(close).toHaveBeenCalledOnce()
    await vi.waitFor(() => expect(app.status).toBe('authenticated'))
    expect(exchange).toHaveBeenCalledExactlyOnceWith('CODE7', ticket!.state, { flow: 'qr' })
    expect(popup.status).toBe('idle')
  })

  it('completes in the top window even with an opener, when this tab issued the state for a redirect', async () => {
    const { store, exchange } = customBackend()
    const ticket = await store.start({ mode: 'redirect', appid: APPID, redirectUri: CALLBACK_URI })
    const opener = { postMessage: vi.fn() }
    vi.spyOn(window, 'opener', 'get').mockReturnValue(opener as unknown as Window)
    history.replaceState(null, '', `/login/callback?code=CODE8&state=${ticket!.state}`)
    expect(await handleWechatCallback({ store })).toMatchObject({ type: 'authenticated' })
    expect(opener.postMessage).not.toHaveBeenCalled()
    expect(exchange).toHaveBeenCalledOnce()
  })
})
