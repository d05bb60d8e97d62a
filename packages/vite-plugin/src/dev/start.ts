import type { WechatAuthLogger, WechatVerificationFile } from '@wechat-qr-login/server'
import type { NodeMiddleware } from '@wechat-qr-login/server/node'
import type { Logger } from 'vite'
import type { DevBannerInput } from '../banner'
import type { EmulatorLease } from './emulator'
import type { DevPlan, DevVerificationFile } from './plan'
import type { VirtualModuleInput } from './virtual-module'
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { WECHAT_ENDPOINTS } from '@wechat-qr-login/core'
import { invalidOption } from '@wechat-qr-login/core/internal'
import { DEMO_APP, DEMO_OFFICIAL_ACCOUNT, WECHAT_USER_AGENTS } from '@wechat-qr-login/emulator'
import { createWechatAuth } from '@wechat-qr-login/server'
import { toNodeMiddleware } from '@wechat-qr-login/server/node'
import { acquireEmulator } from './emulator'
import { createEmulatorProxy } from './emulator-proxy'
import { DEV_ENV_NAMES, EMULATOR_PROXY_PREFIX, EMULATOR_USER_AGENT_COOKIE } from './plan'

/** The dev integration once the server handler (and the emulator) run. */
export interface StartedDev {
  /** The auth routes and, with the emulator, its phone page; every other request goes to `next`. */
  middleware: NodeMiddleware
  /** What `virtual:wechat-qr-login` says, but for the page origin assumed outside a browser. */
  module: Omit<VirtualModuleInput, 'serverOrigin'>
  /** What the start-up banner says about it. */
  banner: DevBannerInput
  /** Gives the emulator back, once. */
  release: () => Promise<void>
}

/** The server handler's failures, through Vite's logger (its messages carry the package prefix). */
function viteAuthLogger(logger: Logger): WechatAuthLogger {
  return {
    warn: message => logger.warn(message, { timestamp: true }),
    error: message => logger.error(message, { timestamp: true }),
  }
}

/** What {@link startDev} runs in. */
export interface DevContext {
  /** The project root: `WECHAT_OA_VERIFY_FILE` is relative to it. */
  root: string
  logger: Logger
  /** The emulator, when the dev server already holds it (a restart takes over the running one). */
  lease?: Promise<EmulatorLease> | undefined
  /** The port the dev server listens on. */
  devPort: number
}

/**
 * The verification file's content: given, or read from the file `WECHAT_OA_VERIFY_FILE` names.
 * @throws {WechatLoginError} `INVALID_OPTION` naming the variable when the file cannot be read.
 */
async function readVerificationFile(file: DevVerificationFile | undefined, root: string): Promise<WechatVerificationFile | undefined> {
  if (!file || 'content' in file)
    return file
  try {
    return { name: file.name, content: await readFile(resolve(root, file.path), 'utf8') }
  }
  catch (error) {
    throw invalidOption(DEV_ENV_NAMES.verificationFile, `the file "${file.path}" cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}). Save the file the 公众平台 gives for download (网页授权域名 → 下载文件) there, relative to the project root.`)
  }
}

/**
 * Starts the emulator (emulator mode) and the server handler of one dev server. Loaded by the
 * first request that needs them (see `createDevIntegration`), so that they cost nothing until then.
 * @throws {WechatLoginError} for bad emulator or server options, or an unreadable verification file.
 */
export async function startDev(plan: DevPlan, context: DevContext): Promise<StartedDev> {
  const logger = viteAuthLogger(context.logger)
  const { authBase } = plan

  if (plan.mode === 'wechat') {
    const verificationFile = await readVerificationFile(plan.verificationFile, context.root)
    const { officialAccount, ...auth } = plan.auth
    const middleware = toNodeMiddleware(createWechatAuth({ logger, ...auth, ...(officialAccount ? { officialAccount: { ...officialAccount, ...(verificationFile ? { verificationFile } : {}) } } : {}) }))
    return {
      middleware,
      module: { mode: 'wechat', authBase, appid: auth.appid, openBase: typeof auth.openBase === 'string' ? auth.openBase : WECHAT_ENDPOINTS.openBase, redirectUri: auth.redirectUri },
      banner: {
        mode: 'wechat',
        authBase,
        appid: auth.appid,
        ...(auth.redirectUri === undefined ? {} : { redirectUri: auth.redirectUri, appUrl: new URL(auth.redirectUri).origin }),
        ...(officialAccount ? { officialAccount: { appid: officialAccount.appid, demo: false, webAuthDomain: [], verificationFile: verificationFile?.name } } : {}),
      },
      release: async () => {},
    }
  }

  const lease = await (context.lease ?? acquireEmulator(context.root, plan.emulator, context.devPort))
  try {
    const verificationFile = await readVerificationFile(plan.verificationFile, context.root)
    const { emulator, app, officialAccount, url, port, busyPort, publicUrl, lanAddress } = lease.running
    const auth = createWechatAuth({
      // Inside WeChat, through this dev server's proxy: a phone reaches it through the tunnel the
      // page was opened on. For the QR, the emulator itself, on another site than the page.
      openBase: ({ flow, url: page }) => flow === 'oa' ? `${page.origin}${EMULATOR_PROXY_PREFIX}` : page.hostname === '127.0.0.1' ? `http://localhost:${port}` : url,
      apiBase: url,
      logger,
      ...plan.auth,
      appid: app.appid,
      secret: app.secret,
      ...(officialAccount ? { officialAccount: { appid: officialAccount.appid, secret: officialAccount.secret, ...(verificationFile ? { verificationFile } : {}) } } : {}),
    })
    const proxy = createEmulatorProxy(emulator, url, { cookie: EMULATOR_USER_AGENT_COOKIE, userAgents: WECHAT_USER_AGENTS })
    const middleware = toNodeMiddleware(async request => await proxy(request) ?? auth(request))
    return {
      middleware,
      module: { mode: 'emulator', authBase, appid: app.appid, openBase: url, redirectUri: plan.auth.redirectUri, emulator: { url, publicUrl } },
      banner: {
        mode: 'emulator',
        authBase,
        appid: app.appid,
        emulator: {
          url,
          ...(busyPort === undefined ? {} : { busyPort }),
          ...(publicUrl === undefined ? {} : { publicUrl }),
          lan: lanAddress !== undefined,
          callbackDomains: [app.callbackDomain].flat(),
          subdomains: plan.emulator.settings.options.allowSubdomains ?? plan.emulator.allowSubdomains,
          demoApp: app.appid === DEMO_APP.appid && app.secret === DEMO_APP.secret,
        },
        ...(officialAccount
          ? { officialAccount: { appid: officialAccount.appid, demo: officialAccount.appid === DEMO_OFFICIAL_ACCOUNT.appid && officialAccount.secret === DEMO_OFFICIAL_ACCOUNT.secret, webAuthDomain: [officialAccount.webAuthDomain].flat(), verificationFile: verificationFile?.name } }
          : {}),
      },
      release: lease.release,
    }
  }
  catch (error) {
    await lease.release()
    throw error
  }
}
