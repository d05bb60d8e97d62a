import { afterEach, describe, expect, it, vi } from 'vitest'
import { bareMessage, WechatLoginError } from './login-error'

afterEach(() => {
  vi.unstubAllEnvs()
})

describe('WechatLoginError', () => {
  it('links to the docs section of its code in development', () => {
    expect(new WechatLoginError('STATE_MISMATCH', 'The state is unknown.').message).toBe('[wechat-qr-login] The state is unknown.\nSee https://wechat-qr-login.github.io/reference/errors#state_mismatch')
  })

  it('stays short in production: no link', () => {
    vi.stubEnv('NODE_ENV', 'production')
    expect(new WechatLoginError('STATE_MISMATCH', 'The state is unknown.').message).toBe('[wechat-qr-login] The state is unknown.')
  })

  it('links once, to its own code, when built from another error\'s message', () => {
    const inner = new WechatLoginError('INVALID_BASE_URL', 'Invalid "publicUrl".')
    const outer = new WechatLoginError('INVALID_OPTION', `${bareMessage(inner.message)} Run --help.`)
    expect(outer.message).toBe('[wechat-qr-login] Invalid "publicUrl". Run --help.\nSee https://wechat-qr-login.github.io/reference/errors#invalid_option')
    expect(new WechatLoginError('TIMEOUT', `${inner.message.slice(18)} Again.`).message).toBe('[wechat-qr-login] Invalid "publicUrl". Again.\nSee https://wechat-qr-login.github.io/reference/errors#timeout')
  })
})

describe('bareMessage', () => {
  it('gives back the text an error was built with, without the prefix and the docs link', () => {
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
