import type { WechatRelayMessage } from '@wechat-qr-login/core'
import { createState, WECHAT_RELAY_CHANNEL } from '@wechat-qr-login/core'
import { escapeHtml, scriptJson } from '@wechat-qr-login/core/internal'
import { FastResponse } from 'srvx'

/**
 * Which window the relay page reports to: the popup's opener, the parent of the `self_redirect`
 * iframe, or, when the state was unknown so the mode is too, whichever exists (and a top-level
 * page without either navigates back to the app).
 */
export type RelayTarget = 'opener' | 'parent' | 'auto'

export interface RelayPageOptions {
  message: WechatRelayMessage
  /** The app's exact origin: the only window that may read the message. */
  targetOrigin: string
  target: RelayTarget
  /** Absolute URL of the app page to go back to (the link, and the `auto` fallback). */
  backUrl: string
  /**
   * Same-origin URL to fetch before reporting, which turns a pending session into the session
   * cookie (see `createPendingSessionCookie`).
   */
  sessionUrl?: string
  status: number
  /** Set-Cookie values to send with the page. */
  cookies: readonly string[]
}

const TEXT = {
  authenticated: ['Signed in with WeChat. You can close this window.', '微信登录成功，可以关闭此窗口。'],
  denied: ['The WeChat login was cancelled.', '已取消微信登录。'],
  error: ['The WeChat login failed. Please try again.', '微信登录失败，请重试。'],
  code: ['Signed in with WeChat. You can close this window.', '微信登录成功，可以关闭此窗口。'],
} as const

/** Runs in the callback page; kept in ES5 so any browser that can show a QR login runs it. */
function relayScript(options: RelayPageOptions): string {
  const data = scriptJson({ message: options.message, origin: options.targetOrigin, target: options.target, back: options.backUrl, session: options.sessionUrl, channel: WECHAT_RELAY_CHANNEL })
  return `(function () {
  var d = ${data};
  function report() {
    try { new BroadcastChannel(d.channel).postMessage(d.message); } catch (e) {}
    var framed = window.parent !== window;
    var w = d.target === 'opener' ? window.opener : d.target === 'parent' ? (framed ? window.parent : null) : (window.opener || (framed ? window.parent : null));
    if (w) { try { w.postMessage(d.message, d.origin); } catch (e) {} }
    if (d.target === 'opener' || (d.target === 'auto' && window.opener)) setTimeout(function () { window.close(); }, 150);
    else if (d.target === 'auto' && !w) location.replace(d.back);
  }
  if (d.session && window.fetch) fetch(d.session, { credentials: 'same-origin', cache: 'no-store' }).then(report, report);
  else report();
})();`
}

/**
 * The tiny page the callback answers when it ran in an iframe or a popup: it tells the app
 * window with `postMessage` to the exact app origin and on a BroadcastChannel (which survives a
 * Cross-Origin-Opener-Policy cutting the popup off), closes a popup, and shows a short message
 * and a link back for when scripts are off or the app window is gone. It never contains the
 * code or a token.
 */
export function relayPage(options: RelayPageOptions): Response {
  // A state is what a nonce needs: unguessable letters and digits (at least 128 bits here).
  const nonce = createState({ bytes: 16 })
  const [english, chinese] = TEXT[options.message.result.type]
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>WeChat login</title>
</head>
<body>
<p>${english}</p>
<p lang="zh-CN">${chinese}</p>
<p><a href="${escapeHtml(options.backUrl)}" target="_top" rel="noreferrer">Back to the app / 返回</a></p>
<script nonce="${nonce}">${relayScript(options)}</script>
</body>
</html>
`
  const connect = options.sessionUrl ? '; connect-src \'self\'' : ''
  const headers: [string, string][] = [
    ['content-type', 'text/html; charset=utf-8'],
    ['content-security-policy', `default-src 'none'; script-src 'nonce-${nonce}'${connect}; base-uri 'none'; form-action 'none'`],
    ['cache-control', 'no-store'],
    ['referrer-policy', 'no-referrer'],
    ['x-content-type-options', 'nosniff'],
    ...options.cookies.map((cookie): [string, string] => ['set-cookie', cookie]),
  ]
  return new FastResponse(html, { status: options.status, headers })
}
