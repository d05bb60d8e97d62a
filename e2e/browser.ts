import type { Browser, BrowserContext, BrowserContextOptions, LaunchOptions, Page } from 'playwright-core'
import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { onTestFinished } from 'vitest'

/** Where failure screenshots and traces of the browser tests go (git-ignored). */
export const ARTIFACTS_DIR = fileURLToPath(new URL('./artifacts/', import.meta.url))

const SYSTEM_CHROMIUM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
]

/**
 * Finds a Chromium to drive: `CHROMIUM_PATH`, then the usual system paths. Nothing is ever
 * downloaded; without a browser the tests fail with one line that says how to get one.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env, exists: (path: string) => boolean = existsSync): string {
  const fromEnv = env.CHROMIUM_PATH
  if (fromEnv) {
    if (exists(fromEnv))
      return fromEnv
    throw new Error(`CHROMIUM_PATH is set to "${fromEnv}", which does not exist: point it at a Chromium or Chrome binary, or unset it.`)
  }
  const found = SYSTEM_CHROMIUM_PATHS.find(path => exists(path))
  if (found)
    return found
  throw new Error('No Chromium found for the browser tests: install it (Debian/Ubuntu: sudo apt-get install chromium; macOS: brew install --cask chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary.')
}

/**
 * The flags every launch uses. Background networking is off because the machines that run
 * these tests have no internet, and Chromium would otherwise keep dialling Google's hosts.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
]

/** Launches headless Chromium with the project's flags. */
export function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: findChromium(),
    headless: true,
    ...options,
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
  })
}

/** How long saving a failed test's screenshots, its trace, and closing its context may take. */
const ARTIFACT_TIMEOUT_MS = 10_000

/** Settles with `work` or after {@link ARTIFACT_TIMEOUT_MS}, whichever comes first; never rejects. */
async function within(work: Promise<unknown>): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  await Promise.race([work.catch(() => {}), new Promise<void>(resolve => (timer = setTimeout(resolve, ARTIFACT_TIMEOUT_MS)))])
  clearTimeout(timer)
}

/**
 * A fresh browser context for one test, traced, closed when the test ends; when the test fails,
 * its trace and a screenshot of every open page are kept in {@link ARTIFACTS_DIR}. (Vitest runs
 * `onTestFinished` before `onTestFailed`, so both happen in the former, which already knows the
 * result.)
 */
export async function openTracedContext(browser: Browser, testName: string, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext(options)
  await context.tracing.start({ screenshots: true, snapshots: true })
  const slug = testName.replace(/\W+/g, '-').replace(/^-|-$/g, '').toLowerCase()
  let closed = false
  context.once('close', () => (closed = true))
  onTestFinished(async ({ task }) => {
    if (closed)
      return
    // Bounded, so that a page stuck in a navigation cannot hide the test's own failure behind
    // a hook timeout.
    if (task.result?.state === 'fail') {
      await mkdir(ARTIFACTS_DIR, { recursive: true })
      await Promise.all(context.pages().map((page, index) =>
        page.screenshot({ path: join(ARTIFACTS_DIR, `${slug}-page${index}.png`), fullPage: true, timeout: ARTIFACT_TIMEOUT_MS }).catch(() => {}),
      ))
      await within(context.tracing.stop({ path: join(ARTIFACTS_DIR, `${slug}-trace.zip`) }))
    }
    await within(context.close())
  })
  return context
}

/** Where {@link saveScreenshot} copies its pictures when `UPDATE_DOCS_SCREENSHOTS=1`: the docs site's. */
export const DOCS_SCREENSHOTS_DIR = fileURLToPath(new URL('../docs/public/screenshots/', import.meta.url))

/**
 * Saves a screenshot of what the user sees, for the docs: every run into
 * `{@link ARTIFACTS_DIR}/screenshots/`, and with `UPDATE_DOCS_SCREENSHOTS=1` also into
 * {@link DOCS_SCREENSHOTS_DIR}, which is committed.
 */
export async function saveScreenshot(page: Page, name: string, options: { fullPage?: boolean, env?: NodeJS.ProcessEnv } = {}): Promise<void> {
  const { fullPage = false, env = process.env } = options
  const dirs = [join(ARTIFACTS_DIR, 'screenshots'), ...(env.UPDATE_DOCS_SCREENSHOTS === '1' ? [DOCS_SCREENSHOTS_DIR] : [])]
  const picture = await page.screenshot({ fullPage, animations: 'disabled', caret: 'hide' })
  await Promise.all(dirs.map(async (dir) => {
    await mkdir(dir, { recursive: true })
    await writeFile(join(dir, `${name}.png`), picture)
  }))
}
