import { renderMessagePage } from './message-page'

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
  const title = QR_CONNECT_ERROR_TITLES[error]
  const response = renderMessagePage({ title, headline: title, icon: 'warn', hint })
  response.headers.set('x-wechat-emulator-error', error)
  return response
}
