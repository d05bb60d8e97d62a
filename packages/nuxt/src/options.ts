import type { SecretGuardOptions, WechatQrLoginDevOptions, WechatQrLoginOptions } from '@wechat-qr-login/vite-plugin'
import type { WechatLoginOptions, WechatQrOptions } from '@wechat-qr-login/vue'
import { checkReturnPath } from '@wechat-qr-login/core'
import { invalidOption } from '@wechat-qr-login/core/internal'

/**
 * App-wide defaults of every `<WechatQrLogin>`, `useWechatLogin()` and the auth store (what
 * `createWechatLogin()` takes), as plain values. The AppID, redirect URI and QR origin come from
 * the server with each login, so they are not set here.
 */
export type WechatNuxtLoginOptions = Omit<WechatQrOptions, 'appid' | 'redirectUri' | 'openBase'> & Pick<WechatLoginOptions, 'requestTimeout' | 'callbackOrigin'>

/** The Vite plugin's development tools in `nuxt dev`: the emulator, tunnels and their banner. */
export interface WechatNuxtDevOptions extends Pick<WechatQrLoginOptions, 'tunnel' | 'tunnelPresets' | 'allowAllHosts' | 'callbackDomain' | 'hmr'> {
  /**
   * The local WeChat emulator used while `NUXT_WECHAT_APPID` and `NUXT_WECHAT_APPSECRET` are not
   * both set: `true`, its options (`port`, `lan`, `users`, …), or `false` to require them.
   * @default true
   */
  emulator?: WechatQrLoginDevOptions['emulator']
}

/** Options of `@wechat-qr-login/nuxt`, under `wechatQrLogin` in `nuxt.config`. */
export interface ModuleOptions {
  /**
   * Where the server routes are mounted (`/state`, `/callback`, `/exchange`, `/session`,
   * `/logout`); the components find them there. Register `{your origin}{basePath}/callback`'s host
   * as the website app's 授权回调域.
   * @default '/auth/wechat'
   */
  basePath?: string
  /**
   * The login page: where the `wechat-auth` route middleware sends a signed-out visitor, with
   * `?redirect=` naming the page to come back to once signed in.
   * @default '/login'
   */
  loginPath?: string
  /**
   * App-wide defaults of the component and the store, e.g. `{ mode: 'embedded', selfRedirect: true }`.
   * @default {}
   */
  login?: WechatNuxtLoginOptions
  /**
   * `nuxt dev` logs in end to end: the emulator (or the real WeChat with credentials), tunnel
   * hosts, the start-up banner. `false` leaves development to the server routes alone.
   * @default {}
   */
  dev?: WechatNuxtDevOptions | false
  /**
   * Fail `nuxt dev` and `nuxt build` when a secret could reach the browser's code; see the Vite
   * plugin's `secretGuard`. `false` turns the guard off.
   * @default true
   */
  secretGuard?: boolean | SecretGuardOptions
}

/** The module's options once checked, with every default applied. */
export interface ResolvedModuleOptions {
  basePath: string
  loginPath: string
  login: WechatNuxtLoginOptions
  dev: WechatNuxtDevOptions | false
  secretGuard: boolean | SecretGuardOptions
}

/** A path of this site such as `/auth/wechat`: no query, no hash, no trailing `/` (`root`: `/` itself). */
function assertPath(value: unknown, option: string, example: string, { root }: { root: boolean }): asserts value is string {
  const check = checkReturnPath(value)
  if (!check.ok || check.path !== value || /[?#]|.\/$/.test(value) || (!root && value === '/'))
    throw invalidOption(option, `expected a path of this site such as "${example}": a leading "/", no trailing "/", no query or hash.`)
}

/**
 * Checks the module's options once, before anything is added to the app.
 * @throws {WechatLoginError} `INVALID_OPTION` naming the option and how to fix it.
 */
export function resolveModuleOptions(options: ModuleOptions): ResolvedModuleOptions {
  const { basePath = '/auth/wechat', loginPath = '/login', login = {}, dev = {}, secretGuard = true } = options
  assertPath(basePath, 'wechatQrLogin.basePath', '/auth/wechat', { root: false })
  assertPath(loginPath, 'wechatQrLogin.loginPath', '/login', { root: true })
  if (loginPath === basePath || loginPath.startsWith(`${basePath}/`))
    throw invalidOption('wechatQrLogin.loginPath', `expected a page of the app, outside "basePath" (${basePath}), whose routes are the server's.`)
  if (typeof login !== 'object' || login === null || Array.isArray(login))
    throw invalidOption('wechatQrLogin.login', 'expected the defaults of the component, e.g. { mode: \'embedded\', selfRedirect: true }.')
  for (const key of ['appid', 'redirectUri', 'openBase', 'exchange', 'session', 'logout', 'authBase'] as const) {
    if (key in login)
      throw invalidOption(`wechatQrLogin.login.${key}`, key === 'authBase' ? 'set "wechatQrLogin.basePath" instead: it mounts the routes and tells the components where they are.' : 'with the Nuxt module the server routes provide it: leave it out.')
  }
  if (dev !== false && (typeof dev !== 'object' || dev === null || Array.isArray(dev)))
    throw invalidOption('wechatQrLogin.dev', 'expected false, or { emulator?, tunnel?, tunnelPresets?, … }.')
  return { basePath, loginPath, login, dev, secretGuard }
}
