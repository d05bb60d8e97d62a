/** Size of WeChat's QR page in a window. */
const POPUP_WIDTH = 600
const POPUP_HEIGHT = 600
/** Window name, so a second click reuses the window instead of opening another. */
const POPUP_NAME = 'wechat-qr-login'

/**
 * Opens WeChat's page in a popup centred over this window. Call it synchronously in the click
 * handler, or popup blockers refuse it. Returns `null` when the popup was blocked.
 */
export function openCenteredPopup(url: string): Window | null {
  const left = Math.round(window.screenX + Math.max(0, (window.outerWidth - POPUP_WIDTH) / 2))
  const top = Math.round(window.screenY + Math.max(0, (window.outerHeight - POPUP_HEIGHT) / 2))
  return window.open(url, POPUP_NAME, `popup=yes,width=${POPUP_WIDTH},height=${POPUP_HEIGHT},left=${left},top=${top}`)
}

/** Milliseconds between two looks at `popup.closed` (there is no close event across origins). */
const POLL_INTERVAL = 500
/**
 * Milliseconds to wait after the popup closed before calling `onClosed`, so that a result the
 * callback page relayed just before closing (or through a BroadcastChannel when a
 * Cross-Origin-Opener-Policy reports the popup closed early) wins over the cancel.
 */
const CLOSE_GRACE = 1500

/**
 * Calls `onClosed` once the popup has been closed for the grace period.
 * @returns a function that stops watching.
 */
export function watchPopupClosed(popup: Window, onClosed: () => void): () => void {
  let graceTimer: ReturnType<typeof setTimeout> | undefined
  const poller = setInterval(() => {
    if (!popup.closed)
      return
    clearInterval(poller)
    graceTimer = setTimeout(onClosed, CLOSE_GRACE)
  }, POLL_INTERVAL)
  return () => {
    clearInterval(poller)
    clearTimeout(graceTimer)
  }
}
