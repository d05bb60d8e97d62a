import { readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { isWechatLoginError } from '@wechat-qr-login/core'
import { captureLogger, createTempApp } from '@wechat-qr-login/test-utils/vite-app'
import { build, createServer } from 'vite'
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { wechatQrLogin } from '../plugin'
import { collectSecretValues, findExposedSecretNames, findLeakedSecrets, maskSecret } from './secret-guard'

// Shaped like a WeChat AppSecret: 32 lowercase hex characters.
const APPSECRET = '0f1e2d3c4b5a69788796a5b4c3d2e1f0'

const roots: string[] = []
async function app(files?: Record<string, string>): Promise<string> {
  const root = await createTempApp(files)
  roots.push(root)
  return root
}

afterEach(() => {
  vi.unstubAllEnvs()
})

afterAll(async () => {
  await Promise.all(roots.map(root => rm(root, { recursive: true, force: true })))
})

async function readOutput(dir: string): Promise<string> {
  const files = await readdir(dir, { recursive: true, withFileTypes: true })
  const texts = await Promise.all(files.filter(file => file.isFile()).map(file => readFile(join(file.parentPath, file.name), 'utf8')))
  return texts.join('\n')
}

describe('findExposedSecretNames', () => {
  it('finds client variables named like a secret', () => {
    expect(findExposedSecretNames({ VITE_WECHAT_APPSECRET: 'x', VITE_WECHAT_APPID: 'wx', BASE_URL: '/', VITE_client_secret: 'y' }, [/secret/i])).toEqual(['VITE_WECHAT_APPSECRET', 'VITE_client_secret'])
  })

  it('gives the same answer for a /g pattern every time', () => {
    const names = [/SECRET/g]
    expect(findExposedSecretNames({ A_SECRET: 'x', B_SECRET: 'y' }, names)).toEqual(['A_SECRET', 'B_SECRET'])
  })
})

describe('collectSecretValues', () => {
  it('takes values of secret-named variables, skips short ones, adds explicit values once', () => {
    expect(collectSecretValues({ WECHAT_APPSECRET: APPSECRET, SESSION_SECRET: 'short', WECHAT_APPID: 'wx0123456789abcdef', OTHER_SECRET: APPSECRET }, [/secret/i], ['token-value-123', APPSECRET])).toEqual([
      { label: 'WECHAT_APPSECRET', value: APPSECRET },
      { label: 'secretGuard.values[0]', value: 'token-value-123' },
    ])
  })

  it('adds the secrets given in the plugin\'s options once, under their option name', () => {
    expect(collectSecretValues({ WECHAT_APPSECRET: APPSECRET }, [/secret/i], [], [{ label: 'dev.server.secret', value: APPSECRET }, { label: 'dev.server.sessionSecret', value: 'session-secret-value' }])).toEqual([
      { label: 'WECHAT_APPSECRET', value: APPSECRET },
      { label: 'dev.server.sessionSecret', value: 'session-secret-value' },
    ])
  })
})

describe('findLeakedSecrets', () => {
  it('returns the secrets found in the text', () => {
    const secrets = [{ label: 'A', value: APPSECRET }, { label: 'B', value: 'not-in-there' }]
    expect(findLeakedSecrets(`const s = "${APPSECRET}"`, secrets)).toEqual([secrets[0]])
  })
})

describe('maskSecret', () => {
  it('shows the length and nothing of the value', () => {
    expect(maskSecret(APPSECRET)).toBe('32 characters, not shown')
  })
})

describe('wechatQrLogin secret guard', () => {
  it('fails a build whose client reads a VITE_-prefixed AppSecret, and says how to fix it', async () => {
    const root = await app({ '.env': `VITE_WECHAT_APPSECRET=${APPSECRET}\n`, 'main.js': 'console.log(import.meta.env.VITE_WECHAT_APPSECRET)\n' })
    const log = captureLogger()
    const error = await build({ root, configFile: false, customLogger: log.logger, logLevel: 'silent', plugins: [wechatQrLogin()] }).catch(error_ => error_)
    expect(isWechatLoginError(error, 'SECRET_EXPOSED')).toBe(true)
    expect(error.option).toBe('VITE_WECHAT_APPSECRET')
    expect(error.message).toContain('"VITE_WECHAT_APPSECRET" is exposed to client code')
    expect(error.message).toContain('Rename it without the prefix (e.g. "WECHAT_APPSECRET"), read it only in server code (process.env.WECHAT_APPSECRET)')
    expect(`${error.message}${log.output()}`).not.toContain(APPSECRET)
  })

  it('refuses to start a dev server that would serve the secret in import.meta.env', async () => {
    const root = await app({ '.env.development': `VITE_APP_SECRET=${APPSECRET}\n` })
    const error = await createServer({ root, configFile: false, logLevel: 'silent', plugins: [wechatQrLogin()] }).catch(error_ => error_)
    expect(isWechatLoginError(error, 'SECRET_EXPOSED')).toBe(true)
  })

  it('fails a build that inlines the AppSecret value, names the file and never prints the value', async () => {
    vi.stubEnv('WECHAT_APPSECRET', APPSECRET)
    const root = await app({ 'main.js': 'console.log(__WECHAT_APPSECRET__)\n' })
    const log = captureLogger()
    const error = await build({
      root,
      configFile: false,
      customLogger: log.logger,
      logLevel: 'silent',
      // The classic leak: a define that copies a server variable into client code.
      define: { __WECHAT_APPSECRET__: JSON.stringify(process.env.WECHAT_APPSECRET) },
      plugins: [wechatQrLogin()],
    }).catch(error_ => error_)
    // Rolldown wraps plugin errors the Rollup way: the WechatLoginError is kept, its code moves to pluginCode.
    expect(error.errors?.[0]).toMatchObject({ name: 'WechatLoginError', pluginCode: 'SECRET_EXPOSED', plugin: 'wechat-qr-login', option: 'WECHAT_APPSECRET' })
    expect(error.message).toMatch(/The value of WECHAT_APPSECRET \(32 characters, not shown\) appears in the client output file "assets\/index-[\w-]+\.js"/)
    expect(error.message).toContain('Read the secret only in server code (process.env.WECHAT_APPSECRET)')
    expect(`${error.message}${error.stack}${log.output()}`).not.toContain(APPSECRET)
  })

  it('fails a build that inlines the dev.server.secret, whatever variable it was read from', async () => {
    vi.stubEnv('WX_APP_KEY', APPSECRET)
    const root = await app({ 'main.js': 'console.log(__WX_APP_KEY__)\n' })
    const error = await build({
      root,
      configFile: false,
      logLevel: 'silent',
      define: { __WX_APP_KEY__: JSON.stringify(process.env.WX_APP_KEY) },
      plugins: [wechatQrLogin({ dev: { server: { appid: 'wx0123456789abcdef', secret: process.env.WX_APP_KEY } } })],
    }).catch(error_ => error_)
    expect(error.errors?.[0]).toMatchObject({ pluginCode: 'SECRET_EXPOSED', option: 'dev.server.secret' })
    expect(error.message).toContain('The value of dev.server.secret (32 characters, not shown) appears in the client output file')
    expect(`${error.message}${error.stack}`).not.toContain(APPSECRET)
  })

  it('fails a build whose public directory holds the AppSecret, naming the copied file', async () => {
    vi.stubEnv('WECHAT_APPSECRET', APPSECRET)
    const root = await app({ 'public/robots.txt': 'User-agent: *\n', 'public/config/wechat.json': JSON.stringify({ appid: 'wx0123456789abcdef', secret: APPSECRET }) })
    const error = await build({ root, configFile: false, logLevel: 'silent', plugins: [wechatQrLogin()] }).catch(error_ => error_)
    expect(error.errors?.[0]).toMatchObject({ pluginCode: 'SECRET_EXPOSED', option: 'WECHAT_APPSECRET' })
    expect(error.message).toContain('The value of WECHAT_APPSECRET (32 characters, not shown) appears in the client output file "config/wechat.json". The file is copied as is from "public/config/wechat.json"')
    expect(`${error.message}${error.stack}`).not.toContain(APPSECRET)
  })

  it('leaves the public directory alone when it is not copied', async () => {
    vi.stubEnv('WECHAT_APPSECRET', APPSECRET)
    const root = await app({ 'public/config.json': JSON.stringify({ secret: APPSECRET }) })
    await build({ root, configFile: false, logLevel: 'silent', build: { copyPublicDir: false }, plugins: [wechatQrLogin()] })
    expect(await readOutput(join(root, 'dist'))).not.toContain(APPSECRET)
  })

  it('passes a clean build while the AppSecret sits in the environment', async () => {
    vi.stubEnv('WECHAT_APPSECRET', APPSECRET)
    const root = await app({ '.env': 'VITE_WECHAT_APPID=wx0123456789abcdef\n', 'main.js': 'console.log(import.meta.env.VITE_WECHAT_APPID)\n' })
    await build({ root, configFile: false, logLevel: 'silent', plugins: [wechatQrLogin()] })
    const output = await readOutput(join(root, 'dist'))
    expect(output).toContain('wx0123456789abcdef')
    expect(output).not.toContain(APPSECRET)
  })
})
