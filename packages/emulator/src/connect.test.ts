import type { TestEmulator } from '@wechat-qr-login/test-utils/emulator'
import { buildAuthorizeUrl, buildEmbedUrl, cssToHref } from '@wechat-qr-login/core'
import { qrQuery, startTestEmulator, useTestEmulator } from '@wechat-qr-login/test-utils/emulator'
import { renderSVG } from 'uqr'
import { describe, expect, it, vi } from 'vitest'
import { createWechatEmulator, DEMO_APP } from './index'

const { appid } = DEMO_APP

const test = useTestEmulator()

async function page(query: string): Promise<{ response: Response, html: string }> {
  const response = await test.get(`/connect/qrconnect?${query}`)
  return { response, html: await response.text() }
}

function session(uuid: string): ReturnType<TestEmulator['emulator']['sessions']>[number] {
  const found = test.emulator.sessions().find(candidate => candidate.uuid === uuid)
  expect(found).toBeDefined()
  return found!
}

describe('/connect/qrconnect', () => {
  it('renders WeChat\'s markup, an emulator marker and a phone link in the iframe variant', async () => {
    const url = new URL(buildEmbedUrl({ appid, redirectUri: 'http://localhost:5173/cb', state: 'abc', openBase: test.url }))
    const { response, html } = await page(url.search.slice(1))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    const uuid = response.headers.get('x-wechat-emulator-uuid')!
    expect(html).toContain('<div class="main impowerBox">')
    expect(html).toContain(`<img class="qrcode lightBorder" src="/connect/qrcode/${uuid}"`)
    expect(html).toContain('<div class="title">微信登录</div>')
    expect(html).toContain('<div class="status status_browser js_status normal" id="wx_default_tip">')
    expect(html).toContain('class="status_icon icon38_msg succ"')
    expect(html).toMatch(/<div class="info">/)
    expect(html).toContain('WeChat emulator')
    expect(html).toContain(`href="/connect/confirm?uuid=${uuid}"`)
    expect(session(uuid)).toMatchObject({
      appid,
      state: 'abc',
      redirectUri: 'http://localhost:5173/cb',
      embedded: true,
      selfRedirect: false,
      status: 'waiting',
      lang: 'cn',
      style: 'black',
      stylelite: false,
      fastLogin: true,
      qrUrl: `${test.url}/connect/confirm?uuid=${uuid}`,
    })
  })

  it('serves the redirect variant, which needs response_type=code', async () => {
    const url = new URL(buildAuthorizeUrl({ appid, redirectUri: 'http://localhost/cb', state: 'abc', openBase: test.url }))
    const { response, html } = await page(url.search.slice(1))
    expect(html).toContain('class="page_full')
    expect(session(response.headers.get('x-wechat-emulator-uuid')!)).toMatchObject({ embedded: false, selfRedirect: false })

    url.searchParams.delete('response_type')
    const refused = await page(url.search.slice(1))
    expect(refused.response.headers.get('x-wechat-emulator-error')).toBe('unreachable')
    expect(refused.html).toContain('该链接无法访问')
  })

  it('reads self_redirect, style, lang, stylelite and fast_login', async () => {
    const uuid = await test.openQr({ self_redirect: 'true', style: 'white', lang: 'en', stylelite: '1', fast_login: '0' })
    expect(session(uuid)).toMatchObject({ selfRedirect: true, style: 'white', lang: 'en', stylelite: true, fastLogin: false })
    const { html } = await page(qrQuery({ lang: 'en', style: 'white' }))
    expect(html).toContain('WeChat Login')
    expect(html).toContain('Scan the QR code with WeChat to log in')
    expect(html).toContain('style_white')
  })

  it('applies href as a stylesheet only when https: or data:text/css, and not with stylelite', async () => {
    const href = cssToHref('.impowerBox .title { display: none }')
    expect((await page(qrQuery({ href }))).html).toContain(`<link rel="stylesheet" href="${href}">`)
    expect((await page(qrQuery({ href: 'https://cdn.example.com/wx.css' }))).html).toContain('<link rel="stylesheet" href="https://cdn.example.com/wx.css">')
    expect((await page(qrQuery({ href: 'http://cdn.example.com/wx.css' }))).html).not.toContain('rel="stylesheet"')
    expect((await page(qrQuery({ href, stylelite: '1' }))).html).not.toContain('rel="stylesheet"')
    expect(test.emulator.sessions().map(candidate => candidate.href)).toEqual([href, 'https://cdn.example.com/wx.css', undefined, undefined])
  })

  it('escapes everything it echoes into HTML and script', async () => {
    const evil = '"><script>alert(1)</script>\u2028'
    const { html } = await page(qrQuery({ state: evil, redirect_uri: `http://localhost/cb?q=</script><script>alert(2)</script>`, href: `https://x.test/a.css"><script>alert(3)</script>` }))
    expect(html).not.toContain('<script>alert')
    expect(html).toContain('\\u003c/script\\u003e')
    expect(html).toContain('&quot;&gt;&lt;script&gt;alert(3)')
  })

  it('sets a nonce CSP that allows the href stylesheet and does not forbid framing', async () => {
    const { response, html } = await page(qrQuery())
    const csp = response.headers.get('content-security-policy')!
    const nonce = /'nonce-([\w-]+)'/.exec(csp)![1]
    expect(html).toContain(`<script nonce="${nonce}">`)
    expect(csp).toMatch(/style-src 'nonce-[\w-]+' https: data:/)
    expect(csp).not.toContain('frame-ancestors')
    expect(response.headers.has('x-frame-options')).toBe(false)
    const second = await page(qrQuery())
    expect(second.response.headers.get('content-security-policy')).not.toBe(csp)
  })

  it('shows WeChat\'s error page for an unknown or missing appid', async () => {
    for (const query of [qrQuery({ appid: 'wx0123456789abcdef' }), qrQuery({ appid: '' })]) {
      const { response, html } = await page(query)
      expect(response.status).toBe(200)
      expect(response.headers.get('x-wechat-emulator-error')).toBe('appid')
      expect(html).toContain('AppID 参数错误')
      expect(html).toContain(DEMO_APP.appid)
    }
    expect(test.emulator.sessions()).toEqual([])
  })

  it('shows WeChat\'s error page for a scope other than snsapi_login', async () => {
    for (const scope of ['snsapi_userinfo', 'undefined', '']) {
      const { response, html } = await page(qrQuery({ scope }))
      expect(response.headers.get('x-wechat-emulator-error')).toBe('scope')
      expect(html).toContain('Scope 参数错误或没有 Scope 权限')
    }
    expect((await page(qrQuery({ scope: 'snsapi_base,snsapi_login' }))).response.headers.has('x-wechat-emulator-error')).toBe(false)
  })

  it('shows "redirect_uri 参数错误" outside the callback domain', async () => {
    for (const redirectUri of ['http://evil.test/cb', 'http://localhost.evil.test/cb', 'http://www.localhost/cb', 'ftp://localhost/cb', '/relative', '']) {
      const { response, html } = await page(qrQuery({ redirect_uri: redirectUri }))
      expect(response.headers.get('x-wechat-emulator-error'), redirectUri).toBe('redirect_uri')
      expect(html).toContain('redirect_uri 参数错误')
    }
    for (const redirectUri of ['http://localhost/cb', 'https://LOCALHOST/cb', 'http://localhost:5173/deep/path?x=1']) {
      const { response } = await page(qrQuery({ redirect_uri: redirectUri }))
      expect(response.headers.has('x-wechat-emulator-error'), redirectUri).toBe(false)
    }
  })

  it('accepts subdomains only with allowSubdomains, and ports only outside strict mode', async () => {
    const app = { ...DEMO_APP, callbackDomain: 'example.com' }
    const open = createWechatEmulator({ apps: [app], allowSubdomains: true })
    const strict = createWechatEmulator({ apps: [app], strict: true })
    const error = async (emulator: typeof open, redirectUri: string): Promise<string | null> =>
      (await emulator.fetch(new Request(`http://127.0.0.1/connect/qrconnect?${qrQuery({ redirect_uri: redirectUri })}`))).headers.get('x-wechat-emulator-error')
    expect(await error(open, 'https://www.example.com/cb')).toBeNull()
    expect(await error(open, 'https://a.b.example.com/cb')).toBeNull()
    expect(await error(open, 'https://badexample.com/cb')).toBe('redirect_uri')
    expect(await error(open, 'https://example.com:8443/cb')).toBeNull()
    expect(await error(strict, 'https://www.example.com/cb')).toBe('redirect_uri')
    expect(await error(strict, 'https://example.com:8443/cb')).toBe('redirect_uri')
    expect(await error(strict, 'https://example.com:443/cb')).toBeNull()
    expect(await error(strict, 'http://example.com:80/cb')).toBeNull()
  })

  it('accepts any host of a callback domain list (emulator-only extension)', async () => {
    const emulator = createWechatEmulator({ apps: [{ ...DEMO_APP, callbackDomain: ['localhost', '127.0.0.1', 'ABC.natapp4.cc'] }] })
    const error = async (redirectUri: string): Promise<string | null> =>
      (await emulator.fetch(new Request(`http://127.0.0.1/connect/qrconnect?${qrQuery({ redirect_uri: redirectUri })}`))).headers.get('x-wechat-emulator-error')
    expect(await error('http://localhost:5173/cb')).toBeNull()
    expect(await error('http://127.0.0.1:5173/cb')).toBeNull()
    expect(await error('https://abc.natapp4.cc/cb')).toBeNull()
    expect(await error('https://www.abc.natapp4.cc/cb')).toBe('redirect_uri')
    const refused = await emulator.fetch(new Request(`http://127.0.0.1/connect/qrconnect?${qrQuery({ redirect_uri: 'http://evil.test/cb' })}`))
    expect(await refused.text()).toContain('&quot;localhost&quot;, &quot;127.0.0.1&quot;, &quot;abc.natapp4.cc&quot;')
  })
})

describe('/connect/qrcode/{uuid}', () => {
  it('is a QR of the phone page URL, on the request origin or publicUrl', async () => {
    const uuid = await test.openQr()
    const response = await test.get(`/connect/qrcode/${uuid}`)
    expect(response.headers.get('content-type')).toBe('image/svg+xml')
    expect(await response.text()).toBe(renderSVG(`${test.url}/connect/confirm?uuid=${uuid}`, { ecc: 'M', border: 2, pixelSize: 8 }))

    const tunnel = createWechatEmulator({ publicUrl: 'https://abc.trycloudflare.com/' })
    const qr = await tunnel.fetch(new Request(`http://127.0.0.1:4399/connect/qrconnect?${qrQuery()}`))
    const [tunnelSession] = tunnel.sessions()
    expect(tunnelSession!.qrUrl).toBe(`https://abc.trycloudflare.com/connect/confirm?uuid=${qr.headers.get('x-wechat-emulator-uuid')}`)
  })

  it('is a QR of the phone page on the base a publicUrl function gives for the login\'s redirect_uri', async () => {
    const tunnel = createWechatEmulator({
      apps: [{ ...DEMO_APP, callbackDomain: ['localhost', 'natappfree.cc'] }],
      allowSubdomains: true,
      publicUrl: ({ redirectUri, request }) => {
        expect(new URL(request.url).pathname).toBe('/connect/qrconnect')
        return redirectUri.hostname === 'localhost' ? undefined : `${redirectUri.origin}/__wechat-emulator`
      },
    })
    const qrUrl = async (redirectUri: string): Promise<string> => {
      const response = await tunnel.fetch(new Request(`http://127.0.0.1:4399/connect/qrconnect?${qrQuery({ redirect_uri: redirectUri })}`))
      const uuid = response.headers.get('x-wechat-emulator-uuid')
      return tunnel.sessions().find(session => session.uuid === uuid)!.qrUrl
    }
    expect(await qrUrl('http://xyz789.natappfree.cc:8080/auth/wechat/callback')).toMatch(/^http:\/\/xyz789\.natappfree\.cc:8080\/__wechat-emulator\/connect\/confirm\?uuid=\w+$/)
    expect(await qrUrl('http://localhost:5173/auth/wechat/callback')).toMatch(/^http:\/\/127\.0\.0\.1:4399\/connect\/confirm\?uuid=\w+$/)
  })

  it('answers a publicUrl function\'s bad base with an error that names it, and shows no QR', async () => {
    const broken = createWechatEmulator({ publicUrl: () => 'phone.local' })
    const response = await broken.fetch(new Request(`http://127.0.0.1:4399/connect/qrconnect?${qrQuery()}`))
    expect(response.status).toBe(500)
    expect(await response.text()).toContain('Invalid "publicUrl": it must be an absolute http(s) URL')
    expect(broken.sessions()).toEqual([])
  })

  it('is 404 for an unknown uuid', async () => {
    expect((await test.get('/connect/qrcode/nope')).status).toBe(404)
  })
})

describe('/connect/l/qrconnect', () => {
  const poll = (emulator: ReturnType<typeof createWechatEmulator>, uuid: string, last?: number): Promise<Response> =>
    emulator.fetch(new Request(`http://127.0.0.1/connect/l/qrconnect?uuid=${uuid}${last ? `&last=${last}` : ''}&_=1`))

  async function open(emulator: ReturnType<typeof createWechatEmulator>): Promise<string> {
    const response = await emulator.fetch(new Request(`http://127.0.0.1/connect/qrconnect?${qrQuery({ redirect_uri: 'http://localhost/cb?x=1' })}`))
    return response.headers.get('x-wechat-emulator-uuid')!
  }

  it('holds until longPollTimeout, then answers 408 as JavaScript', async () => {
    vi.useFakeTimers()
    const emulator = createWechatEmulator({ longPollTimeout: 25_000 })
    const uuid = await open(emulator)
    let settled = false
    const pending = poll(emulator, uuid).finally(() => {
      settled = true
    })
    await vi.advanceTimersByTimeAsync(24_999)
    expect(settled).toBe(false)
    expect(emulator.sessions()[0]!.polls).toBe(1)
    await vi.advanceTimersByTimeAsync(1)
    const response = await pending
    expect(response.headers.get('content-type')).toBe('text/javascript')
    expect(await response.text()).toBe('window.wx_errcode=408;window.wx_code=\'\';')
    expect(emulator.sessions()[0]!.polls).toBe(0)
  })

  it('answers early with 404 on scan, 405 with the code on confirm, 403 on cancel', async () => {
    vi.useFakeTimers()
    const emulator = createWechatEmulator()
    const uuid = await open(emulator)
    const scanned = poll(emulator, uuid)
    await vi.advanceTimersByTimeAsync(1000)
    emulator.scan(uuid)
    expect(await (await scanned).text()).toBe('window.wx_errcode=404;window.wx_code=\'\';')

    const cancelled = poll(emulator, uuid, 404)
    await vi.advanceTimersByTimeAsync(1000)
    emulator.cancel(uuid)
    expect(await (await cancelled).text()).toBe('window.wx_errcode=403;window.wx_code=\'\';')

    const confirmed = poll(emulator, uuid, 403)
    await vi.advanceTimersByTimeAsync(1000)
    emulator.scan(uuid)
    expect(await (await confirmed).text()).toContain('404')
    const { code, redirectUrl } = emulator.confirm(uuid)
    expect(await (await poll(emulator, uuid, 404)).text()).toBe(`window.wx_errcode=405;window.wx_code='${code}';`)
    expect(redirectUrl).toBe(`http://localhost/cb?x=1&code=${code}&state=state_123`)
  })

  it('answers at once when the status differs from last', async () => {
    const emulator = createWechatEmulator()
    const uuid = await open(emulator)
    emulator.scan(uuid)
    expect(await (await poll(emulator, uuid)).text()).toContain('=404;')
    expect(await (await poll(emulator, uuid, 408)).text()).toContain('=404;')
  })

  it('answers 402 when the QR expires, by time or by control', async () => {
    vi.useFakeTimers()
    const emulator = createWechatEmulator({ qrLifetime: 60, longPollTimeout: 45_000 })
    const uuid = await open(emulator)
    await vi.advanceTimersByTimeAsync(30_000)
    const expiring = poll(emulator, uuid)
    await vi.advanceTimersByTimeAsync(30_000)
    expect(await (await expiring).text()).toContain('=402;')
    expect(emulator.sessions()[0]!.status).toBe('expired')

    const other = await open(emulator)
    const pending = poll(emulator, other)
    emulator.expire(other)
    expect(await (await pending).text()).toContain('=402;')
    expect(await (await poll(emulator, 'unknown')).text()).toBe('window.wx_errcode=402;window.wx_code=\'\';')
  })

  it('lets go of a long-poll whose client aborted, before or while it is held', async () => {
    vi.useFakeTimers()
    const emulator = createWechatEmulator({ latency: 100, longPollTimeout: 600_000 })
    const opening = open(emulator)
    await vi.advanceTimersByTimeAsync(100)
    const uuid = await opening
    const pollWith = (signal: AbortSignal): Promise<Response> =>
      emulator.fetch(new Request(`http://127.0.0.1/connect/l/qrconnect?uuid=${uuid}`, { signal }))

    // Aborted during `latency`: the signal is already aborted when the hold would begin.
    const early = new AbortController()
    const beforeHold = pollWith(early.signal)
    await vi.advanceTimersByTimeAsync(50)
    early.abort()
    await vi.advanceTimersByTimeAsync(50)
    expect(emulator.sessions()[0]!.polls).toBe(0)
    expect(vi.getTimerCount()).toBe(0)
    expect(await (await beforeHold).text()).toBe('window.wx_errcode=408;window.wx_code=\'\';')

    const late = new AbortController()
    const whileHeld = pollWith(late.signal)
    await vi.advanceTimersByTimeAsync(1000)
    expect(emulator.sessions()[0]!.polls).toBe(1)
    late.abort()
    await whileHeld
    expect(emulator.sessions()[0]!.polls).toBe(0)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('ends held long-polls when the server closes', async () => {
    const local = await startTestEmulator({ longPollTimeout: 600_000 })
    const uuid = await local.openQr()
    const pending = local.get(`/connect/l/qrconnect?uuid=${uuid}`).then(response => response.text())
    await vi.waitFor(() => expect(local.emulator.sessions()[0]!.polls).toBe(1))
    await local.close()
    expect(await pending).toBe('window.wx_errcode=408;window.wx_code=\'\';')
    await local.close()
  })
})

describe('redirect URL', () => {
  it.each([
    ['http://localhost/cb', 'http://localhost/cb?code={code}&state=s_1'],
    ['http://localhost/cb?next=%2Fhome', 'http://localhost/cb?next=%2Fhome&code={code}&state=s_1'],
    ['http://localhost/#/login?name=test', 'http://localhost/#/login?name=test&code={code}&state=s_1'],
    ['http://localhost/#/login', 'http://localhost/#/login?code={code}&state=s_1'],
  ])('joins %s with ? or &', async (redirectUri, expected) => {
    const uuid = await test.openQr({ redirect_uri: redirectUri, state: 's_1' })
    const { code, redirectUrl } = test.emulator.confirm(uuid)
    expect(redirectUrl).toBe(expected.replace('{code}', code))
  })

  it('echoes the state unchanged, even when WeChat\'s script sent "undefined" or none', async () => {
    const uuid = await test.openQr({ state: 'undefined' })
    expect(test.emulator.confirm(uuid).redirectUrl).toMatch(/&state=undefined$/)
    const query = new URLSearchParams(qrQuery())
    query.delete('state')
    const response = await test.get(`/connect/qrconnect?${query}`)
    expect(test.emulator.confirm(response.headers.get('x-wechat-emulator-uuid')!).redirectUrl).toMatch(/&state=$/)
  })
})

describe('/connect/confirm (phone page)', () => {
  async function form(uuid: string): Promise<{ token: string, html: string, response: Response }> {
    const response = await test.get(`/connect/confirm?uuid=${uuid}`)
    const html = await response.text()
    return { response, html, token: /name="token" value="([^"]+)"/.exec(html)?.[1] ?? '' }
  }

  function post(uuid: string, fields: Record<string, string>): Promise<Response> {
    return test.get(`/connect/confirm?uuid=${uuid}`, { method: 'POST', body: new URLSearchParams(fields) })
  }

  it('scans the QR and offers the users, the app name and a new-user form', async () => {
    const uuid = await test.openQr()
    const { response, html } = await form(uuid)
    expect(response.status).toBe(200)
    expect(session(uuid).status).toBe('scanned')
    expect(html).toContain(DEMO_APP.name)
    expect(html).toContain('张伟')
    expect(html).toContain('李娜 🐼')
    expect(html).toContain('no unionid')
    expect(html).toContain('src="../__emulator/avatar/alice/132"')
    expect(html).toContain(`action="confirm?uuid=${uuid}"`)
    expect(html).toContain('name="nickname"')
    expect(html).toContain('WeChat emulator')
    expect(response.headers.get('content-security-policy')).toContain('form-action \'self\'')
  })

  it('confirms as the chosen user', async () => {
    const uuid = await test.openQr()
    const { token } = await form(uuid)
    const response = await post(uuid, { token, user: 'bob', action: 'confirm' })
    expect(await response.text()).toContain('data-result="confirmed"')
    expect(session(uuid)).toMatchObject({ status: 'confirmed', userId: 'bob', code: expect.stringMatching(/^\w{32}$/) })
    expect((await form(uuid)).html).toContain('data-result="used"')
  })

  it('creates a user with a stable id, avatar choice and unionid choice', async () => {
    const uuid = await test.openQr()
    const { token } = await form(uuid)
    await post(uuid, { token, user: '__new__', nickname: ' 王芳 ', avatar: 'url', avatarUrl: 'https://img.example.com/a.png', action: 'confirm' })
    const user = test.emulator.users().find(candidate => candidate.id === session(uuid).userId)
    expect(user).toEqual({ id: expect.stringMatching(/^u-/), nickname: '王芳', avatar: 'https://img.example.com/a.png', unionid: false })
    const again = await test.openQr()
    await post(again, { token: (await form(again)).token, user: '__new__', nickname: '王芳', avatar: 'generated', unionid: '1', action: 'confirm' })
    expect(session(again).userId).toBe(user!.id)
  })

  it('re-asks for a missing nickname or a bad avatar URL, and an unknown user', async () => {
    const uuid = await test.openQr()
    const { token } = await form(uuid)
    const missing = await post(uuid, { token, user: '__new__', nickname: ' ', action: 'confirm' })
    expect(missing.status).toBe(400)
    expect(await missing.text()).toContain('nickname')
    expect((await post(uuid, { token, user: '__new__', nickname: 'x', avatar: 'url', avatarUrl: 'javascript:alert(1)', action: 'confirm' })).status).toBe(400)
    expect((await post(uuid, { token, user: 'nobody', action: 'confirm' })).status).toBe(400)
    expect(session(uuid).status).toBe('scanned')
  })

  it('cancels', async () => {
    const uuid = await test.openQr()
    const { token } = await form(uuid)
    expect(await (await post(uuid, { token, action: 'cancel' })).text()).toContain('data-result="cancelled"')
    expect(session(uuid).status).toBe('cancelled')
  })

  it('refuses a form without this QR\'s token', async () => {
    const uuid = await test.openQr()
    await form(uuid)
    const response = await post(uuid, { token: 'forged', user: 'bob', action: 'confirm' })
    expect(response.status).toBe(403)
    expect(session(uuid).status).toBe('scanned')
    expect((await test.get(`/connect/confirm?uuid=${uuid}`, { method: 'POST', body: 'not a form', headers: { 'content-type': 'application/json' } })).status).toBe(403)
  })

  it('works behind a proxy that serves the emulator under publicUrl\'s path prefix', async () => {
    const prefixed = createWechatEmulator({ publicUrl: 'https://abc.natapp4.cc/__wechat-emulator/' })
    // The proxy strips the prefix; every link of the page must resolve under it.
    const viaProxy = (url: string, init?: RequestInit): Promise<Response> =>
      prefixed.fetch(new Request(url.replace('https://abc.natapp4.cc/__wechat-emulator', 'http://127.0.0.1:4399'), init))
    const qr = await prefixed.fetch(new Request(`http://127.0.0.1:4399/connect/qrconnect?${qrQuery()}`))
    const uuid = qr.headers.get('x-wechat-emulator-uuid')!
    const phoneUrl = prefixed.sessions()[0]!.qrUrl
    expect(phoneUrl).toBe(`https://abc.natapp4.cc/__wechat-emulator/connect/confirm?uuid=${uuid}`)
    const html = await (await viaProxy(phoneUrl)).text()
    const action = new URL(/action="([^"]+)"/.exec(html)![1]!.replace(/&amp;/g, '&'), phoneUrl).href
    const avatar = new URL(/src="([^"]+)"/.exec(html)![1]!, phoneUrl).href
    expect(action).toBe(phoneUrl)
    expect(avatar).toBe('https://abc.natapp4.cc/__wechat-emulator/__emulator/avatar/zhang-wei/132')
    expect((await viaProxy(avatar)).headers.get('content-type')).toMatch(/^image\/svg\+xml/)
    const token = /name="token" value="([^"]+)"/.exec(html)![1]!
    const confirmed = await viaProxy(action, { method: 'POST', body: new URLSearchParams({ token, user: 'alice', action: 'confirm' }) })
    expect(await confirmed.text()).toContain('data-result="confirmed"')
    expect(prefixed.sessions()[0]).toMatchObject({ status: 'confirmed', userId: 'alice' })
  })

  it('says the QR expired for an expired or unknown session', async () => {
    const uuid = await test.openQr()
    const { token } = await form(uuid)
    test.emulator.expire(uuid)
    expect((await form(uuid)).html).toContain('data-result="expired"')
    expect((await post(uuid, { token, user: 'bob', action: 'confirm' })).status).toBe(410)
    expect((await form('missing')).response.status).toBe(410)
  })
})
