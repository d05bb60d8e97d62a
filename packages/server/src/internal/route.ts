import type { ResolvedAuthOptions } from '../options'
import type { CodeDeliveries } from './code-deliveries'
import type { ReplayGuard } from './replay-guard'
import type { RequestContext } from './request-context'

/** What the routes of one `createWechatAuth()` share. */
export interface AuthRuntime {
  options: ResolvedAuthOptions
  /** Refuses a state the second time, on this instance or, with a store, on every instance. */
  guard: ReplayGuard
  /** The recent logins' outcomes, for WeChat delivering a code twice. */
  deliveries: CodeDeliveries
  /** Logs `message` as a warning the first time `key` is seen. */
  warnOnce: (key: string, message: string) => void
}

/** One route under `basePath`, in its own file under `routes/`. */
export interface Route {
  method: 'GET' | 'POST'
  /** A route of the built-in session, left to the app with `session: false`. */
  session?: true
  handle: (context: RequestContext, runtime: AuthRuntime) => Promise<Response>
}
