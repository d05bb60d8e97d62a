import type { Buffer } from 'node:buffer'
import type { ChildProcess } from 'node:child_process'
import { spawn } from 'node:child_process'
import process from 'node:process'
import { stripVTControlCharacters } from 'node:util'

/** The environment of a consumer app's commands: no WeChat credentials or tunnel of the developer's shell. */
export function appEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra }
  for (const name of Object.keys(env)) {
    if (name.startsWith('WECHAT_') && !(name in extra))
      delete env[name]
  }
  // Vitest's own variables would make Vite think it runs under Vitest.
  for (const name of ['VITEST', 'VITEST_MODE', 'VITEST_POOL_ID', 'VITEST_WORKER_ID', 'NODE_ENV', 'TEST'])
    delete env[name]
  return env
}

/** Options of {@link run}. */
export interface RunOptions {
  cwd: string
  env?: NodeJS.ProcessEnv
}

/** Runs a command to its end; rejects with its whole output when it exits with an error. */
export function run(command: string, args: string[], { cwd, env = appEnv() }: RunOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code === 0)
        resolve(output)
      else
        reject(new Error(`\`${command} ${args.join(' ')}\` in ${cwd} exited with ${code}:\n${output}`))
    })
  })
}

/** A long-running command (a dev server) and the URL it printed. */
export interface RunningServer {
  url: string
  output: () => string
  stop: () => Promise<void>
}

/**
 * Starts a server command and resolves once its output shows a URL that matches `urlPattern`
 * (the first capture group, or the whole match). Rejects with the output if the command exits
 * first or prints nothing of the kind within `timeout` milliseconds.
 */
export function startServer(command: string, args: string[], options: RunOptions & { urlPattern: RegExp, timeout?: number }): Promise<RunningServer> {
  const { cwd, env = appEnv(), urlPattern, timeout = 60_000 } = options
  const child: ChildProcess = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const exited = new Promise<void>(resolve => child.once('close', () => resolve()))
  async function stop(): Promise<void> {
    if (child.exitCode === null && child.signalCode === null)
      child.kill('SIGTERM')
    await exited
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop()
      reject(new Error(`\`${command} ${args.join(' ')}\` printed no URL within ${timeout} ms:\n${output}`))
    }, timeout)
    function onData(chunk: Buffer): void {
      // Colours would split the URL.
      output += stripVTControlCharacters(chunk.toString())
      const match = urlPattern.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve({ url: match[1] ?? match[0], output: () => output, stop })
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.once('close', (code) => {
      clearTimeout(timer)
      reject(new Error(`\`${command} ${args.join(' ')}\` exited with ${code} before it was ready:\n${output}`))
    })
  })
}
