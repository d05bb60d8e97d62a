import { afterEach, describe, expect, it, vi } from 'vitest'
import { invalidOption } from './invalid-option'

afterEach(() => {
  vi.unstubAllEnvs()
})

describe('invalidOption', () => {
  it('names the option and says the fix, as INVALID_OPTION by default', () => {
    const error = invalidOption('timeout', 'expected milliseconds above 0.')
    expect(error).toMatchObject({ code: 'INVALID_OPTION', option: 'timeout', message: '[wechat-qr-login] Invalid "timeout": expected milliseconds above 0.\nSee https://wechat-qr-login.github.io/reference/errors#invalid_option' })
  })

  it('takes another code', () => {
    expect(invalidOption('appid', 'copy it from the console.', 'INVALID_APPID').code).toBe('INVALID_APPID')
  })

  it('leaves a development-only fix out of production builds', () => {
    const fix = (): Error => invalidOption('mode', () => __DEV__ && 'use "embedded", "new-window" or "redirect".')
    expect(fix().message).toBe('[wechat-qr-login] Invalid "mode": use "embedded", "new-window" or "redirect".\nSee https://wechat-qr-login.github.io/reference/errors#invalid_option')
    vi.stubEnv('NODE_ENV', 'production')
    expect(fix().message).toBe('[wechat-qr-login] Invalid "mode".')
  })

  it('always says a fix given as text: server-side messages keep it in production', () => {
    vi.stubEnv('NODE_ENV', 'production')
    expect(invalidOption('secret', 'expected a non-empty string.').message).toContain('expected a non-empty string.')
  })
})
