import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import process from 'node:process'
import { promisify } from 'node:util'
import { findChromium } from '../../e2e/browser'

const require = createRequire(import.meta.url)

/** Where a run happened and with what. */
export interface MachineInfo {
  date: string
  cpu: string
  cores: number
  ramGb: number
  os: string
  versions: Record<string, string>
}

function packageVersion(name: string): string {
  try {
    return (require(`${name}/package.json`) as { version: string }).version
  }
  catch {
    return 'not installed'
  }
}

function osName(): string {
  try {
    const release = readFileSync('/etc/os-release', 'utf8').match(/^PRETTY_NAME="?([^"\n]*)"?/m)?.[1]
    if (release)
      return `${release} (${os.type()} ${os.release()} ${os.arch()})`
  }
  catch {}
  return `${os.type()} ${os.release()} ${os.arch()}`
}

async function chromiumVersion(): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)(findChromium(), ['--version'])
    return stdout.trim().replace(/^Chromium\s+/i, '').replace(/\s+built on .*$/, '')
  }
  catch (error) {
    return `unavailable (${(error as Error).message.split('\n')[0]})`
  }
}

/** CPU model, cores, RAM, OS and the versions of everything measured. */
export async function machineInfo(): Promise<MachineInfo> {
  const cpus = os.cpus()
  return {
    date: new Date().toISOString(),
    cpu: cpus[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown',
    cores: cpus.length,
    ramGb: Math.round(os.totalmem() / 2 ** 30 * 10) / 10,
    os: osName(),
    versions: {
      'Node': process.version.slice(1),
      'Vite': packageVersion('vite'),
      'Vue': packageVersion('vue'),
      'Pinia': packageVersion('pinia'),
      'Chromium': await chromiumVersion(),
      'Express': packageVersion('express'),
      'passport': packageVersion('passport'),
      'passport-wechat': packageVersion('passport-wechat'),
      'wechat-oauth': packageVersion('wechat-oauth'),
      'vue3-google-login': packageVersion('vue3-google-login'),
      'vue-next-wxlogin': packageVersion('vue-next-wxlogin'),
      'vue-wxlogin': packageVersion('vue-wxlogin'),
      '@wechat-qr-login/*': packageVersion('@wechat-qr-login/vue'),
    },
  }
}

/** One line: `Intel Xeon … · 2 cores · 23.5 GB RAM · Debian …`. */
export function describeMachine(info: MachineInfo): string {
  return `${info.cpu} · ${info.cores} cores · ${info.ramGb} GB RAM · ${info.os}`
}
