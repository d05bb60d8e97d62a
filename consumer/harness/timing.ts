/**
 * What the consumer project costs, shared by its global setup and the reporter (both run in
 * Vitest's main process).
 */
export const CONSUMER_TIMING: { setupMs: number, packed: boolean } = (globalThis as { __wechatQrLoginConsumerTiming?: { setupMs: number, packed: boolean } }).__wechatQrLoginConsumerTiming ??= { setupMs: 0, packed: false }
