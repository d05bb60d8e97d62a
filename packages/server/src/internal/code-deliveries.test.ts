import type { LoginOutcome } from './login'
import type { RequestContext } from './request-context'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createCodeDeliveries } from './code-deliveries'

const user = { id: 'unionid:u', openid: 'o', nickname: 'n', avatar: '' }

function context(): RequestContext {
  return { setCookies: ['wechat_state_S=; Max-Age=0'] } as RequestContext
}

/** A login that sets a session cookie, as `completeLogin` does. */
function login(target: RequestContext, outcome: LoginOutcome = { user, expiresAt: 1 }): () => Promise<LoginOutcome> {
  return async () => {
    target.setCookies.push('wechat_session=sealed')
    return outcome
  }
}

describe('createCodeDeliveries', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('gives a repeat of the same code for the same state the first delivery\'s outcome and session cookie', async () => {
    const deliveries = createCodeDeliveries()
    const first = context()
    const pending = deliveries.first(first, 'S', 'code-1', login(first))
    // The repeat arrives while the first is still exchanging the code.
    const repeat = context()
    const repeated = deliveries.repeat(repeat, 'S', 'code-1')
    expect(await pending).toEqual({ user, expiresAt: 1 })
    expect(await repeated).toEqual({ user, expiresAt: 1 })
    expect(repeat.setCookies).toEqual(['wechat_state_S=; Max-Age=0', 'wechat_session=sealed'])
  })

  it('gives nothing for another code, another state, a failed first delivery, or after the window', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const deliveries = createCodeDeliveries(1000)
    const first = context()
    await deliveries.first(first, 'S', 'code-1', login(first))
    expect(await deliveries.repeat(context(), 'S', 'code-2')).toBeUndefined()
    expect(await deliveries.repeat(context(), 'T', 'code-1')).toBeUndefined()
    await expect(deliveries.first(context(), 'F', 'code-3', () => Promise.reject(new Error('40163')))).rejects.toThrow('40163')
    expect(await deliveries.repeat(context(), 'F', 'code-3')).toBeUndefined()
    vi.setSystemTime(Date.now() + 1000)
    const late = context()
    expect(await deliveries.repeat(late, 'S', 'code-1')).toBeUndefined()
    expect(late.setCookies).toHaveLength(1)
  })

  it('gives every repeat its own copy of the app\'s Response, unread', async () => {
    const deliveries = createCodeDeliveries()
    const first = context()
    const answered = await deliveries.first(first, 'S', 'code-1', async () => ({ response: new Response('welcome', { status: 201 }) }))
    expect(await (answered as { response: Response }).response.text()).toBe('welcome')
    for (let i = 0; i < 2; i++) {
      const repeated = await deliveries.repeat(context(), 'S', 'code-1') as { response: Response }
      expect(repeated.response.status).toBe(201)
      expect(await repeated.response.text()).toBe('welcome')
    }
  })

  it('keeps at most maxEntries deliveries, the newest', async () => {
    const deliveries = createCodeDeliveries(60_000, 2)
    for (const state of ['A', 'B', 'C']) {
      const target = context()
      await deliveries.first(target, state, `code-${state}`, login(target))
    }
    expect(await deliveries.repeat(context(), 'A', 'code-A')).toBeUndefined()
    expect(await deliveries.repeat(context(), 'C', 'code-C')).toBeDefined()
  })
})
