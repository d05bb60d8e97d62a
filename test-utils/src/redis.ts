import type { Buffer } from 'node:buffer'
import type { ChildProcess } from 'node:child_process'
import { spawn, spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { freePort } from './listen'

/** A Redis server of the tests' own, on loopback. */
export interface RedisServer {
  /** `redis://127.0.0.1:{port}`. */
  url: string
  /** Stops it (the tests of a store that is down call it too); safe to call twice. */
  stop: () => Promise<void>
}

/**
 * Starts Debian's `redis-server` on `127.0.0.1` and a free port, in memory only (no snapshot,
 * no append-only file). Without the program it fails, with the command that installs it: the
 * tests of the session store need a real Redis and are never skipped.
 */
export async function startRedis(): Promise<RedisServer> {
  if (spawnSync('redis-server', ['--version']).error)
    throw new Error('redis-server is not installed, and the session-store tests need a real Redis: install it (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) so that `redis-server` is on the PATH.')
  const port = await freePort()
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'], { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('Ready to accept connections'))
        resolve()
    })
    child.once('exit', code => reject(new Error(`redis-server exited (${code}) before it was ready:\n${output.slice(-2000)}`)))
  })
  child.stdout!.resume()
  child.stderr!.resume()
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null)
        return
      const exited = once(child, 'exit')
      child.kill('SIGTERM')
      await exited
    },
  }
}
