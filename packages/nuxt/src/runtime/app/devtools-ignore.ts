import { defineNuxtPlugin } from '#imports'

const QR_FRAMES = '.wechat-qr-login iframe'

/**
 * Development only. Vue DevTools (part of Nuxt DevTools) injects an inline script into every
 * same-origin iframe without `data-vue-devtools-ignore`. A `self_redirect` QR iframe becomes
 * same-origin when WeChat sends it to the relay page, whose Content-Security-Policy refuses that
 * script: one console error per login. Marks the QR iframes as soon as they are added, before
 * DevTools looks at them.
 */
export default defineNuxtPlugin(() => {
  const mark = (frame: Element): void => frame.setAttribute('data-vue-devtools-ignore', '')
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (!(node instanceof Element))
          continue
        if (node.matches(QR_FRAMES))
          mark(node)
        node.querySelectorAll(QR_FRAMES).forEach(mark)
      }
    }
  }).observe(document.documentElement, { childList: true, subtree: true })
})
