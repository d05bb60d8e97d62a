import { connect, createServer } from 'node:net'
import { qrQuery, startTestEmulator } from '@wechat-qr-login/test-utils/emulator'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createWechatEmulator, DEMO_APP } from './index'

const { appid } = DEMO_APP

afterEach(() => {
  vi.useRealTimers()
})

async function openQr(emulator: ReturnType<typeof createWechatEmulator>, params: Record<string, string> = {}): Promise<string> {
  const response = await emulator.fetch(new Request(`http://127.0.0.1/connect/qrconnect?${qrQuery(params)}`))
  return response.headers.get('x-wechat-emulator-uuid')!
}

describe('createWechatEmulator', () => {
  it('drives a QR through scan, cancel, rescan and confirm', async () => {
    const emulator = createWechatEmulator()
    const uuid = await openQr(emulator)
    emulator.scan(uuid)
    emulator.cancel(uuid)
    expect(emulator.sessions()[0]!.status).toBe('cancelled')
    emulator.scan(uuid)
    const { code, redirectUrl } = emulator.confirm(uuid, { id: 'eve', nickname: 'Eve' })
    expect(emulator.sessions()[0]).toMatchObject({ status: 'confirmed', userId: 'eve', code })
    expect(emulator.codes()).toEqual([expect.objectContaining({ code, appid, userId: 'eve', used: false, expiresAt: expect.any(Number) })])
    expect(redirectUrl).toBe(`http://localhost:5173/auth/wechat/callback?code=${code}&state=state_123`)
    expect(emulator.users().map(user => user.id)).toContain('eve')
  })

  it('confirms as the first user when none is named', async () => {
    const emulator = createWechatEmulator()
    emulator.confirm(await openQr(emulator))
    expect(emulator.sessions()[0]!.userId).toBe('zhang-wei')
  })

  it('keeps a replaced seed user in its place, still the first user', async () => {
    const emulator = createWechatEmulator()
    emulator.addUser({ id: 'zhang-wei', nickname: '张伟 (edited)' })
    expect(emulator.users().map(user => user.id)).toEqual(['zhang-wei', 'alice', 'li-na', 'bob'])
    const { code } = emulator.confirm(await openQr(emulator))
    expect(emulator.codes().find(entry => entry.code === code)?.userId).toBe('zhang-wei')
    expect(emulator.users()[0]!.nickname).toBe('张伟 (edited)')
  })

  it('refuses steps that do not apply, with typed errors, and changes nothing', async () => {
    const emulator = createWechatEmulator()
    expect(() => emulator.scan('nope')).toThrowError(expect.objectContaining({ name: 'WechatLoginError', code: 'INVALID_REQUEST', option: 'uuid' }))
    const uuid = await openQr(emulator)
    expect(() => emulator.confirm(uuid, 'nobody')).toThrowError(expect.objectContaining({ code: 'INVALID_OPTION', option: 'user' }))
    expect(() => emulator.confirm(uuid, { id: '', nickname: 'x' })).toThrowError(expect.objectContaining({ option: 'user.id' }))
    expect(emulator.sessions()[0]!.status).toBe('waiting')
    emulator.confirm(uuid)
    for (const step of [() => emulator.confirm(uuid), () => emulator.scan(uuid), () => emulator.cancel(uuid), () => emulator.expire(uuid)])
      expect(step).toThrowError(expect.objectContaining({ code: 'INVALID_REQUEST' }))
    const other = await openQr(emulator)
    emulator.expire(other)
    emulator.expire(other)
    expect(() => emulator.confirm(other)).toThrowError(expect.objectContaining({ code: 'QR_EXPIRED' }))
    expect(() => emulator.issueCode('wx0123456789abcdef')).toThrowError(expect.objectContaining({ code: 'INVALID_APPID' }))
    expect(emulator.codes()).toHaveLength(1)
  })

  it('expires QRs after qrLifetime seconds', async () => {
    vi.useFakeTimers()
    const emulator = createWechatEmulator({ qrLifetime: 120 })
    const uuid = await openQr(emulator)
    expect(emulator.sessions()[0]!.expiresAt).toBe(Date.now() + 120_000)
    vi.advanceTimersByTime(119_999)
    expect(emulator.sessions()[0]!.status).toBe('waiting')
    vi.advanceTimersByTime(1)
    expect(emulator.sessions()[0]!.status).toBe('expired')
    expect(() => emulator.scan(uuid)).toThrowError(expect.objectContaining({ code: 'QR_EXPIRED' }))
  })

  it('resets sessions, codes, tokens and added users', async () => {
    const test = await startTestEmulator()
    try {
      const code = test.emulator.issueCode(appid, { id: 'temp', nickname: 'Temp' })
      await test.api('/sns/oauth2/access_token', { appid, secret: DEMO_APP.secret, code, grant_type: 'authorization_code' })
      await test.openQr()
      test.emulator.reset()
      expect(test.emulator.sessions()).toEqual([])
      expect(test.emulator.codes()).toEqual([])
      expect(test.emulator.tokens()).toEqual([])
      expect(test.emulator.users().some(user => user.id === 'temp')).toBe(false)
    }
    finally {
      await test.close()
    }
  })

  it('serves wxLogin.js, an index and 404s', async () => {
    const test = await startTestEmulator()
    try {
      const script = await test.get('/connect/zh_CN/htmledition/js/wxLogin.js')
      expect(script.headers.get('content-type')).toBe('application/javascript; charset=utf-8')
      expect(await script.text()).toContain(`"${test.url}/connect/qrconnect"`)
      const index = await (await test.get('/')).text()
      expect(index).toContain(`openBase = apiBase = ${test.url}`)
      expect(index).toContain(DEMO_APP.appid)
      expect(index).not.toContain(DEMO_APP.secret)
      expect((await test.get('/nothing')).status).toBe(404)
      expect((await test.get('/connect/qrconnect', { method: 'POST' })).status).toBe(404)
    }
    finally {
      await test.close()
    }
  })
})

describe('memory bound', () => {
  it('keeps at most maxSessions QR sessions through a flood of 100k QR requests', async () => {
    const emulator = createWechatEmulator({ maxSessions: 500 })
    const request = new Request(`http://127.0.0.1/connect/qrconnect?${qrQuery()}`)
    const first = await openQr(emulator)
    for (let index = 1; index < 100_000; index++)
      await emulator.fetch(request)
    const sessions = emulator.sessions()
    expect(sessions).toHaveLength(500)
    expect(sessions.some(session => session.uuid === first)).toBe(false)
    const poll = await emulator.fetch(new Request(`http://127.0.0.1/connect/l/qrconnect?uuid=${first}`))
    expect(await poll.text()).toContain('=402;')
  }, 120_000)

  it('bounds codes and token grants by the same number', async () => {
    const test = await startTestEmulator({ maxSessions: 50 })
    try {
      for (let index = 0; index < 120; index++) {
        const code = test.emulator.issueCode(appid)
        if (index % 2 === 0)
          await test.api('/sns/oauth2/access_token', { appid, secret: DEMO_APP.secret, code, grant_type: 'authorization_code' })
      }
      expect(test.emulator.codes()).toHaveLength(50)
      expect(test.emulator.tokens()).toHaveLength(50)
    }
    finally {
      await test.close()
    }
  })

  it('keeps at most 1000 users created at run time besides the seed users', () => {
    const emulator = createWechatEmulator()
    for (let index = 0; index <= 1000; index++)
      emulator.addUser({ id: `user-${index}`, nickname: `User ${index}` })
    const ids = emulator.users().map(user => user.id)
    expect(ids).toHaveLength(4 + 1000)
    expect(ids).not.toContain('user-0')
    expect(ids.slice(0, 4)).toEqual(['zhang-wei', 'alice', 'li-na', 'bob'])
  })

  it('sweeps expired sessions, codes and tokens', async () => {
    vi.useFakeTimers()
    const emulator = createWechatEmulator({ qrLifetime: 60 })
    const code = emulator.issueCode(appid)
    await emulator.fetch(new Request(`http://127.0.0.1/sns/oauth2/access_token?appid=${appid}&secret=${DEMO_APP.secret}&code=${emulator.issueCode(appid)}&grant_type=authorization_code`))
    await openQr(emulator)
    const minute = 60_000

    vi.advanceTimersByTime(11 * minute)
    await emulator.fetch(new Request('http://127.0.0.1/'))
    expect(emulator.sessions()).toEqual([])
    // Expired codes answer 42003 for a day before they are forgotten.
    expect(emulator.codes().map(entry => entry.code)).toContain(code)

    vi.advanceTimersByTime(24 * 60 * minute)
    await emulator.fetch(new Request('http://127.0.0.1/'))
    expect(emulator.codes()).toEqual([])
    expect(emulator.tokens()).toHaveLength(1)

    vi.advanceTimersByTime(30 * 24 * 60 * minute)
    await emulator.fetch(new Request('http://127.0.0.1/'))
    expect(emulator.tokens()).toEqual([])
  })

  it('sweeps on a timer while listening', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] })
    const test = await startTestEmulator({ qrLifetime: 60 })
    try {
      await test.openQr()
      vi.setSystemTime(Date.now() + 12 * 60_000)
      expect(test.emulator.sessions()).toHaveLength(1)
      vi.advanceTimersByTime(60_000)
      expect(test.emulator.sessions()).toEqual([])
    }
    finally {
      await test.close()
    }
  })
})

describe('listen', () => {
  it('listens on 127.0.0.1 by default and closes once', async () => {
    const emulator = createWechatEmulator()
    const server = await emulator.listen()
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect((await fetch(`${server.url}/`)).status).toBe(200)
    await Promise.all([server.close(), server.close()])
    await expect(fetch(`${server.url}/`)).rejects.toThrow()
  })

  it('writes the standard reason phrase in the status line', async () => {
    const test = await startTestEmulator()
    const { hostname, port } = new URL(test.url)
    async function statusLine(path: string): Promise<string> {
      const socket = connect(Number(port), hostname)
      socket.setEncoding('latin1')
      socket.end(`GET ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nConnection: close\r\n\r\n`)
      let raw = ''
      for await (const chunk of socket)
        raw += chunk
      return raw.slice(0, raw.indexOf('\r\n'))
    }
    try {
      expect(await statusLine('/')).toBe('HTTP/1.1 200 OK')
      expect(await statusLine('/nowhere')).toBe('HTTP/1.1 404 Not Found')
      expect(await statusLine('/__emulator/sessions/nope/scan')).toBe('HTTP/1.1 404 Not Found')
    }
    finally {
      await test.close()
    }
  })

  it('answers delayed responses when it closes', async () => {
    const test = await startTestEmulator({ faults: { next: [{ delay: 600_000 }] } })
    const pending = test.get('/sns/auth').then(async response => JSON.parse(await response.text()))
    // The one-shot delay leaves the queue when the call starts waiting.
    await vi.waitFor(() => expect(test.emulator.faults().next).toEqual([]))
    await test.close()
    expect(await pending).toMatchObject({ errcode: 41001 })
  })

  it('explains a port in use', async () => {
    const blocker = createServer()
    await new Promise<void>(resolve => blocker.listen(0, '127.0.0.1', resolve))
    const { port } = blocker.address() as { port: number }
    try {
      await expect(createWechatEmulator().listen({ port })).rejects.toMatchObject({ code: 'INVALID_OPTION', option: 'port', message: expect.stringContaining('EADDRINUSE') })
      await expect(createWechatEmulator().listen({ port: -1 })).rejects.toMatchObject({ option: 'port' })
    }
    finally {
      blocker.close()
    }
  })
})
