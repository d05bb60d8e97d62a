import type { Page } from 'playwright-core'

declare global {
  interface Window {
    /** Set by a test before the login: it survives only if the page is never reloaded. */
    __marker?: number
  }
}

/** Marks the document: a full navigation or reload loses the mark. */
export function setMarker(page: Page): Promise<void> {
  return page.evaluate(() => void (window.__marker = 1))
}

/** `1` while the document marked by {@link setMarker} is still the one on screen. */
export function readMarker(page: Page): Promise<number | undefined> {
  return page.evaluate(() => window.__marker)
}
