import { useTestEmulator } from '@wechat-qr-login/test-utils/emulator'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createWechatEmulator, DEMO_APP } from './index'

const { appid, secret } = DEMO_APP

const test = useTestEmulator()
afterEach(() => {
  vi.restoreAllMocks()
})

function exchangePath(code: string): string {
  return `/sns/oauth2/access_token?appid=${appid}&secret=${secret}&code=${code}&grant_type=authorization_code`
}

describe('fault injection', () => {
  it('answers errcode -1 at busyRate, and nothing once the rate is back to 0', async () => {
    const code = test.emulator.issueCode(appid)
    test.emulator.setFaults({ busyRate: 1 })
    const busy = await test.get(exchangePath(code))
    expect(busy.status).toBe(200)
    expect(JSON.parse(await busy.text())).toEqual({ errcode: -1, errmsg: expect.stringMatching(/^system error, rid: /) })
    test.emulator.setFaults({ busyRate: 0 })
    expect(JSON.parse(await (await test.get(exchangePath(code))).text())).toHaveProperty('access_token')
  })

  it('draws each rate with Math.random', async () => {
    test.emulator.setFaults({ busyRate: 0.5 })
    const random = vi.spyOn(Math, 'random').mockReturnValueOnce(0.49).mockReturnValueOnce(0.5)
    expect(JSON.parse(await (await test.get('/sns/auth')).text())).toMatchObject({ errcode: -1 })
    expect(JSON.parse(await (await test.get('/sns/auth')).text())).toMatchObject({ errcode: 41001 })
    expect(random).toHaveBeenCalledTimes(2)
  })

  it('answers HTTP 500 at serverErrorRate and an empty body at emptyBodyRate', async () => {
    test.emulator.setFaults({ serverErrorRate: 1 })
    const failed = await test.get('/sns/userinfo')
    expect(failed.status).toBe(500)
    expect(failed.headers.get('content-type')).toBe('text/html')
    test.emulator.setFaults({ emptyBodyRate: 1 })
    const empty = await test.get('/sns/userinfo')
    expect(empty.status).toBe(200)
    expect(empty.headers.get('content-type')).toBe('text/html; charset=gbk')
    expect(await empty.text()).toBe('')
  })

  it('plays the next queue once, in order, before the rates', async () => {
    const code = test.emulator.issueCode(appid)
    test.emulator.setFaults({ next: ['busy', 'empty', 'bad-gateway', 'server-error'] })
    expect(JSON.parse(await (await test.get(exchangePath(code))).text())).toMatchObject({ errcode: -1 })
    expect(await (await test.get(exchangePath(code))).text()).toBe('')
    expect((await test.get(exchangePath(code))).status).toBe(502)
    expect(test.emulator.faults()).toEqual({ next: ['server-error'] })
    expect((await test.get(exchangePath(code))).status).toBe(500)
    // A fault answers before the API runs, so the code survived four failures.
    expect(JSON.parse(await (await test.get(exchangePath(code))).text())).toHaveProperty('access_token')
    expect(test.emulator.faults()).toEqual({ next: [] })
  })

  it('applies only to the /sns/* APIs', async () => {
    test.emulator.setFaults({ busyRate: 1, serverErrorRate: 1 })
    expect((await test.get(`/connect/qrconnect?appid=${appid}`)).status).toBe(200)
    expect((await test.get('/connect/zh_CN/htmledition/js/wxLogin.js')).status).toBe(200)
  })

  it('delays answers by delay and by a one-shot { delay }', async () => {
    vi.useFakeTimers()
    const emulator = createWechatEmulator({ faults: { delay: 1000, next: [{ delay: 5000 }] } })
    let settled = false
    const slow = emulator.fetch(new Request('http://127.0.0.1/sns/auth')).finally(() => {
      settled = true
    })
    await vi.advanceTimersByTimeAsync(5999)
    expect(settled).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(JSON.parse(await (await slow).text())).toMatchObject({ errcode: 41001 })

    settled = false
    const next = emulator.fetch(new Request('http://127.0.0.1/sns/auth')).finally(() => {
      settled = true
    })
    await vi.advanceTimersByTimeAsync(999)
    expect(settled).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    await next
  })

  it('adds latency to every response', async () => {
    vi.useFakeTimers()
    const emulator = createWechatEmulator({ latency: 300 })
    let settled = false
    const pending = emulator.fetch(new Request('http://127.0.0.1/connect/zh_CN/htmledition/js/wxLogin.js')).finally(() => {
      settled = true
    })
    await vi.advanceTimersByTimeAsync(299)
    expect(settled).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect((await pending).status).toBe(200)
  })

  it('refuses bad faults and keeps the ones in force', () => {
    test.emulator.setFaults({ busyRate: 0.25 })
    expect(() => test.emulator.setFaults({ busyRate: 2 })).toThrowError(expect.objectContaining({ code: 'INVALID_OPTION', option: 'faults.busyRate' }))
    expect(() => test.emulator.setFaults({ delay: -1 })).toThrowError(expect.objectContaining({ option: 'faults.delay' }))
    expect(() => test.emulator.setFaults({ next: ['boom' as never] })).toThrowError(expect.objectContaining({ option: 'faults.next[0]' }))
    expect(() => test.emulator.setFaults({ next: [{ delay: Number.NaN }] })).toThrowError(expect.objectContaining({ option: 'faults.next[0].delay' }))
    expect(() => test.emulator.setFaults(null as never)).toThrowError(expect.objectContaining({ option: 'faults' }))
    expect(test.emulator.faults()).toEqual({ busyRate: 0.25, next: [] })
  })

  it('returns to the options\' faults on reset', async () => {
    const emulator = createWechatEmulator({ faults: { emptyBodyRate: 1 } })
    emulator.setFaults({})
    emulator.reset()
    expect(emulator.faults()).toEqual({ emptyBodyRate: 1, next: [] })
  })
})
