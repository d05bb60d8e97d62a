import type { MemoryCheckpoint } from '../fixtures/emulator-memory'
import type { GoalResult, Suite, SuiteResult } from '../lib/suite'
import type { Table } from '../lib/table'
import { execFile } from 'node:child_process'
import { Agent, request } from 'node:http'
import { join } from 'node:path'
import process from 'node:process'
import { promisify } from 'node:util'
import { createWechatEmulator, DEMO_APP } from '@wechat-qr-login/emulator'
import { formatInt, formatNumber, goal } from '../lib/format'
import { BENCH_DIR } from '../lib/paths'
import { median } from '../lib/stats'

const { appid, secret } = DEMO_APP

function exchangePath(code: string): string {
  return `/sns/oauth2/access_token?appid=${appid}&secret=${secret}&code=${code}&grant_type=authorization_code`
}

function checkToken(body: string): void {
  if (!body.includes('"access_token"'))
    throw new Error(`exchange failed: ${body.slice(0, 200)}`)
}

function httpGet(agent: Agent, url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        body += chunk
      })
      res.on('end', () => resolve(body))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })
}

/** Exchanges per second for `windowMs`, `concurrency` loops each doing one exchange at a time. */
async function exchangesPerSecond(exchange: () => Promise<void>, concurrency: number, windowMs: number): Promise<number> {
  let count = 0
  const deadline = performance.now() + windowMs
  const start = performance.now()
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < deadline) {
      await exchange()
      count++
    }
  }))
  return count / ((performance.now() - start) / 1000)
}

async function memoryRun(maxSessions: number, checkpoints: number[]): Promise<MemoryCheckpoint[]> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', '--import', 'tsx', join(BENCH_DIR, 'fixtures/emulator-memory.ts'), String(maxSessions), ...checkpoints.map(String)], { cwd: BENCH_DIR, maxBuffer: 1 << 20 })
  return JSON.parse(stdout) as MemoryCheckpoint[]
}

function mb(bytes: number): string {
  return `${formatNumber(bytes / 1e6, 1)} MB`
}

/** Token exchanges per second, and memory after many QR sessions. */
export const emulatorSuite: Suite = {
  id: 'emulator',
  title: 'Emulator',
  async run({ log, quick }): Promise<SuiteResult> {
    const reps = quick ? 1 : 3
    const windowMs = quick ? 1000 : 3000
    const emulator = createWechatEmulator({ maxSessions: 1_000_000 })
    const server = await emulator.listen()
    // A fresh agent per window: a socket left idle past the server's keep-alive timeout (5 s)
    // would be closed under a request that reuses it.
    let agent = new Agent({ keepAlive: true, maxSockets: 32 })
    const variants = [
      { label: 'in process (`emulator.fetch`)', concurrency: 1, exchange: async () => checkToken(await (await emulator.fetch(new Request(`http://127.0.0.1${exchangePath(emulator.issueCode(appid))}`))).text()) },
      { label: 'HTTP on loopback, 1 connection', concurrency: 1, exchange: async () => checkToken(await httpGet(agent, `${server.url}${exchangePath(emulator.issueCode(appid))}`)) },
      { label: 'HTTP on loopback, 32 connections', concurrency: 32, exchange: async () => checkToken(await httpGet(agent, `${server.url}${exchangePath(emulator.issueCode(appid))}`)) },
    ]
    const rates = new Map<string, number[]>()
    try {
      for (const variant of variants)
        await exchangesPerSecond(variant.exchange, variant.concurrency, 300)
      for (let rep = 0; rep < reps; rep++) {
        for (const variant of variants) {
          log(`rep ${rep + 1}/${reps}: ${variant.label}`)
          agent.destroy()
          agent = new Agent({ keepAlive: true, maxSockets: 32 })
          rates.set(variant.label, [...rates.get(variant.label) ?? [], await exchangesPerSecond(variant.exchange, variant.concurrency, windowMs)])
          emulator.reset()
        }
      }
    }
    finally {
      agent.destroy()
      await server.close()
    }

    const checkpoints = quick ? [10_000, 20_000] : [10_000, 50_000, 100_000, 200_000]
    log(`memory: ${checkpoints.join(', ')} QR sessions, maxSessions 10000 (default)`)
    const bounded = await memoryRun(10_000, checkpoints)
    log(`memory: the same with maxSessions ${checkpoints.at(-1)} (no eviction)`)
    const unbounded = await memoryRun(checkpoints.at(-1)!, checkpoints)

    const throughput: Table = {
      title: `/sns/oauth2/access_token exchanges per second (median of ${reps} windows of ${windowMs / 1000} s, a fresh code each)`,
      columns: ['Path', 'exchanges/s'],
      right: [1],
      rows: variants.map(variant => [variant.label, formatInt(median(rates.get(variant.label) ?? []))]),
    }
    const at = (list: MemoryCheckpoint[], sessions: number): MemoryCheckpoint | undefined => list.find(point => point.sessions === sessions)
    const base = bounded[0]!.heapUsed
    const firstBound = at(bounded, checkpoints[0]!)!
    const last = bounded.at(-1)!
    const isBounded = last.heapUsed <= firstBound.heapUsed * 1.1
    const memory: Table = {
      title: 'Heap after N QR sessions (`GET /connect/qrconnect` through `emulator.fetch`; after 2 full GCs)',
      columns: ['QR sessions created', 'held (maxSessions 10000)', 'heap', 'vs 10k', 'held (no eviction)', 'heap (no eviction)', 'goal'],
      right: [0, 1, 2, 3, 4, 5],
      rows: bounded.slice(1).map((point) => {
        const open = at(unbounded, point.sessions)
        return [
          formatInt(point.sessions),
          formatInt(point.held),
          mb(point.heapUsed),
          `${formatNumber(point.heapUsed / firstBound.heapUsed, 2)}×`,
          open ? formatInt(open.held) : '—',
          open ? mb(open.heapUsed) : '—',
          point === last ? `bounded (≤ 1.1× the 10k heap): ${goal(isBounded, `${formatNumber(last.heapUsed / firstBound.heapUsed, 2)}×`)}` : '',
        ]
      }),
    }
    const perSession = (firstBound.heapUsed - base) / firstBound.held
    const goals: GoalResult[] = [{
      goal: `Emulator memory bounded after ${formatInt(last.sessions)} QR sessions`,
      result: `heap ${mb(last.heapUsed)} vs ${mb(firstBound.heapUsed)} after 10k (${formatNumber(last.heapUsed / firstBound.heapUsed, 2)}×); without the bound ${mb(unbounded.at(-1)!.heapUsed)}`,
      met: isBounded,
    }]
    return {
      tables: [throughput, memory],
      goals,
      notes: [
        'Exchanges: each call gets a fresh code from `issueCode()` (in process, inside the timed loop) and must answer an `access_token`. The HTTP rows use node:http with keep-alive; the client runs in the same process as the emulator, so they include the client\'s cost.',
        `Memory runs in a child process with \`--expose-gc\`: heap before the first session ${mb(base)}, about ${formatInt(perSession)} bytes per held session (QR session with its phone token and waiter set). With the default bound the emulator keeps the newest 10,000 and evicts the oldest; codes and token grants are bounded by the same number. Creating a session costs ${formatNumber(firstBound.ms * 1000 / firstBound.sessions, 0)} µs (QR page rendered each time).`,
      ],
      data: { rates: Object.fromEntries(rates), memory: { bounded, unbounded } },
    }
  },
}
