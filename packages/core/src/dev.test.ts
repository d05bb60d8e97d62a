import { afterEach, describe, expect, it, vi } from 'vitest'
import { devOnly, warn } from './dev'

afterEach(() => {
  vi.unstubAllEnvs()
  vi.restoreAllMocks()
})

const explain = (): string | false => process.env.NODE_ENV !== 'production' && 'how to fix it'

describe('devOnly', () => {
  it('gives the development text outside production', () => {
    expect(devOnly(explain)).toBe('how to fix it')
  })

  it('gives nothing in production builds', () => {
    vi.stubEnv('NODE_ENV', 'production')
    expect(devOnly(explain)).toBe(false)
  })

  it('gives nothing instead of failing where there is no `process` (a browser without a bundler)', () => {
    const { process: saved } = globalThis
    Reflect.deleteProperty(globalThis, 'process')
    try {
      expect(typeof process).toBe('undefined')
      expect(devOnly(explain)).toBe(false)
    }
    finally {
      globalThis.process = saved
    }
  })
})

describe('warn', () => {
  it('prints the development text with the prefix, and nothing in production', () => {
    const print = vi.spyOn(console, 'warn').mockImplementation(() => {})
    warn(explain)
    expect(print).toHaveBeenCalledExactlyOnceWith('[wechat-qr-login] how to fix it')
    vi.stubEnv('NODE_ENV', 'production')
    warn(explain)
    expect(print).toHaveBeenCalledOnce()
  })
})
