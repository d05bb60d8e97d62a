import type { DEMO_OFFICIAL_ACCOUNT, EmulatorApp, EmulatorOfficialAccount, WechatEmulator, WechatEmulatorOptions } from '@wechat-qr-login/emulator'
import type { AddressInfo } from 'node:net'
import type { DevEmulatorPlan } from './plan'
import { createServer } from 'node:net'
import { networkInterfaces } from 'node:os'
import { WechatLoginError } from '@wechat-qr-login/core'
import { findLanAddress } from '@wechat-qr-login/core/internal'
import { isAllowedHost } from '../tunnel/hosts'
import { EMULATOR_PROXY_PREFIX } from './plan'

/** An emulator the dev integration started. */
export interface RunningEmulator {
  emulator: WechatEmulator
  /** The app the server handler logs in with: the first of the options' `apps`, or the demo app. */
  app: EmulatorApp
  /**
   * The Official Account the server handler logs in with inside WeChat: the first of the options'
   * `officialAccounts`, or the demo one on the dev server's host; none with `officialAccounts: []`.
   */
  officialAccount: EmulatorOfficialAccount | undefined
  /** Where it listens, e.g. `http://127.0.0.1:4399`: the server handler's `apiBase`. */
  url: string
  port: number
  /** The port that was asked for, when it was taken and a free one is used instead. */
  busyPort: number | undefined
  /**
   * The base URL the QR encodes for phones (LAN or tunnel) when the page was opened elsewhere than
   * through a tunnel host, if there is one; a page opened through a tunnel host gets that host's.
   */
  publicUrl: string | undefined
  /** This machine's LAN address, with `lan: true`. */
  lanAddress: string | undefined
}

/** A running emulator and the way to give it back. */
export interface EmulatorLease {
  running: RunningEmulator
  /** Stops the emulator once no dev server uses it any more. Safe to call twice. */
  release: () => Promise<void>
}

interface StartedEmulator {
  running: RunningEmulator
  close: () => Promise<void>
}

interface SharedEmulator {
  started: Promise<StartedEmulator>
  /** Counted when a lease is asked for, not when the emulator is up, so that a release in between keeps it. */
  users: number
}

type Registry = Map<string, SharedEmulator>

// On the global object, not in this module: a restart of the dev server (a config or .env
// change) loads the plugin afresh, and the new server starts before the old one closes. Sharing
// the emulator keeps its port, its sessions and the QR codes on screen.
const REGISTRY_KEY = Symbol.for('wechat-qr-login:dev-emulators')

function registry(): Registry {
  const global = globalThis as { [REGISTRY_KEY]?: Registry }
  return (global[REGISTRY_KEY] ??= new Map())
}

function emulatorKey(root: string, plan: DevEmulatorPlan): string {
  return JSON.stringify([root, plan])
}

/**
 * Whether an emulator for this app and plan runs in this process: the one of the dev server that
 * a restart replaces, which the next server takes over before it closes.
 */
export function isEmulatorRunning(root: string, plan: DevEmulatorPlan): boolean {
  return registry().has(emulatorKey(root, plan))
}

/** `preferred` when it is free on `hostname`, else a port the system picks. */
function freePort(preferred: number, hostname: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', (error: NodeJS.ErrnoException) => {
      if (preferred !== 0 && (error.code === 'EADDRINUSE' || error.code === 'EACCES'))
        resolve(freePort(0, hostname))
      else
        reject(new WechatLoginError('INVALID_OPTION', `The emulator cannot listen on ${hostname} (${error.code ?? error.message}). Pick another "dev.emulator.port".`, { option: 'dev.emulator.port', cause: error }))
    })
    probe.listen(preferred, hostname, () => {
      const { port } = probe.address() as AddressInfo
      probe.close(() => resolve(port))
    })
  })
}

// The emulator's listen() reports a taken port as a WechatLoginError whose cause is Node's error.
function isAddressInUse(error: unknown): boolean {
  return (error as { cause?: NodeJS.ErrnoException } | null)?.cause?.code === 'EADDRINUSE'
}

/** Attempts at binding a port that was free when probed but taken before the emulator bound it. */
const BIND_ATTEMPTS = 3

/**
 * Where phones reach the emulator for a login: through the tunnel host its page was opened on
 * (under the dev server's proxy prefix), since a provider preset's host is only known then;
 * otherwise `fallback`, the LAN address or the tunnel URL known at start-up.
 */
function phonesUrl(tunnelHosts: readonly string[], fallback: string | undefined): WechatEmulatorOptions['publicUrl'] {
  if (tunnelHosts.length === 0)
    return fallback
  return ({ redirectUri }) => isAllowedHost(redirectUri.hostname, tunnelHosts) ? `${redirectUri.origin}${EMULATOR_PROXY_PREFIX}` : fallback
}

/** What the emulator's defaults stand for. */
interface EmulatorDefaults {
  demoApp: EmulatorApp
  demoOfficialAccount: typeof DEMO_OFFICIAL_ACCOUNT
  /** The 网页授权域名 of the demo Official Account. */
  webAuthDomain: string[]
}

/**
 * The emulator's options: the demo app on the plan's callback domains and the demo Official
 * Account on the dev server's hosts, unless the options list their own.
 */
function emulatorOptions({ settings, callbackDomains, allowSubdomains }: DevEmulatorPlan, defaults: EmulatorDefaults): WechatEmulatorOptions & { apps: EmulatorApp[], officialAccounts: EmulatorOfficialAccount[] } {
  const { demoApp, demoOfficialAccount, webAuthDomain } = defaults
  const {
    apps = [{ ...demoApp, callbackDomain: callbackDomains }],
    officialAccounts = [{ ...demoOfficialAccount, webAuthDomain, followers: [...demoOfficialAccount.followers] }],
  } = settings.options
  return { ...(allowSubdomains ? { allowSubdomains } : {}), ...settings.options, apps, officialAccounts }
}

/**
 * The demo Official Account's 网页授权域名 (two at most, as WeChat's): the dev server's own host
 * (`localhost:5173`), and where phones come from: the tunnel, else the LAN, else `127.0.0.1`.
 */
function demoWebAuthDomain(plan: DevEmulatorPlan, devPort: number, lanAddress: string | undefined): string[] {
  const phones = plan.tunnelWebAuthDomain ?? `${lanAddress ?? '127.0.0.1'}:${devPort}`
  return [`localhost:${devPort}`, phones]
}

async function startEmulator(plan: DevEmulatorPlan, devPort: number): Promise<StartedEmulator> {
  // Loaded by the first request that needs the emulator, not with the Vite config.
  const { createWechatEmulator, DEMO_APP, DEMO_OFFICIAL_ACCOUNT } = await import('@wechat-qr-login/emulator')
  const { settings, tunnelPublicUrl, tunnelHosts } = plan
  const hostname = settings.lan ? '0.0.0.0' : '127.0.0.1'
  const lanAddress = settings.lan ? findLanAddress(networkInterfaces()) : undefined
  const options = emulatorOptions(plan, { demoApp: DEMO_APP, demoOfficialAccount: DEMO_OFFICIAL_ACCOUNT, webAuthDomain: demoWebAuthDomain(plan, devPort, lanAddress) })
  for (let attempt = 1; ; attempt++) {
    // The QR must encode the port before the emulator exists, so the port is chosen first; another
    // process (a second dev server starting at the same moment) may take it in between.
    const port = await freePort(attempt === 1 ? settings.port : 0, hostname)
    const startUpUrl = lanAddress === undefined ? tunnelPublicUrl : `http://${lanAddress}:${port}`
    const emulator = createWechatEmulator({ ...options, publicUrl: options.publicUrl ?? phonesUrl(tunnelHosts, startUpUrl) })
    try {
      const server = await emulator.listen({ port, hostname })
      return {
        running: {
          emulator,
          // The emulator refuses an empty list before it listens.
          app: options.apps[0]!,
          officialAccount: options.officialAccounts[0],
          url: `http://127.0.0.1:${port}`,
          port,
          busyPort: settings.port !== 0 && port !== settings.port ? settings.port : undefined,
          // The one for every login, when there is one.
          publicUrl: typeof options.publicUrl === 'function' ? undefined : options.publicUrl ?? startUpUrl,
          lanAddress,
        },
        close: server.close,
      }
    }
    catch (error) {
      if (attempt === BIND_ATTEMPTS || !isAddressInUse(error))
        throw error
    }
  }
}

/**
 * Starts the emulator of a dev server, or shares the one already running for the same app
 * (`root`) with the same options in this process: the dev server that a restart replaces, which
 * keeps its port (`devPort`, in the demo Official Account's 网页授权域名, counts only for a new
 * one). It listens on `127.0.0.1` (every interface with `lan`), on the asked port or, when that is
 * taken, on a free one.
 * @throws {WechatLoginError} for bad emulator options or when no port is available.
 */
export async function acquireEmulator(root: string, plan: DevEmulatorPlan, devPort: number): Promise<EmulatorLease> {
  const key = emulatorKey(root, plan)
  const emulators = registry()
  let shared = emulators.get(key)
  if (!shared) {
    shared = { started: startEmulator(plan, devPort), users: 0 }
    emulators.set(key, shared)
  }
  const entry = shared
  // Before any await: the lease holds the emulator from the call on.
  entry.users++
  let released = false
  async function release(): Promise<void> {
    if (released)
      return
    released = true
    if (--entry.users > 0)
      return
    if (emulators.get(key) === entry)
      emulators.delete(key)
    await (await entry.started.catch(() => undefined))?.close()
  }
  try {
    return { running: (await entry.started).running, release }
  }
  catch (error) {
    await release()
    throw error
  }
}
