import { describe, expect, it } from 'vitest'
import { createState } from './state'
import { assertState } from './validate'

describe('createState', () => {
  it('mints 32 URL-safe characters (24 random bytes) by default', () => {
    const state = createState()
    expect(state).toMatch(/^[\w-]{32}$/)
    expect(() => assertState(state)).not.toThrow()
  })

  it('never repeats', () => {
    const states = new Set(Array.from({ length: 2000 }, () => createState()))
    expect(states.size).toBe(2000)
  })

  it('spans the allowed sizes: 128 bits up to the 128-character limit', () => {
    expect(createState({ bytes: 16 })).toHaveLength(22)
    const longest = createState({ bytes: 96 })
    expect(longest).toHaveLength(128)
    expect(() => assertState(longest)).not.toThrow()
  })

  it.each([8, 15, 97, 20.5, Number.NaN])('rejects %s bytes', (bytes) => {
    expect(() => createState({ bytes })).toThrowError(expect.objectContaining({ code: 'INVALID_OPTION', option: 'bytes' }) as Error)
  })
})
