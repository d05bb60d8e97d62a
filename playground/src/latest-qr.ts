import type { LatestQr } from '@wechat-qr-login/vite-plugin'
import type { Ref, ShallowRef } from 'vue'
import wechat from 'virtual:wechat-qr-login'
import { onBeforeUnmount, onMounted, shallowRef, watch } from 'vue'

const POLL_INTERVAL = 1500

/**
 * The emulator's QR of the login on screen (`state`): uuid, phone page and image, polled from
 * the dev server's `/__wechat-emulator/latest-qr` while the page is visible. `null` before the QR
 * page loaded, without a login, and always with the real WeChat.
 */
export function useLatestQr(state: Ref<string | undefined>): ShallowRef<LatestQr | null> {
  const latest = shallowRef<LatestQr | null>(null)
  let timer: ReturnType<typeof setTimeout> | undefined
  let stopped = false
  // One polling loop at a time: a newer call ends the older one.
  let loop = 0

  async function poll(): Promise<void> {
    clearTimeout(timer)
    const run = ++loop
    const current = state.value
    if (!wechat.emulator || stopped)
      return
    if (current === undefined) {
      latest.value = null
    }
    else if (document.visibilityState === 'visible') {
      try {
        const response = await fetch(`${wechat.emulator.latestQrUrl}?state=${encodeURIComponent(current)}`, { cache: 'no-store' })
        const body = response.ok ? await response.json() as LatestQr | null : null
        if (state.value === current)
          latest.value = body
      }
      catch {
        latest.value = null
      }
    }
    if (!stopped && run === loop)
      timer = setTimeout(poll, POLL_INTERVAL)
  }

  watch(state, () => {
    latest.value = null
    void poll()
  })
  onMounted(() => void poll())
  onBeforeUnmount(() => {
    stopped = true
    clearTimeout(timer)
  })
  return latest
}
