import { describe, expect, it } from 'vitest'
import { isLoginMode, LOGIN_MODES } from './login-mode'

describe('isLoginMode', () => {
  it.each(LOGIN_MODES)('accepts %s', (mode) => {
    expect(isLoginMode(mode)).toBe(true)
  })

  it.each(['popup', 'Embedded', '', undefined, 1])('refuses %j', (value) => {
    expect(isLoginMode(value)).toBe(false)
  })
})
