import type { VirtualModuleInput, WechatQrLoginDevConfig } from './virtual-module'
import { Buffer } from 'node:buffer'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { renderVirtualModule } from './virtual-module'

const emulatorInput: VirtualModuleInput = {
  mode: 'emulator',
  authBase: '/auth/wechat',
  appid: 'wxdeadbeefcafef00d',
  openBase: 'http://127.0.0.1:4399',
  redirectUri: undefined,
  serverOrigin: 'http://localhost:5173',
  emulator: { url: 'http://127.0.0.1:4399', publicUrl: undefined },
}

let evaluations = 0

/** Runs the generated module as a browser on `pageUrl` would (or as SSR without one). */
async function evaluate(code: string, pageUrl?: string): Promise<WechatQrLoginDevConfig & { default: WechatQrLoginDevConfig }> {
  if (pageUrl)
    vi.stubGlobal('location', new URL(pageUrl))
  // A data: URL is a module URL: the counter makes each evaluation a fresh module.
  const source = `${code}\n// ${++evaluations}`
  return import(/* @vite-ignore */ `data:text/javascript;base64,${Buffer.from(source).toString('base64')}`)
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('renderVirtualModule', () => {
  it('hands a localhost page the emulator on 127.0.0.1, and the redirect URI on the page\'s origin', async () => {
    const module = await evaluate(renderVirtualModule(emulatorInput), 'http://localhost:5173/#/account')
    expect(module.default).toEqual({
      mode: 'emulator',
      authBase: '/auth/wechat',
      appid: 'wxdeadbeefcafef00d',
      openBase: 'http://127.0.0.1:4399',
      redirectUri: 'http://localhost:5173/auth/wechat/callback',
      emulator: {
        url: 'http://127.0.0.1:4399',
        phonePageBase: 'http://127.0.0.1:4399/connect/confirm?uuid=',
        publicUrl: undefined,
        controlBase: 'http://127.0.0.1:4399/__emulator',
        latestQrUrl: '/__wechat-emulator/latest-qr',
        userAgentCookie: 'wechat_emulator_ua',
      },
    })
    expect(module.openBase).toBe(module.default.openBase)
    expect(Object.isFrozen(module.default)).toBe(true)
  })

  it('hands a page on 127.0.0.1 the emulator as localhost, so that it stays another site', async () => {
    const module = await evaluate(renderVirtualModule(emulatorInput), 'http://127.0.0.1:5173/')
    expect(module.openBase).toBe('http://localhost:4399')
    expect(module.emulator?.controlBase).toBe('http://localhost:4399/__emulator')
    expect(module.redirectUri).toBe('http://127.0.0.1:5173/auth/wechat/callback')
  })

  it('puts phones on the public URL (LAN or tunnel)', async () => {
    const module = await evaluate(renderVirtualModule({ ...emulatorInput, emulator: { url: 'http://127.0.0.1:4399', publicUrl: 'https://abc.natapp4.cc/__wechat-emulator' } }), 'http://localhost:5173/')
    expect(module.emulator).toMatchObject({ url: 'http://127.0.0.1:4399', publicUrl: 'https://abc.natapp4.cc/__wechat-emulator', phonePageBase: 'https://abc.natapp4.cc/__wechat-emulator/connect/confirm?uuid=' })
  })

  it('uses the server\'s origin outside a browser (SSR)', async () => {
    const module = await evaluate(renderVirtualModule({ ...emulatorInput, serverOrigin: 'http://127.0.0.1:5180' }))
    expect(module.redirectUri).toBe('http://127.0.0.1:5180/auth/wechat/callback')
    expect(module.openBase).toBe('http://localhost:4399')
  })

  it('describes the real WeChat with a fixed redirect URI and no emulator', async () => {
    const module = await evaluate(renderVirtualModule({
      mode: 'wechat',
      authBase: '/api/wechat',
      appid: 'wx0123456789abcdef',
      openBase: 'https://open.weixin.qq.com',
      redirectUri: 'https://abc.natapp4.cc/api/wechat/callback',
      serverOrigin: 'http://localhost:5173',
    }), 'https://abc.natapp4.cc/')
    expect(module.default).toEqual({
      mode: 'wechat',
      authBase: '/api/wechat',
      appid: 'wx0123456789abcdef',
      openBase: 'https://open.weixin.qq.com',
      redirectUri: 'https://abc.natapp4.cc/api/wechat/callback',
      emulator: undefined,
    })
  })

  it('encodes every value as a literal, so that no input can inject code', async () => {
    const module = await evaluate(renderVirtualModule({ ...emulatorInput, authBase: '/a"+alert(1)+"' }), 'http://localhost:5173/')
    expect(module.authBase).toBe('/a"+alert(1)+"')
  })
})
