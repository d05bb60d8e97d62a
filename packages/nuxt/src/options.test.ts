import type { ModuleOptions } from './options'
import { isWechatLoginError } from '@wechat-qr-login/core'
import { describe, expect, it } from 'vitest'
import { resolveModuleOptions } from './options'

function rejection(options: unknown): { code: string, option?: string, message: string } {
  try {
    resolveModuleOptions(options as ModuleOptions)
  }
  catch (error) {
    expect(isWechatLoginError(error)).toBe(true)
    return error as { code: string, option?: string, message: string }
  }
  throw new Error('expected a rejection')
}

describe('resolveModuleOptions', () => {
  it('applies the defaults', () => {
    expect(resolveModuleOptions({})).toEqual({ basePath: '/auth/wechat', loginPath: '/login', login: {}, dev: {}, secretGuard: true })
  })

  it('keeps the options given: a root login page, the component\'s defaults, no dev tools', () => {
    expect(resolveModuleOptions({ basePath: '/api/wechat', loginPath: '/', login: { mode: 'new-window' }, dev: false, secretGuard: false }))
      .toEqual({ basePath: '/api/wechat', loginPath: '/', login: { mode: 'new-window' }, dev: false, secretGuard: false })
  })

  it.each([
    [{ basePath: 'auth/wechat' }, 'wechatQrLogin.basePath'],
    [{ basePath: '/auth/wechat/' }, 'wechatQrLogin.basePath'],
    [{ basePath: '/' }, 'wechatQrLogin.basePath'],
    [{ basePath: '//evil.example/auth' }, 'wechatQrLogin.basePath'],
    [{ basePath: '/auth?x=1' }, 'wechatQrLogin.basePath'],
    [{ loginPath: 'https://evil.example/login' }, 'wechatQrLogin.loginPath'],
    [{ loginPath: '/login#qr' }, 'wechatQrLogin.loginPath'],
    [{ loginPath: '/auth/wechat/login' }, 'wechatQrLogin.loginPath'],
    [{ login: 'embedded' }, 'wechatQrLogin.login'],
    [{ login: { appid: 'wx0123456789abcdef' } }, 'wechatQrLogin.login.appid'],
    [{ login: { authBase: '/api' } }, 'wechatQrLogin.login.authBase'],
    [{ dev: true }, 'wechatQrLogin.dev'],
  ])('refuses %j, naming %s', (options, option) => {
    const error = rejection(options)
    expect(error).toMatchObject({ code: 'INVALID_OPTION', option })
    expect(error.message).toContain(`Invalid "${option}"`)
  })

  it('says where the routes go instead of the component\'s authBase', () => {
    expect(rejection({ login: { authBase: '/api' } }).message).toContain('set "wechatQrLogin.basePath" instead')
  })
})
