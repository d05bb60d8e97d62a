import { describe, expect, it } from 'vitest'
import { createState } from './state'
import { assertState } from './validate'

describe('createState', () => {
  it('mints 32 letters and digits by default: valid for the QR login and an Official Account alike', () => {
    const state = createState()
    expect(state).toMatch(/^[A-Z0-9]{32}$/i)
    expect(() => assertState(state)).not.toThrow()
  })

  it('uses every letter and digit', () => {
    const seen = new Set(Array.from({ length: 200 }, () => createState()).join(''))
    expect(seen.size).toBe(62)
  })

  it('never repeats', () => {
    const states = new Set(Array.from({ length: 2000 }, () => createState()))
    expect(states.size).toBe(2000)
  })

  it('spans the allowed sizes: 128 bits up to the 128-character limit', () => {
    expect(createState({ bytes: 16 })).toHaveLength(22)
    const longest = createState({ bytes: 96 })
    expect(longest).toMatch(/^[A-Z0-9]{128}$/i)
    expect(() => assertState(longest)).not.toThrow()
  })

  it.each([8, 15, 97, 20.5, Number.NaN])('rejects %s bytes', (bytes) => {
    expect(() => createState({ bytes })).toThrowError(expect.objectContaining({ code: 'INVALID_OPTION', option: 'bytes' }) as Error)
  })
})
