import type { Browser } from 'playwright-core'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { launchChromium, openTracedContext } from '@test/browser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serveStatic } from './harness/static-server'
import { newestVueAppDependencies } from './harness/versions'
import { readmeVueApp } from './harness/vue-app'

type Exports = Record<string, string | { default?: string }>

/**
 * An import map for the browser: Vue's and Pinia's browser builds, and every entry of our
 * installed packages' `exports` maps (so that a new subpath is covered without editing this).
 */
function importMap(appDir: string): Record<string, string> {
  const imports: Record<string, string> = {
    vue: '/node_modules/vue/dist/vue.esm-browser.js',
    pinia: '/node_modules/pinia/dist/pinia.esm-browser.prod.js',
  }
  for (const name of ['@wechat-qr-login/core', '@wechat-qr-login/vue']) {
    const { exports } = JSON.parse(readFileSync(join(appDir, 'node_modules', name, 'package.json'), 'utf8')) as { exports: Exports }
    for (const [subpath, target] of Object.entries(exports)) {
      const file = typeof target === 'string' ? target : target.default
      if (file?.endsWith('.mjs'))
        imports[`${name}${subpath.slice(1)}`] = `/node_modules/${name}/${file.replace(/^\.\//, '')}`
    }
  }
  return imports
}

/** A page that mounts <WechatQrLogin> with an invalid mode: an error path of the Vue package. */
function page(imports: Record<string, string>): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>No bundler</title><link rel="icon" href="data:,">
<script type="importmap">${JSON.stringify({ imports })}</script>
</head>
<body>
<div id="app"></div>
<script type="module">
import { createApp, h } from 'vue'
import { createPinia } from 'pinia'
import { createWechatLogin, WechatQrLogin } from '@wechat-qr-login/vue'

createApp({
  render: () => h(WechatQrLogin, { mode: 'popup' }, {
    error: ({ error }) => h('output', { id: 'error', 'data-code': error.code }, error.message),
  }),
})
  .use(createPinia())
  .use(createWechatLogin({ appid: 'wx0123456789abcdef', redirectUri: 'https://www.example.com/callback', exchange: async () => { throw new Error('not reached') } }))
  .mount('#app')
</script>
</body>
</html>`
}

describe('the built ESM files in a browser without a bundler (import map)', () => {
  let server: { url: string, close: () => Promise<void> }
  let browser: Browser

  beforeAll(async () => {
    const app = await readmeVueApp({ dependencies: newestVueAppDependencies() })
    ;[server, browser] = await Promise.all([serveStatic(app.dir, { '/': page(importMap(app.dir)) }), launchChromium()])
  })
  afterAll(async () => {
    await Promise.all([browser?.close(), server?.close()])
  })

  it('reaches the Vue package\'s error path with no "process is not defined"', async ({ task }) => {
    const context = await openTracedContext(browser, `consumer ${task.name}`)
    const tab = await context.newPage()
    const problems: string[] = []
    tab.on('pageerror', error => problems.push(error.message))
    tab.on('console', (message) => {
      if (message.type() === 'error')
        problems.push(message.text())
    })
    await tab.goto(`${server.url}/`)
    const error = tab.locator('#error')
    await error.waitFor()
    expect(await error.getAttribute('data-code')).toBe('INVALID_OPTION')
    expect(await error.textContent()).toContain('"mode"')
    // A ReferenceError (`process is not defined`) or any other uncaught error would show here.
    expect(problems).toEqual([])
  })
})
