import type { LoginOutcome } from './login'
import type { RequestContext } from './request-context'

/** What a repeated delivery gets: the first one's outcome and the cookies it set. */
interface KeptLogin {
  outcome: LoginOutcome
  cookies: string[]
}

interface Delivery {
  code: string
  /** Epoch milliseconds. */
  until: number
  /** Settles with the first delivery; `undefined` when it failed. */
  kept: Promise<KeptLogin | undefined>
}

/**
 * WeChat has been seen delivering one callback twice, the same `code` and `state` within moments
 * (spec §5.1): the second must not fail the login that the first completes. Per state, this
 * keeps the first delivery's outcome for a short while, for a repeat from the same browser (it
 * still holds the state's cookie, so it was sent before the first answer arrived).
 */
export interface CodeDeliveries {
  /** Runs `login`, the first delivery of `code` for `state`, and keeps its outcome and the cookies it sets. */
  first: (context: RequestContext, state: string, code: string, login: () => Promise<LoginOutcome>) => Promise<LoginOutcome>
  /**
   * The first delivery's outcome (once it settles) when `code` is the one it delivered for
   * `state`, with its cookies added to `context`; `undefined` when there is none or it failed.
   */
  repeat: (context: RequestContext, state: string, code: string) => Promise<LoginOutcome | undefined>
}

/** A copy the route can answer with, leaving the kept one unread for the next repeat. */
function copyOf(outcome: LoginOutcome): LoginOutcome {
  return 'response' in outcome ? { response: outcome.response.clone() } : outcome
}

/**
 * Deliveries live `window` milliseconds: a repeat carries the state's cookie, which the first
 * answer clears, so it comes within moments or never. In memory, per instance, at most
 * `maxEntries` (the oldest go first).
 */
export function createCodeDeliveries(window = 60_000, maxEntries = 1000): CodeDeliveries {
  const deliveries = new Map<string, Delivery>()

  function prune(now: number): void {
    for (const [state, delivery] of deliveries) {
      if (delivery.until > now && deliveries.size <= maxEntries)
        break
      deliveries.delete(state)
    }
  }

  return {
    first(context, state, code, login) {
      const before = context.setCookies.length
      const pending = login()
      // Registered before the route awaits `pending`, so the app's Response is copied unread.
      const kept = pending.then(outcome => ({ outcome: copyOf(outcome), cookies: context.setCookies.slice(before) }), () => undefined)
      const now = Date.now()
      deliveries.set(state, { code, until: now + window, kept })
      prune(now)
      return pending
    },
    async repeat(context, state, code) {
      const delivery = deliveries.get(state)
      if (!delivery || delivery.code !== code || delivery.until <= Date.now())
        return undefined
      const kept = await delivery.kept
      if (!kept)
        return undefined
      context.setCookies.push(...kept.cookies)
      return copyOf(kept.outcome)
    },
  }
}
