import { afterEach, describe, expect, it, vi } from 'vitest'
import { createPendingLogins, navigatesTopWindow, readStoredLogin } from './pending-logins'

afterEach(() => {
  sessionStorage.clear()
  vi.useRealTimers()
})

const login = { state: 'state-0123456789abcdef', expiresAt: Date.now() + 60_000, mode: 'redirect' as const, origin: 'http://localhost:3000' }

describe('navigatesTopWindow', () => {
  it('is true for redirect mode and embedded without selfRedirect', () => {
    expect(navigatesTopWindow({ mode: 'redirect' })).toBe(true)
    expect(navigatesTopWindow({ mode: 'embedded' })).toBe(true)
    expect(navigatesTopWindow({ mode: 'embedded', selfRedirect: true })).toBe(false)
    expect(navigatesTopWindow({ mode: 'new-window' })).toBe(false)
  })
})

describe('createPendingLogins', () => {
  it('keeps a state for this page at once and for later pages of the tab after the current task', async () => {
    const pending = createPendingLogins()
    pending.add(login)
    expect(pending.get(login.state)).toBe(login)
    expect(readStoredLogin(login.state)).toBeUndefined()
    await Promise.resolve()
    expect(readStoredLogin(login.state)).toEqual(login)
    expect(createPendingLogins().get(login.state)).toEqual(login)
  })

  it('uses a state up once', async () => {
    const pending = createPendingLogins()
    pending.add(login)
    await Promise.resolve()
    expect(pending.take(login.state)).toBe(login)
    expect(pending.take(login.state)).toBeUndefined()
    expect(createPendingLogins().get(login.state)).toBeUndefined()
  })

  it('tells a later page that a login navigating the whole tab is on its way back, until it expires', async () => {
    vi.useFakeTimers()
    const pending = createPendingLogins()
    pending.add({ ...login, expiresAt: Date.now() + 60_000 })
    await Promise.resolve()
    expect(pending.returning()).toBe(false)
    expect(createPendingLogins().returning()).toBe(true)
    vi.advanceTimersByTime(60_000)
    expect(createPendingLogins().returning()).toBe(false)
    expect(sessionStorage.length).toBe(0)
  })

  it('does not count a relayed login as one that comes back', async () => {
    createPendingLogins().add({ ...login, mode: 'embedded', selfRedirect: true })
    createPendingLogins().add({ ...login, state: 'popup-state-0123456789', mode: 'new-window' })
    await Promise.resolve()
    expect(createPendingLogins().returning()).toBe(false)
  })
})
