import { invalidOption } from '@wechat-qr-login/core/internal'

/**
 * A one-shot failure for {@link EmulatorFaults.next}:
 * - `'busy'`: `{"errcode":-1,"errmsg":"system error, rid: …"}` on HTTP 200;
 * - `'server-error'`: HTTP 500 with an HTML body;
 * - `'bad-gateway'`: HTTP 502 with an HTML body;
 * - `'empty'`: HTTP 200 with an empty `text/html; charset=gbk` body;
 * - `'busy-after-use'`: errcode -1 after the call took effect: an exchange uses up its code, so
 *   a retry gets 40163, as WeChat has been seen to do;
 * - `{ delay }`: the answer comes `delay` ms late (for client timeouts).
 */
export type EmulatorFault = 'busy' | 'server-error' | 'bad-gateway' | 'empty' | 'busy-after-use' | { delay: number }

/**
 * Failures injected into the `/sns/*` APIs. A failure answers before the API runs (but
 * `'busy-after-use'`), so a failed exchange does not use up its code and a retry can succeed.
 */
export interface EmulatorFaults {
  /**
   * Share (0 to 1) of API calls answered with errcode -1 (系统繁忙).
   * @default 0
   */
  busyRate?: number
  /**
   * Share (0 to 1) of API calls answered with HTTP 500.
   * @default 0
   */
  serverErrorRate?: number
  /**
   * Share (0 to 1) of API calls answered with an empty body.
   * @default 0
   */
  emptyBodyRate?: number
  /**
   * Milliseconds added to every API call (slow responses).
   * @default 0
   */
  delay?: number
  /**
   * One-shot failures for the next API calls, in order, before the rates apply. Deterministic,
   * so retry tests need no randomness: `setFaults({ next: ['busy'] })` fails exactly one call.
   * @default []
   */
  next?: EmulatorFault[]
  /**
   * WeChat delivers an Official Account's code twice: before redirecting the browser, the
   * emulator requests the callback URL itself (no cookies, as from WeChat's servers), then
   * redirects the browser with the same code and state.
   * @default false
   */
  duplicateCallback?: boolean
}

/** A failure chosen for one API call. */
export type InjectedFault = Exclude<EmulatorFault, { delay: number }>

const FAULT_NAMES = new Set<unknown>(['busy', 'server-error', 'bad-gateway', 'empty', 'busy-after-use'])

function assertRate(value: unknown, option: string): void {
  if (value !== undefined && (typeof value !== 'number' || !(value >= 0 && value <= 1)))
    throw invalidOption(option, 'expected a share between 0 (never) and 1 (always).')
}

function assertDelay(value: unknown, option: string): void {
  if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value < 0))
    throw invalidOption(option, 'expected milliseconds, 0 or more.')
}

/**
 * Checks a faults object.
 * @throws {WechatLoginError} `INVALID_OPTION` naming the field at fault.
 */
export function assertFaults(faults: unknown, option: string): asserts faults is EmulatorFaults {
  if (typeof faults !== 'object' || faults === null || Array.isArray(faults))
    throw invalidOption(option, 'expected an object such as { busyRate: 0.1, next: [\'busy\'] }.')
  const { busyRate, serverErrorRate, emptyBodyRate, delay, next, duplicateCallback } = faults as Record<string, unknown>
  if (duplicateCallback !== undefined && typeof duplicateCallback !== 'boolean')
    throw invalidOption(`${option}.duplicateCallback`, 'expected true or false.')
  assertRate(busyRate, `${option}.busyRate`)
  assertRate(serverErrorRate, `${option}.serverErrorRate`)
  assertRate(emptyBodyRate, `${option}.emptyBodyRate`)
  assertDelay(delay, `${option}.delay`)
  if (next === undefined)
    return
  if (!Array.isArray(next))
    throw invalidOption(`${option}.next`, 'expected an array of one-shot faults.')
  next.forEach((fault: unknown, index) => {
    if (typeof fault === 'object' && fault !== null && !Array.isArray(fault))
      assertDelay((fault as { delay?: unknown }).delay ?? -1, `${option}.next[${index}].delay`)
    else if (!FAULT_NAMES.has(fault))
      throw invalidOption(`${option}.next[${index}]`, 'expected \'busy\', \'server-error\', \'bad-gateway\', \'empty\', \'busy-after-use\' or { delay: ms }.')
  })
}

/** Chooses the failure, if any, of each API call. */
export interface FaultInjector {
  /** The faults in force, with what is left of the `next` queue. */
  current: () => EmulatorFaults
  /** Replaces the faults in force. */
  set: (faults: EmulatorFaults) => void
  /** Waits the injected delays, then returns the failure for this call (or none). */
  pick: () => Promise<InjectedFault | undefined>
}

/** Creates the fault injector, starting from `initial`. */
export function createFaultInjector(initial: EmulatorFaults, sleep: (ms: number) => Promise<void>): FaultInjector {
  let faults: EmulatorFaults = {}
  let queue: EmulatorFault[] = []

  function set(next: EmulatorFaults): void {
    assertFaults(next, 'faults')
    faults = { ...next }
    queue = [...(next.next ?? [])]
  }

  function draw(rate: number | undefined): boolean {
    return rate !== undefined && rate > 0 && Math.random() < rate
  }

  async function pick(): Promise<InjectedFault | undefined> {
    const oneShot = queue.shift()
    if (typeof oneShot === 'string')
      return oneShot
    const delay = (faults.delay ?? 0) + (oneShot?.delay ?? 0)
    if (delay > 0)
      await sleep(delay)
    if (oneShot)
      return undefined
    if (draw(faults.busyRate))
      return 'busy'
    if (draw(faults.serverErrorRate))
      return 'server-error'
    if (draw(faults.emptyBodyRate))
      return 'empty'
    return undefined
  }

  set(initial)
  return {
    current: () => ({ ...faults, next: [...queue] }),
    set,
    pick,
  }
}
