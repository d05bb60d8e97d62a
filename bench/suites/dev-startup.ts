import type { DevApp } from '../fixtures/dev-config'
import type { ColdStart } from '../fixtures/dev-start'
import type { Suite, SuiteResult } from '../lib/suite'
import type { Table } from '../lib/table'
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import process from 'node:process'
import { promisify } from 'node:util'
import { createServer } from 'vite'
import { devConfig, hasPlaygroundConfig } from '../fixtures/dev-config'
import { formatDeltaMs, formatMs, formatRatio } from '../lib/format'
import { BENCH_DIR } from '../lib/paths'
import { median, percentile } from '../lib/stats'

type Variant = 'without' | 'with'

interface WarmStart {
  listen: number
  firstPage: number
}

/** A fresh config (fresh plugin instances: a plugin object serves one server) for every start. */
async function warmStart(variant: Variant, app: DevApp): Promise<WarmStart> {
  const { config } = await devConfig(variant === 'with', app)
  const start = performance.now()
  const server = await createServer(config)
  try {
    await server.listen()
    const listen = performance.now() - start
    const url = server.resolvedUrls?.local[0]
    if (!url)
      throw new Error('the dev server reports no local URL')
    const response = await fetch(url)
    await response.text()
    if (!response.ok)
      throw new Error(`GET / answered ${response.status}`)
    return { listen, firstPage: performance.now() - start }
  }
  finally {
    await server.close()
  }
}

async function coldStart(variant: Variant, app: DevApp): Promise<ColdStart> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(BENCH_DIR, 'fixtures/dev-start.ts'), variant, app], {
    cwd: BENCH_DIR,
    // The dev integration uses the real WeChat when these are set: keep it on the emulator.
    env: { ...process.env, WECHAT_APPID: '', WECHAT_APPSECRET: '' },
  })
  return JSON.parse(stdout) as ColdStart
}

function interleaved(run: number): Variant[] {
  return run % 2 === 0 ? ['without', 'with'] : ['with', 'without']
}

interface AppResult {
  app: DevApp
  source: string
  plugins: string[]
  cold: Record<Variant, ColdStart[]>
  warm: Record<Variant, WarmStart[]>
}

async function measureApp(app: DevApp, coldRuns: number, warmRuns: number, log: (message: string) => void): Promise<AppResult> {
  const { source, plugins } = await devConfig(true, app)
  log(`${app}: ${source}; plugins: ${plugins.join(', ')}`)
  const cold: Record<Variant, ColdStart[]> = { without: [], with: [] }
  await coldStart('without', app)
  await coldStart('with', app)
  for (let run = 0; run < coldRuns; run++) {
    log(`${app}: cold start ${run + 1}/${coldRuns}`)
    for (const variant of interleaved(run))
      cold[variant].push(await coldStart(variant, app))
  }
  const warm: Record<Variant, WarmStart[]> = { without: [], with: [] }
  await warmStart('without', app)
  await warmStart('with', app)
  for (let run = 0; run < warmRuns; run++) {
    for (const variant of interleaved(run))
      warm[variant].push(await warmStart(variant, app))
  }
  return { app, source, plugins, cold, warm }
}

function tableOf(result: AppResult, coldRuns: number, warmRuns: number): Table {
  const { cold, warm } = result
  const coldMedian = (variant: Variant, pick: (start: ColdStart) => number): number => median(cold[variant].map(pick))
  const warmMedian = (variant: Variant, pick: (start: WarmStart) => number): number => median(warm[variant].map(pick))
  const title = result.app === 'app' ? 'Consumer app (built packages)' : 'Playground (`playground/vite.config.ts`)'
  return {
    title: `${title}: cold = fresh process per start, ms since process start (median and p90 of ${coldRuns}); warm = createServer + listen in a loaded process (median of ${warmRuns})`,
    columns: ['Config', 'cold: listening', 'p90', '× without', 'cold: first GET /', '× without', 'cold: CPU to listening', '× without', 'added by the plugin', 'warm: listening', '× without', 'auth routes', 'cold: first auth answer'],
    right: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12],
    rows: (['without', 'with'] as const).map((variant) => {
      const listen = coldMedian(variant, start => start.listen)
      const page = coldMedian(variant, start => start.firstPage)
      const warmListen = warmMedian(variant, start => start.listen)
      const cpu = coldMedian(variant, start => start.cpuListen)
      return [
        variant === 'with' ? `with wechatQrLogin() (${result.plugins.join(', ')})` : 'without it (baseline)',
        formatMs(listen),
        formatMs(percentile(cold[variant].map(start => start.listen), 90)),
        formatRatio(listen / coldMedian('without', start => start.listen)),
        formatMs(page),
        formatRatio(page / coldMedian('without', start => start.firstPage)),
        formatMs(cpu),
        formatRatio(cpu / coldMedian('without', start => start.cpuListen)),
        variant === 'with' ? `${formatDeltaMs(listen - coldMedian('without', start => start.listen))} cold, ${formatDeltaMs(warmListen - warmMedian('without', start => start.listen))} warm` : '',
        formatMs(warmListen),
        formatRatio(warmListen / warmMedian('without', start => start.listen)),
        cold[variant].every(start => start.authRoutes) ? 'mounted' : cold[variant].some(start => start.authRoutes) ? 'sometimes' : 'none',
        variant === 'with' ? formatMs(coldMedian(variant, start => start.firstAuth)) : '',
      ]
    }),
  }
}

/** Vite dev-server start-up with and without the plugin (and its emulator). */
export const devStartupSuite: Suite = {
  id: 'dev-startup',
  title: 'Dev-server start-up',
  async run({ log, quick }): Promise<SuiteResult> {
    const coldRuns = quick ? 2 : 8
    const warmRuns = quick ? 3 : 12
    const apps: DevApp[] = hasPlaygroundConfig() ? ['app', 'playground'] : ['app']
    const results: AppResult[] = []
    for (const app of apps)
      results.push(await measureApp(app, coldRuns, warmRuns, log))
    return {
      goals: [],
      tables: results.map(result => tableOf(result, coldRuns, warmRuns)),
      notes: [
        `"Without" is the same config with every plugin named \`wechat-qr-login*\` removed. Consumer app: ${results[0]!.source}; without the plugin, the plugin package is not imported at all, so the cold difference includes importing it (\`@wechat-qr-login/server\` and the emulator are loaded on demand, after \`GET /\`).`,
        ...(results.some(result => result.app === 'playground')
          ? ['Playground: its config imports the plugin from the sources through a Vite module runner (so `pnpm dev` needs no build) in both variants; that dominates its cold start, and the difference there is the plugin\'s hooks only.']
          : []),
        '"Cold: CPU to listening" is the CPU time (user + system, all threads) the process had used when `listen()` resolved: the same work as "cold: listening", which a busy machine stretches in wall time but hardly in CPU time.',
        'Cold: a fresh `node --import tsx` process per start: boot, importing Vite (and the plugin), `createServer()` + `listen()` on port 0, then the first `GET /`, then `GET /auth/wechat/session`. The dev integration mounts its routes in `configureServer` but loads the server handler and the emulator, and starts the emulator, only for the first request that needs them (an auth route, the phone page, `virtual:wechat-qr-login`, or the banner that `vite` prints after its URLs): "cold: first auth answer" is when that first `GET /auth/wechat/session` was answered, that work included; "auth routes" checks it answered JSON. Warm: a restart in a process whose modules are loaded. Starts are interleaved, one untimed start of each first; the dependency pre-bundling cache is kept; `close()` is not timed.',
      ],
      data: results,
    }
  },
}
