import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser } from 'playwright-core'
import { existsSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { createServer } from 'node:http'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ARTIFACTS_DIR, DOCS_SCREENSHOTS_DIR, findChromium, launchChromium, openTracedContext, saveScreenshot } from './browser'

describe('findChromium', () => {
  it('prefers CHROMIUM_PATH', () => {
    expect(findChromium({ CHROMIUM_PATH: '/opt/chrome' }, path => path === '/opt/chrome')).toBe('/opt/chrome')
  })

  it('falls back to the usual system paths', () => {
    expect(findChromium({}, path => path === '/usr/bin/google-chrome')).toBe('/usr/bin/google-chrome')
  })

  it('fails with one line that says how to install a browser', () => {
    expect(() => findChromium({}, () => false)).toThrowError(/^No Chromium found[^\n]*apt-get install chromium[^\n]*CHROMIUM_PATH[^\n]*$/)
  })

  it('says so when CHROMIUM_PATH points nowhere', () => {
    expect(() => findChromium({ CHROMIUM_PATH: '/nope' }, () => false)).toThrowError(/CHROMIUM_PATH is set to "\/nope"/)
  })
})

describe('launchChromium', () => {
  let browser: Browser
  let server: Server
  let url: string

  beforeAll(async () => {
    server = createServer((_, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      response.end('<!doctype html><title>ok</title><button onclick="this.textContent=\'clicked\'">click me</button>')
    })
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
    browser = await launchChromium()
  })

  afterAll(async () => {
    await browser?.close()
    await new Promise(resolve => server.close(resolve))
  })

  it('drives a real page on loopback', async ({ task }) => {
    const context = await openTracedContext(browser, task.name)
    const page = await context.newPage()
    await page.goto(url)
    await page.getByRole('button', { name: 'click me' }).click()
    await page.getByRole('button', { name: 'clicked' }).waitFor()
    await context.close()
  })

  let leftOpen: { closed: boolean } | undefined

  it('saves a screenshot for the docs, copied to docs/ only when asked', async ({ task }) => {
    const context = await openTracedContext(browser, task.name)
    leftOpen = { closed: false }
    context.once('close', () => (leftOpen!.closed = true))
    const page = await context.newPage()
    await page.goto(url)
    await rm(join(ARTIFACTS_DIR, 'screenshots', 'harness-check.png'), { force: true })

    await saveScreenshot(page, 'harness-check', { env: {} })

    expect(existsSync(join(ARTIFACTS_DIR, 'screenshots', 'harness-check.png'))).toBe(true)
    expect(existsSync(join(DOCS_SCREENSHOTS_DIR, 'harness-check.png'))).toBe(false)
  })

  it('closes a test\'s context when the test ends', () => {
    expect(leftOpen).toEqual({ closed: true })
  })
})
