import type { Buffer } from 'node:buffer'
import type { ResolvedConfig } from 'vite'
import type { SecretGuardOptions } from '../options'
import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { WechatLoginError } from '@wechat-qr-login/core'

/** Variable names the guard treats as secrets unless `secretGuard.names` says otherwise. */
export const DEFAULT_SECRET_NAMES: readonly RegExp[] = [/secret/i]

// Shorter values ("1", "true", "dev") would match ordinary code; a WeChat AppSecret has 32.
const MIN_SECRET_LENGTH = 8

/** A secret to look for in client output, named by where it came from (never by its value). */
export interface SecretValue {
  label: string
  value: string
}

function looksSecret(key: string, names: readonly RegExp[]): boolean {
  return names.some((name) => {
    // A /g or /y pattern remembers where it last matched; every name is a fresh search.
    name.lastIndex = 0
    return name.test(key)
  })
}

/** Names of client-exposed variables (Vite's resolved `config.env`) that look like secrets. */
export function findExposedSecretNames(clientEnv: Readonly<Record<string, unknown>>, names: readonly RegExp[]): string[] {
  return Object.keys(clientEnv).filter(key => looksSecret(key, names))
}

/**
 * The secret values to look for: every variable whose name looks like a secret (at least 8
 * characters long, so that short flags cannot match ordinary code), the explicit `values`, and
 * the secrets the plugin was given in its own options (`known`).
 */
export function collectSecretValues(env: Readonly<Record<string, string | undefined>>, names: readonly RegExp[], values: readonly string[], known: readonly SecretValue[] = []): SecretValue[] {
  const secrets = new Map<string, string>()
  for (const [key, value] of Object.entries(env)) {
    if (value && value.length >= MIN_SECRET_LENGTH && looksSecret(key, names) && !secrets.has(value))
      secrets.set(value, key)
  }
  values.forEach((value, index) => {
    if (!secrets.has(value))
      secrets.set(value, `secretGuard.values[${index}]`)
  })
  for (const { label, value } of known) {
    if (value && !secrets.has(value))
      secrets.set(value, label)
  }
  return [...secrets].map(([value, label]) => ({ label, value }))
}

/** The secrets whose value occurs in `content` (text, or the UTF-8 bytes of a file). */
export function findLeakedSecrets(content: string | Buffer, secrets: readonly SecretValue[]): SecretValue[] {
  return secrets.filter(secret => content.includes(secret.value))
}

/** How a secret is shown in messages: its length only, so that logs never carry any of it. */
export function maskSecret(value: string): string {
  return `${value.length} characters, not shown`
}

function exposedError(names: readonly string[], envPrefix: readonly string[]): WechatLoginError {
  const [first = ''] = names
  const prefix = envPrefix.find(p => first.startsWith(p)) ?? ''
  const renamed = first.slice(prefix.length) || 'WECHAT_APPSECRET'
  const list = names.map(name => `"${name}"`).join(', ')
  return new WechatLoginError('SECRET_EXPOSED', `${list} ${names.length > 1 ? 'are' : 'is'} exposed to client code: Vite inlines every variable whose name starts with envPrefix (${envPrefix.map(p => `"${p}"`).join(', ')}) into import.meta.env, which ships in the bundle and is served to every browser (through a tunnel, to the whole internet). Rename it without the prefix (e.g. "${renamed}"), read it only in server code (process.env.${renamed}), and rotate the AppSecret in the WeChat Open Platform console if a build with it was ever deployed. If the variable is not a secret, narrow secretGuard.names.`, { option: first })
}

function leakError(fileName: string, leaked: readonly SecretValue[], copiedFrom?: string): WechatLoginError {
  const [first] = leaked as [SecretValue]
  const how = copiedFrom === undefined
    ? 'Something inlined it into client code: a "define" entry, an import of a server module, or a pasted literal.'
    : `The file is copied as is from "${copiedFrom}": take the secret out of it.`
  return new WechatLoginError('SECRET_EXPOSED', `The value of ${first.label} (${maskSecret(first.value)}) appears in the client output file "${fileName}". ${how} Read the secret only in server code (process.env.${/^[A-Z_]\w*$/i.test(first.label) ? first.label : 'WECHAT_APPSECRET'}), and rotate it in the WeChat Open Platform console if this build was ever deployed.`, { option: first.label })
}

const decoder = new TextDecoder()

/** The files under `dir`, as paths relative to it with "/" separators, as output file names are. */
async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(join(dir, prefix), { withFileTypes: true })
  const names = await Promise.all(entries.map((entry) => {
    const name = prefix ? `${prefix}/${entry.name}` : entry.name
    return entry.isDirectory() ? listFiles(dir, name) : entry.isFile() ? [name] : []
  }))
  return names.flat()
}

/**
 * Searches the files Vite copies from `publicDir` into the output untouched: they never pass
 * through the bundle, yet ship as well. Read as bytes, so that large media cost no decoding.
 */
async function checkPublicDir(root: string, publicDir: string, secrets: readonly SecretValue[]): Promise<void> {
  if (!existsSync(publicDir))
    return
  for (const fileName of await listFiles(publicDir)) {
    const leaked = findLeakedSecrets(await readFile(join(publicDir, fileName)), secrets)
    if (leaked.length > 0)
      throw leakError(fileName, leaked, relative(root, join(publicDir, fileName)).replaceAll('\\', '/'))
  }
}

/** What the guard reads of an output file (a Rollup or Rolldown chunk or asset). */
export type OutputFile
  = | { type: 'chunk', fileName: string, code: string }
    | { type: 'asset', fileName: string, source: string | Uint8Array }

/** Where an environment writes its output, and for whom. */
export interface OutputEnvironment {
  consumer: 'client' | 'server'
  root: string
  publicDir: string
  build: { copyPublicDir: boolean }
}

/**
 * Fails when `envPrefix` (e.g. `VITE_`) exposes a variable named like a secret to client code:
 * checked for the dev server too, since `import.meta.env` is served to browsers.
 * @throws {WechatLoginError} `SECRET_EXPOSED`
 */
export function checkClientEnv(config: Pick<ResolvedConfig, 'env' | 'envPrefix'>, guard: Required<SecretGuardOptions>): void {
  const exposed = findExposedSecretNames(config.env, guard.names)
  if (exposed.length > 0)
    throw exposedError(exposed, [config.envPrefix ?? 'VITE_'].flat())
}

/**
 * Fails when a secret's value is in a client output file: chunks, HTML, CSS, source maps, and
 * the files copied from `publicDir`. Server (SSR) output is not checked: reading secrets there is
 * the point.
 * @throws {WechatLoginError} `SECRET_EXPOSED`
 */
export async function checkClientOutput(environment: OutputEnvironment, files: Iterable<OutputFile>, secrets: readonly SecretValue[]): Promise<void> {
  const { consumer, root, publicDir, build } = environment
  if (consumer !== 'client' || secrets.length === 0)
    return
  for (const file of files) {
    const text = file.type === 'chunk' ? file.code : typeof file.source === 'string' ? file.source : decoder.decode(file.source)
    const leaked = findLeakedSecrets(text, secrets)
    if (leaked.length > 0)
      throw leakError(file.fileName, leaked)
  }
  if (build.copyPublicDir && publicDir)
    await checkPublicDir(root, publicDir, secrets)
}
