import { describe, expect, it } from 'vitest'
import { createRelayMessage, isRelayMessage } from './relay-message'

describe('isRelayMessage', () => {
  it.each([
    createRelayMessage('S1', { type: 'authenticated' }),
    createRelayMessage('S1', { type: 'authenticated', user: { id: 'u', openid: 'o', nickname: 'n', avatar: '' } }),
    createRelayMessage('S1', { type: 'code', code: 'C1' }),
    createRelayMessage('S1', { type: 'denied' }),
    createRelayMessage('S1', { type: 'error', code: 'STATE_MISMATCH' }),
  ])('accepts %j', (message) => {
    expect(isRelayMessage(message)).toBe(true)
    expect(isRelayMessage(JSON.parse(JSON.stringify(message)))).toBe(true)
  })

  it.each([
    ['null', null],
    ['a string', 'wechat-qr-login'],
    ['another source', { source: 'other', version: 1, state: 'S', result: { type: 'denied' } }],
    ['another version', { source: 'wechat-qr-login', version: 2, state: 'S', result: { type: 'denied' } }],
    ['no state', { source: 'wechat-qr-login', version: 1, result: { type: 'denied' } }],
    ['no result', { source: 'wechat-qr-login', version: 1, state: 'S' }],
    ['an unknown result', { source: 'wechat-qr-login', version: 1, state: 'S', result: { type: 'granted' } }],
    ['a code result without code', { source: 'wechat-qr-login', version: 1, state: 'S', result: { type: 'code', code: '' } }],
    ['an error result without code', { source: 'wechat-qr-login', version: 1, state: 'S', result: { type: 'error' } }],
  ])('rejects %s', (_, data) => {
    expect(isRelayMessage(data)).toBe(false)
  })
})
