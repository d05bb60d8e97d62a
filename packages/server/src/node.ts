export { toNodeMiddleware, toWebRequest } from './node-middleware'
export type { NodeMiddleware, OptionalFetchHandler } from './node-middleware'
export { requireSession } from './node-require-session'
export type { NodeGuard } from './node-require-session'
