import { describe, expect, it } from 'vitest'
import { safeDecode } from './safe-decode'

describe('safeDecode', () => {
  it('decodes percent escapes', () => {
    expect(safeDecode('a%20b%2F%E5%BE%AE')).toBe('a b/微')
  })

  it.each(['%zz', '%', '%E5%BE', 'a%2'])('keeps the malformed %j as it is', (value) => {
    expect(safeDecode(value)).toBe(value)
  })
})
