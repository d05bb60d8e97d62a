import type { ChildProcess } from 'node:child_process'
import type { AddressInfo } from 'node:net'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createConnection, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DOCS } from './site'

/** Whether a TCP connection to `host:port` is accepted. */
async function accepts(host: string, port: number): Promise<boolean> {
  const socket = createConnection({ host, port })
  try {
    await once(socket, 'connect')
    return true
  }
  catch {
    return false
  }
  finally {
    socket.destroy()
  }
}

/** A port no one listens on now. */
async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  server.close()
  await once(server, 'close')
  return port
}

/** The docs' `preview` script, as `pnpm -C docs preview <args>` runs it, in `cwd`. */
async function startPreview(cwd: string, args: string[]): Promise<ChildProcess> {
  const { scripts } = JSON.parse(await readFile(join(DOCS, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
  const [bin, ...scriptArgs] = scripts.preview!.split(' ')
  return spawn(join(DOCS, 'node_modules', '.bin', bin!), [...scriptArgs, ...args], { cwd, stdio: 'ignore' })
}

/**
 * `pnpm -C docs preview --host 127.0.0.1` listens there only. (`vitepress preview` 1.6 reads no
 * `--host` and listens on every interface.)
 */
describe('the docs\' preview script', () => {
  const cleanups: (() => Promise<unknown>)[] = []
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map(cleanup => cleanup()))
  })

  it('with --host 127.0.0.1, answers on 127.0.0.1 and nowhere else', async (context) => {
    // Linux routes all of 127.0.0.0/8 to the loopback interface: a server on every interface
    // answers 127.0.0.2, one on 127.0.0.1 only does not. Elsewhere the check proves nothing.
    const everywhere = createServer().listen(0)
    await once(everywhere, 'listening')
    const reachable = await accepts('127.0.0.2', (everywhere.address() as AddressInfo).port)
    everywhere.close()
    if (!reachable)
      context.skip('127.0.0.2 does not reach the loopback interface here')

    // A built site, as `pnpm docs:build` leaves it.
    const site = await mkdtemp(join(tmpdir(), 'docs-preview-'))
    cleanups.push(() => rm(site, { recursive: true, force: true }))
    const dist = join(site, '.vitepress', 'dist')
    await mkdir(dist, { recursive: true })
    await writeFile(join(dist, 'index.html'), '<!doctype html><title>docs</title>')
    await writeFile(join(dist, '404.html'), '<!doctype html><title>not found</title>')

    const port = await freePort()
    const child = await startPreview(site, ['--host', '127.0.0.1', '--port', String(port)])
    cleanups.push(async () => {
      child.kill()
      await once(child, 'exit')
    })
    await expect.poll(() => accepts('127.0.0.1', port), { timeout: 10_000 }).toBe(true)

    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200)
    expect(await accepts('127.0.0.2', port)).toBe(false)
  })
})
