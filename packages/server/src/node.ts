export { toNodeMiddleware, toWebRequest } from './node-middleware'
export type { NodeMiddleware, OptionalFetchHandler } from './node-middleware'
