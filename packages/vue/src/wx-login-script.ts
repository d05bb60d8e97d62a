import { WechatLoginError } from '@wechat-qr-login/core'
import { devOnly } from '@wechat-qr-login/core/internal'

/**
 * The options of WeChat's `new WxLogin()`, spelled as WeChat documents them. The script
 * concatenates them into the iframe URL as they are: `redirect_uri` and `href` must already be
 * URL-encoded.
 */
export interface WxLoginOptions {
  id: string
  appid: string
  scope: string
  redirect_uri: string
  state: string
  style?: string
  href?: string
  self_redirect?: boolean
  lang?: string
  stylelite?: 1
  fast_login?: 0
}

/** WeChat's `WxLogin` global. */
export type WxLoginConstructor = new (options: WxLoginOptions) => unknown

/** Development-only advice for a script that does not load. */
const SCRIPT_FIX = ' Check the network and a Content-Security-Policy\'s script-src, or use the default "iframe" loader, which needs no script.'

/** One load per script URL and page; a failed load is forgotten so that a retry loads again. */
const loads = new Map<string, Promise<WxLoginConstructor>>()

function readGlobal(): WxLoginConstructor | undefined {
  const candidate = (window as Window & { WxLogin?: unknown }).WxLogin
  return typeof candidate === 'function' ? candidate as WxLoginConstructor : undefined
}

/** Options of {@link loadWxLogin}. */
export interface LoadWxLoginOptions {
  /**
   * Milliseconds before the load fails with `TIMEOUT`.
   * @default 10000
   */
  timeout?: number
}

/**
 * Loads WeChat's wxLogin.js once per page and resolves with its `WxLogin` constructor. Every
 * caller shares the same promise; after a failure (`SCRIPT_LOAD_FAILED`, or `TIMEOUT`) the next
 * call tries again with a fresh `<script>`.
 */
export function loadWxLogin(url: string, options: LoadWxLoginOptions = {}): Promise<WxLoginConstructor> {
  const { timeout = 10_000 } = options
  if (typeof document === 'undefined')
    return Promise.reject(new WechatLoginError('SCRIPT_LOAD_FAILED', devOnly(() => __DEV__ && 'wxLogin.js can only load in a browser: render the official loader on the client.') || 'No document.', { option: 'loader' }))
  const existing = loads.get(url)
  if (existing)
    return existing
  const loading = new Promise<WxLoginConstructor>((resolve, reject) => {
    const script = document.createElement('script')
    let timer: ReturnType<typeof setTimeout> | undefined
    const finish = (error?: WechatLoginError): void => {
      clearTimeout(timer)
      script.onload = null
      script.onerror = null
      const WxLogin = error ? undefined : readGlobal()
      if (WxLogin)
        return resolve(WxLogin)
      script.remove()
      reject(error ?? new WechatLoginError('SCRIPT_LOAD_FAILED', `${url} loaded but defined no WxLogin.${devOnly(() => __DEV__ && ' Check "scriptUrl" points at wxLogin.js.') || ''}`, { option: 'scriptUrl' }))
    }
    timer = setTimeout(() => finish(new WechatLoginError('TIMEOUT', `wxLogin.js did not load within ${timeout} ms from ${url}.${devOnly(() => __DEV__ && SCRIPT_FIX) || ''}`, { option: 'scriptTimeout' })), timeout)
    script.onload = () => finish()
    script.onerror = () => finish(new WechatLoginError('SCRIPT_LOAD_FAILED', `Could not load ${url}.${devOnly(() => __DEV__ && SCRIPT_FIX) || ''}`, { option: 'scriptUrl' }))
    script.async = true
    script.src = url
    document.head.appendChild(script)
  })
  loads.set(url, loading)
  loading.catch(() => {
    if (loads.get(url) === loading)
      loads.delete(url)
  })
  return loading
}
