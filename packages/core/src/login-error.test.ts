import { describe, expect, it } from 'vitest'
import { bareMessage, WechatLoginError } from './login-error'

describe('bareMessage', () => {
  it('gives back the text an error was built with', () => {
    expect(bareMessage(new WechatLoginError('TIMEOUT', 'GET /state timed out.').message)).toBe('GET /state timed out.')
  })

  it('keeps a message without the prefix, and a prefix further in', () => {
    expect(bareMessage('Not signed in.')).toBe('Not signed in.')
    expect(bareMessage('Quoted: [wechat-qr-login] x')).toBe('Quoted: [wechat-qr-login] x')
  })

  it.each([undefined, null, 42, {}])('gives an empty text for %j', (value) => {
    expect(bareMessage(value)).toBe('')
  })
})
