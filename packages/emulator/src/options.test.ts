import { assertAppid } from '@wechat-qr-login/core'
import { describe, expect, it } from 'vitest'
import { createWechatEmulator, DEMO_APP, DEMO_USERS } from './index'

describe('DEMO_APP and DEMO_USERS', () => {
  it('is a valid-shaped app on localhost with unionids', () => {
    expect(() => assertAppid(DEMO_APP.appid)).not.toThrow()
    expect(DEMO_APP).toMatchObject({ callbackDomain: 'localhost', openPlatformId: expect.any(String) })
    expect(Object.isFrozen(DEMO_APP)).toBe(true)
  })

  it('has Chinese and English nicknames, one user without unionid and one without avatar', () => {
    expect(DEMO_USERS.some(user => /[\u4E00-\u9FFF]/.test(user.nickname))).toBe(true)
    expect(DEMO_USERS.some(user => /^[a-z ]+$/i.test(user.nickname))).toBe(true)
    expect(DEMO_USERS.filter(user => user.unionid === false)).toHaveLength(1)
    expect(DEMO_USERS.filter(user => user.avatar === '')).toHaveLength(1)
    expect(new Set(DEMO_USERS.map(user => user.id)).size).toBe(DEMO_USERS.length)
  })
})

describe('createWechatEmulator options', () => {
  it.each([
    [{ apps: [] }, 'apps'],
    [{ apps: [{ ...DEMO_APP, secret: '' }] }, 'apps[0].secret'],
    [{ apps: [{ ...DEMO_APP, callbackDomain: 'https://localhost' }] }, 'apps[0].callbackDomain'],
    [{ apps: [{ ...DEMO_APP, callbackDomain: 'localhost:5173' }] }, 'apps[0].callbackDomain'],
    [{ apps: [{ ...DEMO_APP, callbackDomain: 'example.com/cb' }] }, 'apps[0].callbackDomain'],
    [{ apps: [{ ...DEMO_APP, callbackDomain: [] }] }, 'apps[0].callbackDomain'],
    [{ apps: [{ ...DEMO_APP, callbackDomain: ['localhost', 'localhost:5173'] }] }, 'apps[0].callbackDomain'],
    [{ apps: [DEMO_APP, DEMO_APP] }, 'apps[1].appid'],
    [{ apps: [{ ...DEMO_APP, openPlatformId: '' }] }, 'apps[0].openPlatformId'],
    [{ users: [{ id: 'a', nickname: '' }] }, 'users[0].nickname'],
    [{ users: [{ id: 'a', nickname: 'A', avatar: 'ftp://x/y.png' }] }, 'users[0].avatar'],
    [{ users: [{ id: 'a', nickname: 'A', unionid: 'no' }] }, 'users[0].unionid'],
    [{ users: [{ id: 'a', nickname: 'A', sex: 3 }] }, 'users[0].sex'],
    [{ users: [{ id: 'a', nickname: 'A' }, { id: 'a', nickname: 'B' }] }, 'users[1].id'],
    [{ qrLifetime: 0 }, 'qrLifetime'],
    [{ longPollTimeout: Number.NaN }, 'longPollTimeout'],
    [{ latency: -1 }, 'latency'],
    [{ maxSessions: 1.5 }, 'maxSessions'],
    [{ strict: 'yes' }, 'strict'],
    [{ allowSubdomains: 1 }, 'allowSubdomains'],
    [{ blankProfile: null }, 'blankProfile'],
    [{ faults: { serverErrorRate: -0.1 } }, 'faults.serverErrorRate'],
    [{ apiContentType: '' }, 'apiContentType'],
  ])('refuses %o naming %s', (options, option) => {
    expect(() => createWechatEmulator(options as never)).toThrowError(expect.objectContaining({ name: 'WechatLoginError', code: 'INVALID_OPTION', option }))
  })

  it('refuses a malformed appid and publicUrl with core\'s errors', () => {
    expect(() => createWechatEmulator({ apps: [{ ...DEMO_APP, appid: 'wx123' }] })).toThrowError(expect.objectContaining({ code: 'INVALID_APPID', option: 'apps[0].appid' }))
    expect(() => createWechatEmulator({ publicUrl: 'phone.local' })).toThrowError(expect.objectContaining({ code: 'INVALID_BASE_URL', option: 'publicUrl' }))
    expect(() => createWechatEmulator({ publicUrl: 42 as never })).toThrowError(expect.objectContaining({ code: 'INVALID_BASE_URL', option: 'publicUrl' }))
  })

  it('accepts an emulator without users and says so on confirm', async () => {
    const emulator = createWechatEmulator({ users: [] })
    expect(() => emulator.issueCode(DEMO_APP.appid)).toThrowError(expect.objectContaining({ option: 'user', message: expect.stringContaining('no users') }))
    expect(emulator.issueCode(DEMO_APP.appid, { id: 'x', nickname: 'X' })).toMatch(/^\w{32}$/)
  })
})
