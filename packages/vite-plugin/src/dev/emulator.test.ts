import type { AddressInfo } from 'node:net'
import type { DevEmulatorPlan } from './plan'
import { createServer } from 'node:net'
import { createWechatEmulator, DEMO_APP, DEMO_OFFICIAL_ACCOUNT } from '@wechat-qr-login/emulator'
import { describe, expect, it, vi } from 'vitest'
import { acquireEmulator } from './emulator'

vi.mock('@wechat-qr-login/emulator', async (importOriginal) => {
  const original = await importOriginal<typeof import('@wechat-qr-login/emulator')>()
  return { ...original, createWechatEmulator: vi.fn(original.createWechatEmulator) }
})

const plan: DevEmulatorPlan = {
  settings: { options: {}, port: 0, lan: false },
  callbackDomains: ['localhost', '127.0.0.1'],
  allowSubdomains: false,
  tunnelPublicUrl: undefined,
  tunnelHosts: [],
  tunnelWebAuthDomain: undefined,
}

async function isListening(url: string): Promise<boolean> {
  return fetch(url).then(() => true, () => false)
}

describe('acquireEmulator', () => {
  it('shares one emulator per app and options until the last user gives it back', async () => {
    const first = await acquireEmulator('/app', plan, 5173)
    const second = await acquireEmulator('/app', plan, 5173)
    const other = await acquireEmulator('/other-app', plan, 5173)
    expect(second.running).toBe(first.running)
    expect(other.running.url).not.toBe(first.running.url)
    expect(first.running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)

    await first.release()
    await first.release()
    expect(await isListening(first.running.url)).toBe(true)
    await second.release()
    expect(await isListening(first.running.url)).toBe(false)
    await other.release()
    expect(await isListening(other.running.url)).toBe(false)
  })

  it('starts afresh after the last release', async () => {
    const first = await acquireEmulator('/app', plan, 5173)
    await first.release()
    const again = await acquireEmulator('/app', plan, 5173)
    expect(again.running).not.toBe(first.running)
    expect(await isListening(again.running.url)).toBe(true)
    await again.release()
  })

  it('binds another free port when the probed one is taken before the emulator binds it', async () => {
    const real = vi.mocked(createWechatEmulator).getMockImplementation()!
    const racer = createServer()
    // Another process takes the probed port just before the emulator binds it: the real listen()
    // then fails as it does in that race, with its typed error.
    vi.mocked(createWechatEmulator).mockClear().mockImplementationOnce((options) => {
      const emulator = real(options)
      return {
        ...emulator,
        listen: async (listenOptions) => {
          await new Promise<void>(resolve => racer.listen(listenOptions?.port, listenOptions?.hostname, resolve))
          return emulator.listen(listenOptions)
        },
      }
    })
    try {
      const lease = await acquireEmulator('/racing-app', plan, 5173)
      expect(createWechatEmulator).toHaveBeenCalledTimes(2)
      expect(lease.running.port).not.toBe((racer.address() as AddressInfo).port)
      expect(await isListening(lease.running.url)).toBe(true)
      await lease.release()
    }
    finally {
      await new Promise(resolve => racer.close(resolve))
    }
  })

  it('runs the demo app on the plan\'s callback domains, subdomains too for a provider preset', async () => {
    const lease = await acquireEmulator('/preset-app', { ...plan, callbackDomains: ['localhost', 'natappfree.cc'], allowSubdomains: true }, 5173)
    expect(lease.running.app).toEqual({ ...DEMO_APP, callbackDomain: ['localhost', 'natappfree.cc'] })
    const qrPage = (host: string): Promise<Response> => fetch(`${lease.running.url}/connect/qrconnect?${new URLSearchParams({ appid: DEMO_APP.appid, redirect_uri: `http://${host}/auth/wechat/callback`, response_type: 'code', scope: 'snsapi_login', state: 's' })}`)
    expect((await qrPage('xyz789.natappfree.cc')).headers.get('x-wechat-emulator-error')).toBeNull()
    expect((await qrPage('xyz789.natapp1.cc')).headers.get('x-wechat-emulator-error')).not.toBeNull()
    await lease.release()
  })

  it('runs the demo Official Account on the dev server\'s host and where phones come from: the tunnel, else 127.0.0.1', async () => {
    const local = await acquireEmulator('/oa-app', plan, 5174)
    expect(local.running.officialAccount).toEqual({ ...DEMO_OFFICIAL_ACCOUNT, webAuthDomain: ['localhost:5174', '127.0.0.1:5174'] })
    await local.release()
    const tunnelled = await acquireEmulator('/oa-tunnel-app', { ...plan, tunnelWebAuthDomain: 'abc.natapp4.cc' }, 5174)
    expect(tunnelled.running.officialAccount?.webAuthDomain).toEqual(['localhost:5174', 'abc.natapp4.cc'])
    await tunnelled.release()
    const none = await acquireEmulator('/no-oa-app', { ...plan, settings: { ...plan.settings, options: { officialAccounts: [] } } }, 5174)
    expect(none.running.officialAccount).toBeUndefined()
    await none.release()
  })

  it('logs in with the first of the options\' apps when they are given', async () => {
    const app = { appid: 'wx00000000000000aa', secret: 'own', callbackDomain: 'localhost' }
    const lease = await acquireEmulator('/own-app', { ...plan, settings: { ...plan.settings, options: { apps: [app] } } }, 5173)
    expect(lease.running.app).toEqual(app)
    await lease.release()
  })

  it('refuses bad emulator options with the emulator\'s typed error', async () => {
    await expect(acquireEmulator('/app', { ...plan, settings: { ...plan.settings, options: { qrLifetime: 0 } } }, 5173)).rejects.toMatchObject({ code: 'INVALID_OPTION', option: 'qrLifetime' })
  })
})
