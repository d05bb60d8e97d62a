import type { EmulatorListenOptions, EmulatorServer } from './listen'
import type { EmulatorOfficialAccount } from './official-account'
import type { EmulatorApp, EmulatorUser, WechatEmulatorOptions } from './options'
import { networkInterfaces } from 'node:os'
import { parseArgs } from 'node:util'
import { isWechatLoginError, WechatLoginError } from '@wechat-qr-login/core'
import { bareMessage, DEFAULT_EMULATOR_PORT, findLanAddress, invalidOption } from '@wechat-qr-login/core/internal'
import { CONTROL_PREFIX } from './control'
import { createWechatEmulator } from './emulator'
import { DEMO_OFFICIAL_ACCOUNT, resolveOfficialAccount } from './official-account'
import { DEMO_APP, DEMO_USERS } from './options'
import { WX_LOGIN_SCRIPT_PATH } from './wx-login-script'

/** `wechat-emulator --help`. */
export const CLI_HELP = `wechat-emulator: a local WeChat for website QR login and Official Account web
authorization (development and tests only)

Usage: wechat-emulator [options]

  -p, --port <n>              port to listen on (default ${DEFAULT_EMULATOR_PORT}; 0 = any free port)
      --host <host>           interface (default 127.0.0.1; 0.0.0.0 lets phones on the LAN in)
      --app <appid:secret:callbackDomain[:openPlatformId]>
                              register an app (repeatable; default the demo app ${DEMO_APP.appid})
      --official-account <appid:secret:webAuthDomain[:openPlatformId]>
                              register an Official Account (repeatable; default the demo
                              test account ${DEMO_OFFICIAL_ACCOUNT.appid}); webAuthDomain is one or two
                              hosts, comma-separated, each optionally with a path (example.com/mp)
      --test-account <appid:secret:webAuthDomain[:openPlatformId]>
                              register a test account (测试号, repeatable): its domains may be an
                              IPv4 address and carry a port (192.168.1.23:5173), and only its
                              followers may authorize (follow through the control API or the
                              error page); a numeric segment after a domain is its port
      --user <id:nickname>    a fake user (repeatable; default the demo users)
      --public-url <url>      base URL phones use (LAN address or tunnel) for the QR
      --qr-lifetime <s>       seconds before a QR expires (default 300)
      --long-poll-timeout <ms> status long-poll hold (default 25000)
      --latency <ms>          delay added to every response (default 0)
      --strict                reject redirect_uri with a port, like WeChat
      --allow-subdomains      accept subdomains of the callback domain
      --max-sessions <n>      memory bound for QR sessions, codes and tokens (default 10000)
      --full-profile          return users' sex and region in /sns/userinfo (pre-2021 WeChat)
  -h, --help                  show this help`

/** What the command line asks for. */
export interface ParsedCommandLine {
  help: boolean
  /** The emulator's options; a URL given on the command line is a string. */
  options: WechatEmulatorOptions & { publicUrl?: string }
  listen: Required<EmulatorListenOptions>
}

const HELP_HINT = 'Run wechat-emulator --help.'

/** The error of a bad flag, named as typed (`--port`), with the way to the help. */
function invalidFlag(flag: string, message: string): WechatLoginError {
  return invalidOption(`--${flag}`, `${message} ${HELP_HINT}`)
}

/** The flag that sets each emulator or listen option. */
const OPTION_FLAGS: Readonly<Record<string, string>> = Object.freeze({
  port: 'port',
  hostname: 'host',
  publicUrl: 'public-url',
  qrLifetime: 'qr-lifetime',
  longPollTimeout: 'long-poll-timeout',
  latency: 'latency',
  maxSessions: 'max-sessions',
})

/** The repeatable flag behind each entry of a list option (`apps[1]` is the second `--app`). */
const LIST_FLAGS: Readonly<Record<string, string>> = Object.freeze({ apps: 'app', users: 'user', officialAccounts: 'official-account' })

// `"publicUrl"`, or a field of the n-th app or user: `"apps[1].callbackDomain"`.
const QUOTED_OPTION = /"(\w+)(?:\[(\d+)\](?:\.(\w+))?)?"/g

function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'
  return `${n}${suffix}`
}

function quotedFlag(quoted: string, name: string, index?: string, field?: string): string {
  if (index === undefined)
    return OPTION_FLAGS[name] === undefined ? quoted : `"--${OPTION_FLAGS[name]}"`
  const flag = LIST_FLAGS[name]
  return flag === undefined ? quoted : `"--${flag}" (the ${ordinal(Number(index) + 1)}${field ? `, its ${field}` : ''})`
}

/**
 * The emulator checks its options under their programmatic names (`publicUrl`,
 * `apps[0].callbackDomain`); at the command line they were typed as `--public-url` and `--app`,
 * so the error names those instead.
 */
function inFlagTerms(error: unknown): unknown {
  if (!isWechatLoginError(error) || error.option === undefined)
    return error
  const [, name = '', index] = /^(\w+)(\[)?/.exec(error.option) ?? []
  const flag = index === undefined ? OPTION_FLAGS[name] : LIST_FLAGS[name]
  if (flag === undefined)
    return error
  const message = bareMessage(error.message).replace(QUOTED_OPTION, quotedFlag)
  return new WechatLoginError(error.code, `${message} ${HELP_HINT}`, { option: `--${flag}`, cause: error })
}

function toNumber(value: string | undefined, option: string): number | undefined {
  if (value === undefined)
    return undefined
  const number = Number(value)
  if (value.trim() === '' || !Number.isFinite(number))
    throw invalidFlag(option, `expected a number, got "${value}".`)
  return number
}

function toApp(value: string): EmulatorApp {
  const [appid, secret, callbackDomain, openPlatformId, ...rest] = value.split(':')
  if (!appid || !secret || !callbackDomain || rest.length > 0)
    throw invalidFlag('app', 'expected appid:secret:callbackDomain or appid:secret:callbackDomain:openPlatformId.')
  return { appid, secret, callbackDomain, ...(openPlatformId ? { openPlatformId } : {}) }
}

/** `appid:secret:domain[:port][,domain[:port]][:openPlatformId]`, the port only in a test account's domains. */
const ACCOUNT_SPEC = /^([^:]+):([^:]+):([^:,]+(?::\d+)?(?:,[^:,]+(?::\d+)?)?)(?::([^:]+))?$/

function toOfficialAccount(value: string, testAccount: boolean): EmulatorOfficialAccount {
  const flag = testAccount ? 'test-account' : 'official-account'
  const match = ACCOUNT_SPEC.exec(value)
  if (!match)
    throw invalidFlag(flag, 'expected appid:secret:webAuthDomain or appid:secret:webAuthDomain:openPlatformId (two domains: "a.example.com,b.example.com").')
  const [, appid, secret, domains, openPlatformId] = match as unknown as [string, string, string, string, string | undefined]
  const account: EmulatorOfficialAccount = {
    appid,
    secret,
    webAuthDomain: domains.split(','),
    ...(openPlatformId ? { openPlatformId } : {}),
    ...(testAccount ? { testAccount } : {}),
  }
  try {
    resolveOfficialAccount(account, 'account')
  }
  catch (error) {
    const reason = error instanceof Error ? bareMessage(error.message).replace(/^Invalid "account(?:\.\w+)?": /, '') : String(error)
    throw invalidFlag(flag, reason)
  }
  return account
}

function toUser(value: string): EmulatorUser {
  const separator = value.indexOf(':')
  if (separator <= 0 || separator === value.length - 1)
    throw invalidFlag('user', 'expected id:nickname, e.g. "wang:王芳".')
  return { id: value.slice(0, separator), nickname: value.slice(separator + 1) }
}

/**
 * Reads the command line into emulator and listen options.
 * @throws {WechatLoginError} `INVALID_OPTION` for an unknown flag or a bad value.
 */
export function parseCommandLine(argv: string[]): ParsedCommandLine {
  let values
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        'port': { type: 'string', short: 'p' },
        'host': { type: 'string' },
        'app': { type: 'string', multiple: true },
        'official-account': { type: 'string', multiple: true },
        'test-account': { type: 'string', multiple: true },
        'user': { type: 'string', multiple: true },
        'public-url': { type: 'string' },
        'qr-lifetime': { type: 'string' },
        'long-poll-timeout': { type: 'string' },
        'latency': { type: 'string' },
        'strict': { type: 'boolean' },
        'allow-subdomains': { type: 'boolean' },
        'max-sessions': { type: 'string' },
        'full-profile': { type: 'boolean' },
        'help': { type: 'boolean', short: 'h' },
      },
    }))
  }
  catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new WechatLoginError('INVALID_OPTION', `${reason.replace(/\.?$/, '.')} ${HELP_HINT}`, { cause: error })
  }
  const numbers = {
    qrLifetime: toNumber(values['qr-lifetime'], 'qr-lifetime'),
    longPollTimeout: toNumber(values['long-poll-timeout'], 'long-poll-timeout'),
    latency: toNumber(values.latency, 'latency'),
    maxSessions: toNumber(values['max-sessions'], 'max-sessions'),
  }
  const officialAccounts = [
    ...(values['official-account'] ?? []).map(value => toOfficialAccount(value, false)),
    ...(values['test-account'] ?? []).map(value => toOfficialAccount(value, true)),
  ]
  const options: ParsedCommandLine['options'] = {
    ...(values.app ? { apps: values.app.map(toApp) } : {}),
    ...(officialAccounts.length > 0 ? { officialAccounts } : {}),
    ...(values.user ? { users: values.user.map(toUser) } : {}),
    ...(values['public-url'] === undefined ? {} : { publicUrl: values['public-url'] }),
    ...Object.fromEntries(Object.entries(numbers).filter(([, value]) => value !== undefined)),
    ...(values.strict ? { strict: true } : {}),
    ...(values['allow-subdomains'] ? { allowSubdomains: true } : {}),
    ...(values['full-profile'] ? { blankProfile: false } : {}),
  }
  return {
    help: values.help === true,
    options,
    listen: { port: toNumber(values.port, 'port') ?? DEFAULT_EMULATOR_PORT, hostname: values.host ?? '127.0.0.1' },
  }
}

/**
 * Runs `wechat-emulator`: starts the emulator and prints its URLs through `print`. A host of
 * `0.0.0.0` without `--public-url` puts the first LAN address in the QR, so a phone can scan it.
 * Returns the server, or `undefined` after `--help`.
 * @throws {WechatLoginError} for a bad flag or a port in use.
 */
export async function runCommand(argv: string[], print: (line: string) => void): Promise<EmulatorServer | undefined> {
  const { help, options, listen } = parseCommandLine(argv)
  if (help) {
    print(CLI_HELP)
    return undefined
  }
  const lanAddress = findLanAddress(networkInterfaces())
  const openToLan = listen.hostname === '0.0.0.0' || listen.hostname === '::'
  if (openToLan && options.publicUrl === undefined && listen.port !== 0 && lanAddress)
    options.publicUrl = `http://${lanAddress}:${listen.port}`
  let server: EmulatorServer
  try {
    server = await createWechatEmulator(options).listen(listen)
  }
  catch (error) {
    throw inFlagTerms(error)
  }
  const apps = options.apps ?? [DEMO_APP]
  print(`WeChat emulator (wechat-qr-login): a local stand-in for WeChat, fake users only`)
  print(`  openBase = apiBase  ${server.url}`)
  print(`  wxLogin.js          ${server.url}${WX_LOGIN_SCRIPT_PATH}`)
  if (options.publicUrl !== undefined)
    print(`  phones (QR)         ${options.publicUrl}`)
  else if (openToLan)
    print(`  phones              start with --public-url http://<this machine's address>:<port> so the QR works on a phone`)
  for (const app of apps) {
    const secret = app.secret === DEMO_APP.secret ? `${app.secret} (demo, public)` : '(as given)'
    print(`  app ${app.appid}  secret ${secret}  callback domain ${[app.callbackDomain].flat().join(', ')}${app.openPlatformId ? '  unionid: yes' : '  unionid: no'}`)
  }
  for (const account of options.officialAccounts ?? [DEMO_OFFICIAL_ACCOUNT]) {
    const secret = account.secret === DEMO_OFFICIAL_ACCOUNT.secret ? `${account.secret} (demo, public)` : '(as given)'
    print(`  ${account.testAccount ? 'test account' : 'official account'} ${account.appid}  secret ${secret}  网页授权域名 ${[account.webAuthDomain].flat().join(', ')}${account.openPlatformId ? '  unionid: yes' : '  unionid: no'}`)
  }
  print(`  authorize           ${server.url}/connect/oauth2/authorize  (in WeChat: a User-Agent with MicroMessenger)`)
  print(`  users               ${(options.users ?? DEMO_USERS).map(user => `${user.id} (${user.nickname})`).join(', ')}`)
  print(`  control API         ${server.url}${CONTROL_PREFIX}/sessions  (test-only)`)
  print('Press Ctrl+C to stop.')
  return server
}
