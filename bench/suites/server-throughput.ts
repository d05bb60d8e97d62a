import type { Buffer } from 'node:buffer'
import type { ChildProcess } from 'node:child_process'
import type { IncomingHttpHeaders } from 'node:http'
import type { ServerReply, ServerRequest } from '../fixtures/auth-server'
import type { GoalResult, Suite, SuiteResult } from '../lib/suite'
import type { Table } from '../lib/table'
import { fork } from 'node:child_process'
import { once } from 'node:events'
import { Agent, request } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { join } from 'node:path'
import process from 'node:process'
import { setTimeout as sleep } from 'node:timers/promises'
import { createWechatEmulator, DEMO_APP } from '@wechat-qr-login/emulator'
import { createWechatAuth } from '@wechat-qr-login/server'
import { toNodeMiddleware } from '@wechat-qr-login/server/node'
import { selfSignedCertificate } from '../fixtures/tls'
import { formatInt, formatMs, formatRatio, goal } from '../lib/format'
import { BENCH_DIR, TMP_DIR } from '../lib/paths'
import { median, percentile } from '../lib/stats'

const VARIANTS = [
  { id: 'ours-node', label: 'wechat-qr-login server, node:http' },
  { id: 'ours-express', label: 'wechat-qr-login server, in Express 5' },
  { id: 'ours-fetch', label: 'wechat-qr-login server, node:http, WeChat called with the global fetch' },
  { id: 'passport', label: 'passport-wechat + Express 5 + express-session (baseline)' },
  { id: 'passport-keepalive', label: 'same baseline, wechat-oauth given a keep-alive agent' },
] as const

type VariantId = typeof VARIANTS[number]['id']

const CONCURRENCY = [1, 50] as const

/** How the servers reach the emulator's API: plain http on loopback, or TLS as api.weixin.qq.com is. */
const APIS = [
  { id: 'http', title: 'WeChat\'s API over http' },
  { id: 'https', title: 'WeChat\'s API over TLS (self-signed, trusted by the servers)' },
] as const

type ApiId = typeof APIS[number]['id']

interface HttpAnswer {
  status: number
  headers: IncomingHttpHeaders
}

/** One GET on a keep-alive agent; the body is drained and ignored. */
function get(agent: Agent, url: string, cookie?: string): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers: cookie ? { cookie } : {} }, (res) => {
      res.resume()
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })
}

/** `name=value` pairs of the Set-Cookie headers, as a Cookie header. */
function cookieHeader(headers: IncomingHttpHeaders): string {
  return (headers['set-cookie'] ?? []).map(cookie => cookie.split(';')[0]).join('; ')
}

/** A server process and a way to read its CPU time. */
interface ServerProcess {
  url: string
  cpu: () => Promise<{ user: number, system: number, rss: number }>
  close: () => Promise<void>
}

async function startServer(variant: VariantId, emulatorUrl: string, certPath: string): Promise<ServerProcess> {
  const child: ChildProcess = fork(join(BENCH_DIR, 'fixtures/auth-server.ts'), [variant, emulatorUrl], {
    cwd: BENCH_DIR,
    // BENCH_PROFILE=1 writes a V8 CPU profile per server to .tmp/profiles (open in Chrome DevTools).
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${join(TMP_DIR, 'profiles')}`] : [])],
    env: { ...process.env, NODE_ENV: 'production', NODE_EXTRA_CA_CERTS: certPath },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  })
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`server "${variant}" exited (${code}): ${stderr.trim().slice(-2000)}`)
  })
  exited.catch(() => {})
  const pending = new Map<number, (reply: Extract<ServerReply, { type: 'cpu' }>) => void>()
  let nextId = 0
  const listening = new Promise<string>((resolve) => {
    child.on('message', (message: ServerReply) => {
      if (message.type === 'listening')
        resolve(message.url)
      else
        pending.get(message.id)?.(message)
    })
  })
  const url = await Promise.race([listening, exited])
  return {
    url,
    cpu: () => new Promise((resolve) => {
      const id = nextId++
      pending.set(id, (reply) => {
        pending.delete(id)
        resolve(reply)
      })
      child.send({ type: 'cpu', id } satisfies ServerRequest)
    }),
    async close() {
      if (child.exitCode !== null)
        return
      const exit = once(child, 'exit')
      child.disconnect()
      await exit
    },
  }
}

/** One measured window. */
interface Window {
  loginsPerSecond: number
  p50: number
  p99: number
  cpuPerLogin: number
  serverBusy: number
  failures: number
  completed: number
}

type Login = (agent: Agent) => Promise<boolean>

async function measureWindow(login: Login, concurrency: number, server: ServerProcess, warmupMs: number, windowMs: number): Promise<Window> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency })
  const phase = { measuring: false, stopping: false }
  let windowStart = 0
  let windowEnd = Number.POSITIVE_INFINITY
  const latencies: number[] = []
  let failures = 0
  const worker = async (): Promise<void> => {
    while (!phase.stopping) {
      const start = performance.now()
      const ok = await login(agent).catch(() => false)
      const end = performance.now()
      if (phase.measuring && start >= windowStart && end <= windowEnd) {
        if (ok)
          latencies.push(end - start)
        else
          failures++
      }
    }
  }
  const workers = Array.from({ length: concurrency }, worker)
  await sleep(warmupMs)
  const cpuBefore = await server.cpu()
  windowStart = performance.now()
  phase.measuring = true
  await sleep(windowMs)
  windowEnd = performance.now()
  const cpuAfter = await server.cpu()
  phase.stopping = true
  await Promise.all(workers)
  agent.destroy()
  const elapsed = (windowEnd - windowStart) / 1000
  const cpuMicros = (cpuAfter.user - cpuBefore.user) + (cpuAfter.system - cpuBefore.system)
  // Logins that started before the window and ended inside it did work in it too: count the
  // CPU against every login that completed in the window (both variants are treated alike).
  const completedInWindow = latencies.length
  return {
    loginsPerSecond: completedInWindow / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    cpuPerLogin: cpuMicros / Math.max(1, completedInWindow),
    serverBusy: cpuMicros / 1e6 / elapsed,
    failures,
    completed: completedInWindow,
  }
}

/** Logins over HTTP, with the emulator's control API standing in for the phone. */
function loginFlows(serverUrl: string, issueCode: () => string): Record<'ours' | 'baseline', Login> {
  return {
    async ours(agent) {
      const state = await new Promise<{ state: string, cookie: string }>((resolve, reject) => {
        const req = request(`${serverUrl}/auth/wechat/state?mode=redirect`, { agent }, (res) => {
          let body = ''
          res.setEncoding('utf8')
          res.on('data', (chunk: string) => {
            body += chunk
          })
          res.on('end', () => {
            try {
              resolve({ state: (JSON.parse(body) as { state: string }).state, cookie: cookieHeader(res.headers) })
            }
            catch (error) {
              reject(error)
            }
          })
        })
        req.on('error', reject)
        req.end()
      })
      const code = issueCode()
      const callback = await get(agent, `${serverUrl}/auth/wechat/callback?code=${code}&state=${encodeURIComponent(state.state)}`, state.cookie)
      return callback.status === 302
        && !String(callback.headers.location).includes('wechat_login_error')
        && (callback.headers['set-cookie'] ?? []).some(cookie => cookie.startsWith('wechat_session='))
    },
    async baseline(agent) {
      const start = await get(agent, `${serverUrl}/auth/wechat`)
      const state = new URL(String(start.headers.location)).searchParams.get('state') ?? ''
      const code = issueCode()
      const callback = await get(agent, `${serverUrl}/auth/wechat/callback?code=${code}&state=${encodeURIComponent(state)}`, cookieHeader(start.headers))
      return callback.status === 302 && callback.headers.location === '/'
        && (callback.headers['set-cookie'] ?? []).some(cookie => cookie.startsWith('connect.sid='))
    },
  }
}

const STUB_TOKEN = JSON.stringify({ access_token: 'bench-access-token-0123456789abcdef0123456789', expires_in: 7200, refresh_token: 'bench-refresh-token-0123456789abcdef01234567', openid: 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M', scope: 'snsapi_login', unionid: 'o6_bmasdasdsad6_2sgVt7hMZOPfL' })
const STUB_USERINFO = JSON.stringify({ openid: 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M', nickname: 'Bench', sex: 0, province: '', city: '', country: '', headimgurl: 'https://example.com/avatar/132', privilege: [], unionid: 'o6_bmasdasdsad6_2sgVt7hMZOPfL' })

/**
 * The handler alone: `auth(request)` called in this process with WeChat's answers stubbed (no
 * socket, no HTTP parsing, no outgoing connection), so the CPU time is the handler's own: routing,
 * state minting, cookie sealing and unsealing, JSON parsing, response building.
 */
interface HandlerRun {
  cpuPerLogin: number
  wallPerLogin: number
  /** `GET /state` alone: one state minted and sealed into its cookie. */
  cpuPerState: number
}

async function handlerOnly(concurrency: number, logins: number): Promise<HandlerRun> {
  const stubFetch = async (input: string | URL | Request): Promise<Response> =>
    new Response(String(input instanceof Request ? input.url : input).includes('/sns/oauth2/access_token') ? STUB_TOKEN : STUB_USERINFO, { headers: { 'content-type': 'text/plain' } })
  const auth = createWechatAuth({
    appid: DEMO_APP.appid,
    secret: DEMO_APP.secret,
    sessionSecret: 'bench-session-secret-0123456789abcdef-0123456789',
    apiBase: 'http://127.0.0.1:9',
    openBase: 'http://127.0.0.1:9',
    logger: false,
    fetch: stubFetch as typeof fetch,
  })
  const login = async (): Promise<void> => {
    const started = (await auth(new Request('http://127.0.0.1:3000/auth/wechat/state?mode=redirect')))!
    const { state } = await started.json() as { state: string }
    const cookie = started.headers.getSetCookie().map(value => value.split(';')[0]).join('; ')
    const callback = (await auth(new Request(`http://127.0.0.1:3000/auth/wechat/callback?code=bench&state=${encodeURIComponent(state)}`, { headers: { cookie } })))!
    if (callback.status !== 302 || !callback.headers.getSetCookie().some(value => value.startsWith('wechat_session=')))
      throw new Error(`handler-only login failed: ${callback.status} ${callback.headers.get('location')}`)
  }
  const run = async (count: number): Promise<void> => {
    await Promise.all(Array.from({ length: concurrency }, async () => {
      for (let index = 0; index < count / concurrency; index++)
        await login()
    }))
  }
  await run(Math.min(500, logins))
  const cpu = process.cpuUsage()
  const start = performance.now()
  await run(logins)
  const used = process.cpuUsage(cpu)
  const wallPerLogin = (performance.now() - start) * 1000 / logins
  const stateCpu = process.cpuUsage()
  for (let index = 0; index < logins; index++)
    await (await auth(new Request('http://127.0.0.1:3000/auth/wechat/state?mode=redirect')))!.text()
  const stateUsed = process.cpuUsage(stateCpu)
  return { cpuPerLogin: (used.user + used.system) / logins, wallPerLogin, cpuPerState: (stateUsed.user + stateUsed.system) / logins }
}

/** End-to-end logins per second on loopback against the emulator, ours vs passport-wechat. */
export const serverThroughputSuite: Suite = {
  id: 'server-throughput',
  title: 'Server logins per second (loopback, against the emulator)',
  async run({ log, quick }): Promise<SuiteResult> {
    const reps = quick ? 1 : 3
    const warmupMs = quick ? 300 : 800
    const windowMs = quick ? 1000 : 3000
    const emulator = createWechatEmulator({ maxSessions: 200_000 })
    const emulatorServer = await emulator.listen()
    const certificate = selfSignedCertificate()
    const tlsServer = createHttpsServer({ cert: certificate.cert, key: certificate.key }, toNodeMiddleware(emulator.fetch))
    await new Promise<void>(resolve => tlsServer.listen(0, '127.0.0.1', resolve))
    const apiUrls: Record<ApiId, string> = {
      http: emulatorServer.url,
      https: `https://127.0.0.1:${(tlsServer.address() as { port: number }).port}`,
    }
    const issueCode = (): string => emulator.issueCode(DEMO_APP.appid)
    const servers = new Map<string, ServerProcess>()
    const windows = new Map<string, Window[]>()
    try {
      for (const api of APIS) {
        for (const variant of VARIANTS)
          servers.set(`${variant.id}@${api.id}`, await startServer(variant.id, apiUrls[api.id], certificate.certPath))
      }
      for (let rep = 0; rep < reps; rep++) {
        for (const api of APIS) {
          for (const concurrency of CONCURRENCY) {
            for (const variant of VARIANTS) {
              log(`rep ${rep + 1}/${reps}, ${api.id}, concurrency ${concurrency}, ${variant.id}`)
              const server = servers.get(`${variant.id}@${api.id}`)!
              const flows = loginFlows(server.url, issueCode)
              const window = await measureWindow(variant.id.startsWith('ours') ? flows.ours : flows.baseline, concurrency, server, warmupMs, windowMs)
              const key = `${variant.id}@${api.id}@${concurrency}`
              windows.set(key, [...windows.get(key) ?? [], window])
              emulator.reset()
            }
          }
        }
      }
    }
    finally {
      await Promise.all([...servers.values()].map(server => server.close()))
      tlsServer.closeAllConnections()
      await new Promise(resolve => tlsServer.close(resolve))
      await emulatorServer.close()
    }

    log('handler alone, in process')
    const handlerRuns = new Map<number, HandlerRun[]>()
    for (let rep = 0; rep < reps; rep++) {
      for (const concurrency of CONCURRENCY)
        handlerRuns.set(concurrency, [...handlerRuns.get(concurrency) ?? [], await handlerOnly(concurrency, quick ? 500 : 2000)])
    }

    const summary = (variant: VariantId, concurrency: number, api: ApiId = 'http'): Window => {
      const list = windows.get(`${variant}@${api}@${concurrency}`) ?? []
      const pick = (key: keyof Window): number => median(list.map(window => window[key]))
      return {
        loginsPerSecond: pick('loginsPerSecond'),
        p50: pick('p50'),
        p99: pick('p99'),
        cpuPerLogin: pick('cpuPerLogin'),
        serverBusy: pick('serverBusy'),
        failures: list.reduce((sum, window) => sum + window.failures, 0),
        completed: list.reduce((sum, window) => sum + window.completed, 0),
      }
    }

    const range = (variant: VariantId, concurrency: number, api: ApiId): string => {
      const rates = (windows.get(`${variant}@${api}@${concurrency}`) ?? []).map(window => window.loginsPerSecond)
      return rates.length < 2 ? '' : `${formatInt(Math.min(...rates))}–${formatInt(Math.max(...rates))}`
    }
    const tables: Table[] = APIS.flatMap(api => CONCURRENCY.map((concurrency): Table => {
      const baseline = summary('passport', concurrency, api.id)
      const tuned = summary('passport-keepalive', concurrency, api.id)
      return {
        title: `${api.title}, concurrency ${concurrency} (median of ${reps} windows of ${windowMs / 1000} s)`,
        columns: ['Server', 'logins/s', 'range', 'p50', 'p99', 'server CPU / login', 'server CPU busy', '× passport', '× passport keep-alive', 'CPU ÷ passport\'s', 'failed', 'goal'],
        right: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
        rows: VARIANTS.map(({ id, label }) => {
          const row = summary(id, concurrency, api.id)
          const cpuRatio = row.cpuPerLogin / baseline.cpuPerLogin
          const verdicts = id === 'ours-node' && api.id === 'http'
            ? [
                ...(concurrency === 50
                  ? [
                      `≥ 1.5× passport: ${goal(row.loginsPerSecond >= 1.5 * baseline.loginsPerSecond, formatRatio(row.loginsPerSecond / baseline.loginsPerSecond))}`,
                      `≥ 1.2× keep-alive: ${goal(row.loginsPerSecond >= 1.2 * tuned.loginsPerSecond, formatRatio(row.loginsPerSecond / tuned.loginsPerSecond))}`,
                    ]
                  : []),
                `CPU ≤ 0.6× passport's: ${goal(cpuRatio <= 0.6, formatRatio(cpuRatio))}`,
              ].join('; ')
            : ''
          return [
            label,
            formatInt(row.loginsPerSecond),
            range(id, concurrency, api.id),
            formatMs(row.p50),
            formatMs(row.p99),
            `${formatInt(row.cpuPerLogin)} µs`,
            `${Math.round(row.serverBusy * 100)} %`,
            formatRatio(row.loginsPerSecond / baseline.loginsPerSecond),
            formatRatio(row.loginsPerSecond / tuned.loginsPerSecond),
            formatRatio(cpuRatio),
            String(row.failures),
            verdicts,
          ]
        }),
      }
    }))

    tables.push({
      title: `The handler alone (in process, WeChat's answers stubbed; median of ${reps} × ${quick ? 500 : 2000} logins)`,
      columns: ['Concurrency', 'CPU / login', 'wall / login', 'of which GET /state (one seal)', 'goal'],
      right: [1, 2, 3],
      rows: CONCURRENCY.map((concurrency) => {
        const list = handlerRuns.get(concurrency) ?? []
        const cpu = median(list.map(run => run.cpuPerLogin))
        return [
          String(concurrency),
          `${formatInt(cpu)} µs`,
          `${formatInt(median(list.map(run => run.wallPerLogin)))} µs`,
          `${formatInt(median(list.map(run => run.cpuPerState)))} µs`,
          `CPU < 0.5 ms: ${goal(cpu < 500, `${formatInt(cpu)} µs, ${formatRatio(cpu / 500)} the goal`)}`,
        ]
      }),
    })

    const stateCpu = median((handlerRuns.get(1) ?? []).map(run => run.cpuPerState))
    const whereItGoes = (concurrency: number): string => {
      const ours = summary('ours-node', concurrency)
      const handlerCpu = median((handlerRuns.get(concurrency) ?? []).map(run => run.cpuPerLogin))
      return `The server process spends ${formatInt(ours.cpuPerLogin)} µs per login${ours.serverBusy >= 0.9 ? ` and is the bottleneck (${Math.round(ours.serverBusy * 100)} % busy)` : ` (${Math.round(ours.serverBusy * 100)} % busy: on this shared 2-core machine the load generator, the emulator and other processes limit it as much)`}; the handler alone ${formatInt(handlerCpu)} µs (GET /state, one signature, ${formatInt(stateCpu)} µs). Profiled (BENCH_PROFILE=1), the rest is node:http on both sides and the three WebCrypto calls through jose (sign, verify, encrypt), each a thread-pool job.`
    }
    const goals: GoalResult[] = [
      ...CONCURRENCY.map((concurrency): GoalResult => {
        const ours = summary('ours-node', concurrency)
        const baseline = summary('passport', concurrency)
        const ratio = ours.loginsPerSecond / baseline.loginsPerSecond
        return {
          goal: `Server logins/s ≥ 1.5× passport-wechat, concurrency ${concurrency}`,
          result: `${formatInt(ours.loginsPerSecond)} vs ${formatInt(baseline.loginsPerSecond)}/s = ${formatRatio(ratio)}`,
          met: ratio >= 1.5,
          finding: ratio >= 1.5 ? undefined : `Needs ${formatRatio(1.5 / ratio)} its throughput. ${whereItGoes(concurrency)}`,
        }
      }),
      (() => {
        const ours = summary('ours-node', 50)
        const tuned = summary('passport-keepalive', 50)
        const ratio = ours.loginsPerSecond / tuned.loginsPerSecond
        return {
          goal: 'Server logins/s ≥ 1.2× passport-wechat with a keep-alive agent, concurrency 50',
          result: `${formatInt(ours.loginsPerSecond)} vs ${formatInt(tuned.loginsPerSecond)}/s = ${formatRatio(ratio)}`,
          met: ratio >= 1.2,
          finding: ratio >= 1.2 ? undefined : `Needs ${formatRatio(1.2 / ratio)} its throughput. ${whereItGoes(50)}`,
        }
      })(),
      ...CONCURRENCY.map((concurrency): GoalResult => {
        const ours = summary('ours-node', concurrency)
        const baseline = summary('passport', concurrency)
        const ratio = ours.cpuPerLogin / baseline.cpuPerLogin
        return {
          goal: `Server CPU per login ≤ 0.6× passport-wechat's, concurrency ${concurrency}`,
          result: `${formatInt(ours.cpuPerLogin)} vs ${formatInt(baseline.cpuPerLogin)} µs = ${formatRatio(ratio)}`,
          met: ratio <= 0.6,
          finding: ratio <= 0.6 ? undefined : `${formatRatio(ratio / 0.6)} the budget. ${whereItGoes(concurrency)}`,
        }
      }),
      ...CONCURRENCY.map((concurrency): GoalResult => {
        const ours = summary('ours-node', concurrency)
        const baseline = summary('passport', concurrency)
        const handlerCpu = median((handlerRuns.get(concurrency) ?? []).map(run => run.cpuPerLogin))
        return {
          goal: `Handler's own CPU < 0.5 ms per login (in process, WeChat answered at once), concurrency ${concurrency}`,
          result: `${formatInt(handlerCpu)} µs; the whole server process, with node:http and the two calls to WeChat: ${formatInt(ours.cpuPerLogin)} µs (passport's: ${formatInt(baseline.cpuPerLogin)} µs)`,
          met: handlerCpu < 500,
          finding: handlerCpu < 500 ? undefined : `${formatRatio(handlerCpu / 500)} the budget. ${whereItGoes(concurrency)}`,
        }
      }),
    ]

    return {
      tables,
      goals,
      notes: [
        'A login, timed end to end by the load generator: the start request (ours `GET /auth/wechat/state`, which mints the state and sets its sealed cookie; the baseline\'s `GET /auth/wechat`, which mints a state, stores it in the session and answers passport-wechat\'s 302 to qrconnect) → a code from the emulator\'s `issueCode()` (in-process, synchronous, standing in for the phone; it is inside the timed login but costs microseconds) → `GET …/callback?code&state` with the cookie → state checked, code exchanged (`/sns/oauth2/access_token`), `/sns/userinfo` fetched, session cookie set, 302. A login counts only if the callback answers 302 with the session cookie (ours: `wechat_session`, a JWE sealed with jose; baseline: `connect.sid`).',
        'The baseline is what a team assembles: Express 5, express-session 1.19 (MemoryStore, signed `connect.sid`), passport 0.7 (`session()`, regenerated on login), passport-wechat 2.0.4 (`client: \'web\'`, scope `snsapi_login`). passport-wechat accepts a state but never checks it, so the baseline stores the state in the session and compares it on the callback, as ours does. wechat-oauth hard-codes `https://api.weixin.qq.com`: its `request()` is wrapped to rewrite that prefix to the emulator\'s URL. As shipped, wechat-oauth (urllib 2) uses an `http.Agent` without keep-alive, so every WeChat call opens a connection; the "keep-alive" row gives it one, to separate that from the rest.',
        'Each server runs alone in a child process (`NODE_ENV=production`, via tsx); "server CPU / login" is the change of that process\'s `process.cpuUsage()` (user + system, all threads: HTTP parsing, the outgoing calls, crypto) over the window divided by the logins completed in it. The load generator (node:http, keep-alive, one connection per worker) and the emulator share the parent process. "server CPU busy" near 100 % means the server process was the bottleneck.',
        '"The handler alone" calls `auth(request)` directly (state, then callback with the cookie) with a `fetch` option that answers canned `/sns/*` JSON at once: no sockets and no emulator, so its CPU time is routing, state minting, cookie signing, verifying and sealing (jose over WebCrypto), JSON and response building. The server-process column above adds the node:http adapter (srvx) and the two calls to WeChat over loopback.',
        'Two runs of every server: the emulator\'s API over plain http on loopback, and over TLS (RSA 2048, self-signed, trusted through `NODE_EXTRA_CA_CERTS`), as api.weixin.qq.com is. Over TLS a WeChat call on a new connection pays a handshake: what a production login pays depends on whether the server keeps its connections to WeChat alive. Ours does by default (Node\'s http/https global agents); wechat-oauth as shipped does not.',
        '"WeChat called with the global fetch" is our server with `fetch: globalThis.fetch`: profiling (BENCH_PROFILE=1, `node --cpu-prof`) showed undici\'s WHATWG `fetch` to be the largest cost of a login on Node 20, so in Node the server now calls WeChat with Node\'s own http/https clients unless given a `fetch`.',
        'Windows are interleaved (every variant at one concurrency, then the next); each has a warm-up that is not counted. On 2 cores, client + emulator and server compete: absolute numbers are low, ratios are the point.',
      ],
      data: { windows: Object.fromEntries(windows), handlerOnly: Object.fromEntries(handlerRuns) },
    }
  },
}
