import { createHtmlPage, EMULATOR_MARK, escapeHtml } from './html'

/** Why `/connect/qrconnect` refused a request. */
export type QrConnectError = 'appid' | 'scope' | 'redirect_uri' | 'unreachable'

/** The headline WeChat shows for each refusal (wechat-spec §1.6). */
const QR_CONNECT_ERROR_TITLES: Readonly<Record<QrConnectError, string>> = Object.freeze({
  appid: 'AppID 参数错误',
  scope: 'Scope 参数错误或没有 Scope 权限',
  redirect_uri: 'redirect_uri 参数错误',
  unreachable: '该链接无法访问',
})

/**
 * WeChat's HTML error page for a refused `/connect/qrconnect`: the Chinese headline WeChat shows,
 * then, below the emulator banner, what exactly was wrong (WeChat never says). Served with
 * HTTP 200 like WeChat's pages; the `x-wechat-emulator-error` header names the refusal for tests.
 */
export function renderErrorPage(error: QrConnectError, hint: string): Response {
  const page = createHtmlPage()
  const title = QR_CONNECT_ERROR_TITLES[error]
  const html = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title>
<style nonce="${page.nonce}">
body{margin:0;font-family:-apple-system,"Helvetica Neue","PingFang SC","Microsoft YaHei",sans-serif;color:#353535;background:#fff;text-align:center}
.weui-msg{padding:48px 16px 24px}
.weui-msg__icon{display:inline-block;width:64px;height:64px;line-height:64px;border-radius:50%;background:#fa5151;color:#fff;font-size:40px;font-weight:bold}
.weui-msg__title{font-size:20px;font-weight:500;margin:24px 0 8px}
.emulator_hint{margin:24px auto 0;max-width:480px;padding:10px 12px;border:1px dashed #e0a100;border-radius:6px;background:#fffbe6;color:#6b5200;font-size:13px;line-height:1.5;text-align:left;word-break:break-word}
.emulator_hint strong{display:block;margin-bottom:4px}
</style>
</head>
<body>
<div class="weui-msg">
<div class="weui-msg__icon-area"><span class="weui-msg__icon">!</span></div>
<div class="weui-msg__text-area"><h2 class="weui-msg__title">${escapeHtml(title)}</h2></div>
<div class="emulator_hint" role="note"><strong>${escapeHtml(EMULATOR_MARK)}</strong>${escapeHtml(hint)}</div>
</div>
</body>
</html>`
  const response = page.respond(html)
  response.headers.set('x-wechat-emulator-error', error)
  return response
}
