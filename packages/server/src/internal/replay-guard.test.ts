import { afterEach, describe, expect, it, vi } from 'vitest'
import { createReplayGuard } from './replay-guard'

describe('createReplayGuard', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('accepts a key once until it expires', () => {
    vi.useFakeTimers()
    const guard = createReplayGuard()
    const expiresAt = Date.now() + 1000
    expect(guard.use('a', expiresAt)).toBe(true)
    expect(guard.use('a', expiresAt)).toBe(false)
    expect(guard.use('b', expiresAt)).toBe(true)
    vi.setSystemTime(expiresAt)
    expect(guard.use('a', expiresAt + 1000)).toBe(true)
  })

  it('stays within its bound, dropping expired keys first, then the oldest', () => {
    vi.useFakeTimers()
    const guard = createReplayGuard(3)
    const now = Date.now()
    guard.use('expired', now + 10)
    guard.use('old', now + 10_000)
    guard.use('mid', now + 10_000)
    vi.setSystemTime(now + 20)
    guard.use('new', now + 10_000)
    expect(guard.use('old', now + 10_000)).toBe(false)
    guard.use('newer', now + 10_000)
    expect(guard.use('new', now + 10_000)).toBe(false)
    expect(guard.use('old', now + 10_000)).toBe(true)
  })
})
