import type { AddressInfo } from 'node:net'
import { createServer } from 'node:net'
import { DEFAULT_EMULATOR_PORT } from '@wechat-qr-login/core/internal'
import { describe, expect, it } from 'vitest'
import { CLI_HELP, parseCommandLine, runCommand } from './command'
import { DEMO_APP } from './index'

describe('parseCommandLine', () => {
  it('defaults to 127.0.0.1:4399 and the demo app', () => {
    expect(parseCommandLine([])).toEqual({ help: false, options: {}, listen: { port: DEFAULT_EMULATOR_PORT, hostname: '127.0.0.1' } })
  })

  it('reads every flag', () => {
    const parsed = parseCommandLine([
      '--port',
      '0',
      '--host',
      '0.0.0.0',
      '--app',
      'wx0000000000000001:s1:example.com',
      '--app',
      'wx0000000000000002:s2:localhost:platform',
      '--user',
      'wang:王芳:二号',
      '--public-url',
      'https://abc.trycloudflare.com',
      '--qr-lifetime',
      '60',
      '--long-poll-timeout',
      '1000',
      '--latency',
      '50',
      '--max-sessions',
      '10',
      '--strict',
      '--allow-subdomains',
      '--full-profile',
    ])
    expect(parsed).toEqual({
      help: false,
      listen: { port: 0, hostname: '0.0.0.0' },
      options: {
        apps: [
          { appid: 'wx0000000000000001', secret: 's1', callbackDomain: 'example.com' },
          { appid: 'wx0000000000000002', secret: 's2', callbackDomain: 'localhost', openPlatformId: 'platform' },
        ],
        users: [{ id: 'wang', nickname: '王芳:二号' }],
        publicUrl: 'https://abc.trycloudflare.com',
        qrLifetime: 60,
        longPollTimeout: 1000,
        latency: 50,
        maxSessions: 10,
        strict: true,
        allowSubdomains: true,
        blankProfile: false,
      },
    })
  })

  it('refuses unknown flags and bad values with the flag named', () => {
    expect(() => parseCommandLine(['--nope'])).toThrowError(expect.objectContaining({ code: 'INVALID_OPTION', message: expect.stringContaining('--help') }))
    expect(() => parseCommandLine(['--port', 'abc'])).toThrowError(expect.objectContaining({ option: '--port' }))
    expect(() => parseCommandLine(['--app', 'wx0000000000000001:secret'])).toThrowError(expect.objectContaining({ option: '--app' }))
    expect(() => parseCommandLine(['--user', 'nobody'])).toThrowError(expect.objectContaining({ option: '--user' }))
  })
})

describe('runCommand', () => {
  it('starts the emulator and prints its URLs', async () => {
    const lines: string[] = []
    const server = await runCommand(['--port', '0'], line => lines.push(line))
    try {
      const output = lines.join('\n')
      expect(output).toContain(`openBase = apiBase  ${server!.url}`)
      expect(output).toContain(`${server!.url}/connect/zh_CN/htmledition/js/wxLogin.js`)
      expect(output).toContain(`app ${DEMO_APP.appid}  secret ${DEMO_APP.secret} (demo, public)  callback domain localhost`)
      expect(output).toContain('/__emulator/sessions  (test-only)')
      expect((await fetch(`${server!.url}/`)).status).toBe(200)
    }
    finally {
      await server?.close()
    }
  })

  it('never prints a secret it was given', async () => {
    const lines: string[] = []
    const server = await runCommand(['--port', '0', '--app', 'wx0000000000000001:topsecret:localhost'], line => lines.push(line))
    await server?.close()
    expect(lines.join('\n')).not.toContain('topsecret')
  })

  it('names the flags, not the option names, in the emulator\'s errors', async () => {
    const print = (): void => {}
    await expect(runCommand(['--port', '0', '--public-url', 'ftp://phones.example'], print)).rejects.toMatchObject({ code: 'INVALID_BASE_URL', option: '--public-url', message: expect.stringMatching(/^\[wechat-qr-login\] Invalid "--public-url": .* Run wechat-emulator --help\.\nSee https:\/\/wechat-qr-login\.github\.io\/reference\/errors#invalid_base_url$/) })
    await expect(runCommand(['--port', '70000'], print)).rejects.toMatchObject({ code: 'INVALID_OPTION', option: '--port', message: expect.stringContaining('Invalid "--port": expected an integer') })
    await expect(runCommand(['--port', '0', '--qr-lifetime', '0'], print)).rejects.toMatchObject({ option: '--qr-lifetime', message: expect.stringContaining('Invalid "--qr-lifetime"') })
    const error = await runCommand(['--port', '0', '--app', 'wx0000000000000001:s1:localhost', '--app', 'wx0000000000000002:topsecret:my_app.example'], print).catch((error_: unknown) => error_)
    expect(error).toMatchObject({ code: 'INVALID_OPTION', option: '--app', message: expect.stringContaining('Invalid "--app" (the 2nd, its callbackDomain): expected a bare host') })
    expect((error as Error).message).not.toContain('topsecret')

    const taken = createServer()
    await new Promise<void>(resolve => taken.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = taken.address() as AddressInfo
      await expect(runCommand(['--port', String(port)], print)).rejects.toMatchObject({ option: '--port', message: expect.stringContaining('Pick another "--port" (0 = any free one) or "--host"') })
    }
    finally {
      await new Promise(resolve => taken.close(resolve))
    }
  })

  it('prints the help', async () => {
    const lines: string[] = []
    expect(await runCommand(['--help'], line => lines.push(line))).toBeUndefined()
    expect(lines).toEqual([CLI_HELP])
  })
})
