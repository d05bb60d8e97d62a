import { afterEach, describe, expect, it, vi } from 'vitest'
import { devOnly, warn } from './dev'

afterEach(() => {
  vi.unstubAllEnvs()
  vi.restoreAllMocks()
})

function explanation(): string | false {
  return devOnly(() => __DEV__ && 'how to fix it')
}

describe('devOnly', () => {
  it('gives the development text outside production', () => {
    expect(explanation()).toBe('how to fix it')
  })

  it('gives nothing in production builds', () => {
    vi.stubEnv('NODE_ENV', 'production')
    expect(explanation()).toBe(false)
  })

  it('gives nothing instead of failing where there is no `process` (a browser without a bundler)', () => {
    const { process: saved } = globalThis
    Reflect.deleteProperty(globalThis, 'process')
    try {
      expect(typeof process).toBe('undefined')
      expect(explanation()).toBe(false)
    }
    finally {
      globalThis.process = saved
    }
  })
})

describe('warn', () => {
  it('prints the development text with the prefix, and nothing in production', () => {
    const print = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const explain = (): void => warn(() => __DEV__ && 'how to fix it')
    explain()
    expect(print).toHaveBeenCalledExactlyOnceWith('[wechat-qr-login] how to fix it')
    vi.stubEnv('NODE_ENV', 'production')
    explain()
    expect(print).toHaveBeenCalledOnce()
  })
})
