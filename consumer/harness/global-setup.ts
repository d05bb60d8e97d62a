import type { TestProject } from 'vitest/node'
import type { Tarballs } from './tarballs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import process from 'node:process'
import { findTarballs, packAll } from './tarballs'
import { CONSUMER_TIMING } from './timing'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Package name → its packed tarball. */
    tarballs: Tarballs
    /** A fresh folder outside the workspace where this run's consumer apps are made. */
    appsDir: string
  }
}

/**
 * Once per run of the consumer project: packs every package (or takes the tarballs `.ci/run`
 * packed from the fresh clone, in `WECHAT_QR_LOGIN_TARBALLS`) and makes the folder the apps go
 * in, outside the workspace so that nothing resolves to its packages or its tsconfig paths.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = performance.now()
  const root = join(tmpdir(), 'wechat-qr-login-consumer')
  await mkdir(root, { recursive: true })
  const runDir = await mkdtemp(join(root, 'run-'))
  const given = process.env.WECHAT_QR_LOGIN_TARBALLS
  let tarballs: Tarballs
  if (given) {
    tarballs = await findTarballs(given)
  }
  else {
    const destination = join(runDir, 'tarballs')
    await mkdir(destination)
    tarballs = await packAll(destination)
  }
  const appsDir = join(runDir, 'apps')
  await mkdir(appsDir)
  project.provide('tarballs', tarballs)
  project.provide('appsDir', appsDir)
  CONSUMER_TIMING.setupMs = performance.now() - started
  CONSUMER_TIMING.packed = !given
  return async () => {
    if (!process.env.WECHAT_QR_LOGIN_KEEP_APPS)
      await rm(runDir, { recursive: true, force: true })
  }
}
