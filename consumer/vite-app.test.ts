import type { Browser } from 'playwright-core'
import type { ConsumerApp } from './harness/app'
import type { RunningServer } from './harness/process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import process from 'node:process'
import { launchChromium, openTracedContext } from '@test/browser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { allowOnPhone, sessionNickname } from './harness/phone'
import { startServer } from './harness/process'
import { lowestPeersVueAppDependencies, newestVueAppDependencies } from './harness/versions'
import { readmeVueApp } from './harness/vue-app'

const variants = [
  { name: 'vite-app', peers: 'the versions the repository tests with', dependencies: newestVueAppDependencies() },
  { name: 'vite-app-lowest-peers', peers: 'the lowest peers the packages declare', dependencies: lowestPeersVueAppDependencies() },
]

describe.each(variants)('a Vite + Vue + Pinia + Vue Router app made of the README\'s snippets, with $peers', ({ name, dependencies }) => {
  let app: ConsumerApp

  beforeAll(async () => {
    app = await readmeVueApp({ name, dependencies })
  })

  it('installs exactly those versions', () => {
    for (const [dependency, version] of Object.entries(dependencies)) {
      const installed = JSON.parse(readFileSync(join(app.dir, 'node_modules', dependency, 'package.json'), 'utf8')) as { version: string }
      expect(installed.version, dependency).toBe(version)
    }
  })

  it('type-checks with vue-tsc, strict, and refuses a wrong prop, event payload and slot prop', async () => {
    await app.exec('vue-tsc', ['--noEmit'])
  })

  it('types the store, events, slots and restore() with a registered user type, from the built declarations', async () => {
    await app.exec('vue-tsc', ['--noEmit', '-p', 'tsconfig.registered.json'])
  })

  it('builds with vite build', async () => {
    await app.exec('vite', ['build'])
    expect(readdirSync(join(app.dir, 'dist'))).toContain('index.html')
    expect(readdirSync(join(app.dir, 'dist/assets')).some(file => file.endsWith('.js'))).toBe(true)
  })

  describe('under vite dev', () => {
    let server: RunningServer
    let browser: Browser

    beforeAll(async () => {
      ;[server, browser] = await Promise.all([
        startServer(process.execPath, [join(app.dir, 'node_modules/vite/bin/vite.js'), '--host', 'localhost', '--port', '0', '--strictPort'], {
          cwd: app.dir,
          urlPattern: /Local:\s+(http:\/\/localhost:\d+)/,
        }),
        launchChromium(),
      ])
    })
    afterAll(async () => {
      await Promise.all([browser?.close(), server?.stop()])
    })

    it('logs in offline through the emulator in Chromium, then the home page shows the user', async ({ task }) => {
      const context = await openTracedContext(browser, `${name} ${task.name}`, { locale: 'en-US' })
      const page = await context.newPage()
      await page.goto(`${server.url}/login`)
      await allowOnPhone(page, 'zhang-wei')
      expect(await sessionNickname(page, server.url)).toBe('张伟')
      await page.goto(`${server.url}/`)
      await expect.poll(() => page.textContent('body')).toContain('张伟')
    })
  })
})
