import type { AddressInfo } from 'node:net'
import type { Plugin, PreviewServer, ViteDevServer } from 'vite'
import { rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { isWechatLoginError } from '@wechat-qr-login/core'
import { captureLogger, createTempApp, requestWithHost } from '@wechat-qr-login/test-utils/vite-app'
import { build, createServer, preview, resolveConfig } from 'vite'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { wechatQrLogin } from './plugin'

const roots: string[] = []
async function app(files?: Record<string, string>): Promise<string> {
  const root = await createTempApp(files)
  roots.push(root)
  return root
}

function portOf(server: ViteDevServer | PreviewServer): number {
  return (server.httpServer?.address() as AddressInfo).port
}

afterEach(() => {
  vi.unstubAllEnvs()
  vi.restoreAllMocks()
})

afterAll(async () => {
  await Promise.all(roots.map(root => rm(root, { recursive: true, force: true })))
})

describe('wechatQrLogin', () => {
  describe('on a real dev server', () => {
    let server: ViteDevServer
    const log = captureLogger()

    beforeAll(async () => {
      const root = await app({ '.env': 'WECHAT_TUNNEL_HOST=env-tunnel.example.com\n' })
      server = await createServer({
        root,
        configFile: false,
        customLogger: log.logger,
        server: { port: 0, host: '127.0.0.1' },
        plugins: [wechatQrLogin({ tunnel: 'https://ABC.natapp4.cc/some/path', callbackDomain: 'www.example.com', dev: false })],
      })
      await server.listen()
    })

    afterAll(async () => {
      await server?.close()
    })

    it('serves a request whose Host is the configured tunnel', async () => {
      const response = await requestWithHost(portOf(server), 'abc.natapp4.cc')
      expect(response.status).toBe(200)
      expect(response.body).toContain('<div id="app">')
    })

    it('serves the tunnel host read from WECHAT_TUNNEL_HOST in .env, port included in the Host', async () => {
      expect((await requestWithHost(portOf(server), 'env-tunnel.example.com:443')).status).toBe(200)
    })

    it('answers an unlisted Host with Vite\'s 403', async () => {
      const response = await requestWithHost(portOf(server), 'evil.example.net')
      expect(response.status).toBe(403)
      expect(response.body).toContain('Blocked request. This host ("evil.example.net") is not allowed.')
      expect(response.body).toContain('server.allowedHosts')
    })

    it('does not allow a sibling of the tunnel on the provider\'s domain', async () => {
      expect((await requestWithHost(portOf(server), 'other.natapp4.cc')).status).toBe(403)
    })

    it('lets the HMR WebSocket upgrade through the tunnel host only', async () => {
      const upgrade = { 'connection': 'Upgrade', 'upgrade': 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==', 'sec-websocket-protocol': 'vite-hmr' }
      expect((await requestWithHost(portOf(server), 'abc.natapp4.cc', '/', upgrade)).status).toBe(101)
      expect((await requestWithHost(portOf(server), 'evil.example.net', '/', upgrade)).status).not.toBe(101)
    })

    it('binds IPv4 loopback with a strict port while a tunnel is configured', () => {
      expect(server.config.server.strictPort).toBe(true)
      expect(server.config.server.host).toBe('127.0.0.1')
    })

    it('prints the banner after Vite\'s URLs, with a warning per problem', () => {
      server.printUrls()
      const output = log.output()
      const port = portOf(server)
      expect(output).toContain(`Tunnel:           env-tunnel.example.com, https://abc.natapp4.cc → http://127.0.0.1:${port}/ (point the tunnel at 127.0.0.1:${port})`)
      expect(output).toContain('Callback domain:  www.example.com')
      expect(output).toContain('Allowed hosts:    env-tunnel.example.com, abc.natapp4.cc')
      // The env tunnel leads (a developer's own tunnel over the committed default).
      expect(log.warnings()).toContainEqual(expect.stringMatching(/^\[wechat-qr-login\] The tunnel "env-tunnel.example.com" is not on the callback domain "www.example.com": WeChat refuses it/))
    })
  })

  describe('on a real preview server', () => {
    let server: PreviewServer
    let root: string

    beforeAll(async () => {
      root = await app()
      await build({ root, configFile: false, logLevel: 'silent', build: { outDir: join(root, 'dist') } })
      server = await preview({
        root,
        configFile: false,
        logLevel: 'silent',
        build: { outDir: join(root, 'dist') },
        preview: { port: 0, host: '127.0.0.1', allowedHosts: ['mine.example.com'] },
        plugins: [wechatQrLogin({ tunnel: 'abc.natappfree.cc' })],
      })
    })

    afterAll(async () => {
      await server?.close()
    })

    it('serves the tunnel Host and keeps the user\'s own preview.allowedHosts', async () => {
      const tunnel = await requestWithHost(portOf(server), 'abc.natappfree.cc')
      expect(tunnel.status).toBe(200)
      expect(tunnel.body).toContain('<div id="app">')
      expect((await requestWithHost(portOf(server), 'mine.example.com')).status).toBe(200)
    })

    it('answers an unlisted Host with the preview 403', async () => {
      const response = await requestWithHost(portOf(server), 'evil.example.net')
      expect(response.status).toBe(403)
      expect(response.body).toContain('preview.allowedHosts')
    })
  })

  describe('after a restart', () => {
    it('answers only the tunnel of the changed .env.local, with the port from the command line, and prints the banner again', { timeout: 20_000 }, async () => {
      const root = await app({ '.env.local': 'WECHAT_TUNNEL_URL=https://old-tunnel.example.com\n' })
      const log = captureLogger()
      // As `vite --port …` does: the command-line options are the inline config, kept for restarts.
      const server = await createServer({ root, configFile: false, customLogger: log.logger, server: { port: 0 }, plugins: [wechatQrLogin({ dev: false })] })
      try {
        await server.listen()
        server.printUrls()
        expect(log.output()).toContain('Tunnel:           https://old-tunnel.example.com → ')
        const beforeRestart = log.output().length

        await writeFile(join(root, '.env.local'), 'WECHAT_TUNNEL_URL=https://new-tunnel.example.com\n')
        // Vite restarts by itself when an env file changes.
        await vi.waitFor(() => expect(log.output().slice(beforeRestart)).toContain('server restarted.'), { timeout: 10_000 })

        expect((await requestWithHost(portOf(server), 'new-tunnel.example.com')).status).toBe(200)
        expect((await requestWithHost(portOf(server), 'old-tunnel.example.com')).status).toBe(403)
        await vi.waitFor(() => expect(log.output().slice(beforeRestart)).toContain('Tunnel:           https://new-tunnel.example.com → '))
        expect(log.output().slice(beforeRestart).match(/WeChat login \(wechat-qr-login\)/g)).toHaveLength(1)
      }
      finally {
        await server.close()
      }
    })
  })

  describe('resolved config', () => {
    it('adds the tunnel to the user\'s allowedHosts without binding or fixing the port when asked not to', async () => {
      const root = await app()
      const config = await resolveConfig({
        root,
        configFile: false,
        logLevel: 'silent',
        server: { allowedHosts: ['mine.example.com'] },
        plugins: [wechatQrLogin({ tunnel: '*.natapp4.cc', host: false, strictPort: false })],
      }, 'serve')
      expect(config.server.allowedHosts).toEqual(['mine.example.com', '.natapp4.cc'])
      expect(config.server.strictPort).toBe(false)
      expect(config.server.host).toBeUndefined()
    })

    it('leaves plain `vite dev` alone when no tunnel is configured', async () => {
      const root = await app()
      const config = await resolveConfig({ root, configFile: false, logLevel: 'silent', plugins: [wechatQrLogin()] }, 'serve')
      expect(config.server.allowedHosts).toEqual([])
      expect(config.server.strictPort).toBe(false)
      expect(config.server.host).toBeUndefined()
    })

    it('reads WECHAT_TUNNEL_URL from the environment over the same variable in .env', async () => {
      vi.stubEnv('WECHAT_TUNNEL_URL', 'https://from-process.ngrok-free.app')
      const root = await app({ '.env': 'WECHAT_TUNNEL_URL=https://from-file.ngrok-free.app\n' })
      const config = await resolveConfig({ root, configFile: false, logLevel: 'silent', plugins: [wechatQrLogin()] }, 'serve')
      expect(config.server.allowedHosts).toContain('from-process.ngrok-free.app')
      expect(config.server.allowedHosts).not.toContain('from-file.ngrok-free.app')
    })

    it('sets allowedHosts to true only when asked, with the DNS-rebinding warning', async () => {
      const root = await app()
      const log = captureLogger()
      const config = await resolveConfig({
        root,
        configFile: false,
        customLogger: log.logger,
        server: { allowedHosts: ['mine.example.com'] },
        plugins: [wechatQrLogin({ allowAllHosts: true })],
      }, 'serve')
      expect(config.server.allowedHosts).toBe(true)
      expect(config.preview.allowedHosts).toBe(true)
      expect(log.warnings().join('\n')).toMatch(/^\[wechat-qr-login\] wechatQrLogin\(\{ allowAllHosts: true \}\) sets server\.allowedHosts: true, which turns off the Host check: any website you visit can read your dev server .* through DNS rebinding/)
    })

    it('keeps a hand-written allowedHosts: true, and says why the tunnel list is safer', async () => {
      const root = await app()
      const log = captureLogger()
      const config = await resolveConfig({
        root,
        configFile: false,
        customLogger: log.logger,
        server: { allowedHosts: true },
        plugins: [wechatQrLogin({ tunnel: 'abc.natapp4.cc' })],
      }, 'serve')
      expect(config.server.allowedHosts).toBe(true)
      expect(log.warnings().join('\n')).toContain('server.allowedHosts: true in your Vite config turns off the Host check')
    })

    it('writes the HMR options to server.ws on this Vite, without Vite\'s deprecation warning', async () => {
      const root = await app()
      const consoleWarn = vi.spyOn(console, 'warn')
      const config = await resolveConfig({
        root,
        configFile: false,
        logLevel: 'silent',
        plugins: [wechatQrLogin({ tunnel: 'https://abc.natapp4.cc', hmr: { protocol: 'wss', clientPort: 443 } })],
      }, 'serve')
      expect(config.server.ws).toMatchObject({ protocol: 'wss', clientPort: 443 })
      expect(consoleWarn).not.toHaveBeenCalledWith(expect.stringContaining('is deprecated'))
    })

    it('mirrors the tunnel into an explicit preview.allowedHosts', async () => {
      const root = await app()
      const config = await resolveConfig({
        root,
        configFile: false,
        logLevel: 'silent',
        preview: { allowedHosts: ['mine.example.com'] },
        plugins: [wechatQrLogin({ tunnel: 'abc.natapp4.cc' })],
      }, 'serve', 'production', 'production', true)
      expect(config.preview.allowedHosts).toEqual(expect.arrayContaining(['mine.example.com', 'abc.natapp4.cc']))
    })

    it('stops Vite with a typed error for a bad tunnel in the environment', async () => {
      vi.stubEnv('WECHAT_TUNNEL_HOST', '.cc')
      const root = await app()
      const error = await resolveConfig({ root, configFile: false, logLevel: 'silent', plugins: [wechatQrLogin()] }, 'serve').catch(error_ => error_)
      expect(isWechatLoginError(error, 'INVALID_TUNNEL_HOST')).toBe(true)
      expect(error.option).toBe('WECHAT_TUNNEL_HOST')
    })
  })

  it('is one plugin, which provides virtual:wechat-qr-login unless the dev integration is turned off', async () => {
    const resolveVirtual = (plugin: Plugin): unknown => (plugin.resolveId as (id: string) => unknown)('virtual:wechat-qr-login')
    expect(wechatQrLogin().name).toBe('wechat-qr-login')
    expect(resolveVirtual(wechatQrLogin())).toBe('\0virtual:wechat-qr-login')
    expect(resolveVirtual(wechatQrLogin({ secretGuard: false, dev: false }))).toBeUndefined()
  })

  it('rejects a bad option before Vite starts', () => {
    expect(() => wechatQrLogin({ tunnel: 'https://*.ngrok.io' })).toThrow(expect.objectContaining({ code: 'INVALID_TUNNEL_HOST', message: expect.stringContaining('Invalid "tunnel"') }))
  })
})
