import { isWechatLoginError } from '@wechat-qr-login/core'
import { describe, expect, it } from 'vitest'
import { authOptionsFromRuntimeConfig, EMPTY_RUNTIME_CONFIG } from './auth-options'

const credentials = { appid: 'wx0123456789abcdef', appsecret: '0123456789abcdef0123456789abcdef', sessionSecret: 'a session secret of at least 32 characters' }

describe('authOptionsFromRuntimeConfig', () => {
  it('leaves every unset value to the server package\'s default', () => {
    expect(authOptionsFromRuntimeConfig({ ...EMPTY_RUNTIME_CONFIG, ...credentials }, '/auth/wechat')).toEqual({
      appid: credentials.appid,
      secret: credentials.appsecret,
      sessionSecret: credentials.sessionSecret,
      basePath: '/auth/wechat',
      trustProxy: false,
    })
  })

  it('passes the values that are set, the cookie\'s one by one', () => {
    const deployment = {
      openBase: 'http://127.0.0.1:4399',
      apiBase: 'http://127.0.0.1:4399',
      redirectUri: 'https://www.example.com/auth/wechat/callback',
      appOrigin: 'https://www.example.com',
      trustProxy: true,
      returnPaths: ['/account'],
      defaultReturnPath: '/account',
    }
    const sessionSecret = ['a new session secret of 32 characters', 'the old session secret of 32 characters']
    const cookie = { name: '', maxAge: 3600, secure: 'auto' as const, domain: 'example.com' }
    expect(authOptionsFromRuntimeConfig({ ...EMPTY_RUNTIME_CONFIG, ...credentials, ...deployment, sessionSecret, cookie }, '/api/wechat')).toEqual({
      appid: credentials.appid,
      secret: credentials.appsecret,
      sessionSecret,
      basePath: '/api/wechat',
      ...deployment,
      cookie: { maxAge: 3600, secure: 'auto', domain: 'example.com' },
    })
  })

  it.each([
    ['appid', 'NUXT_WECHAT_APPID'],
    ['appsecret', 'NUXT_WECHAT_APPSECRET'],
    ['sessionSecret', 'NUXT_WECHAT_SESSION_SECRET'],
  ] as const)('names the variable of a missing %s', (key, variable) => {
    let error: unknown
    try {
      authOptionsFromRuntimeConfig({ ...EMPTY_RUNTIME_CONFIG, ...credentials, [key]: '' }, '/auth/wechat')
    }
    catch (thrown) {
      error = thrown
    }
    expect(isWechatLoginError(error) && error.code).toBe('INVALID_OPTION')
    expect((error as Error).message).toContain(`Missing runtimeConfig.wechat.${key}: set ${variable}`)
  })

  it('passes the Official Account of NUXT_WECHAT_OA_APPID and NUXT_WECHAT_OA_APPSECRET', () => {
    const officialAccount = { oaAppid: 'wxfedcba9876543210', oaAppsecret: 'fedcba9876543210fedcba9876543210' }
    expect(authOptionsFromRuntimeConfig({ ...EMPTY_RUNTIME_CONFIG, ...credentials, ...officialAccount }, '/auth/wechat')).toMatchObject({
      officialAccount: { appid: officialAccount.oaAppid, secret: officialAccount.oaAppsecret },
    })
  })

  it.each([
    ['oaAppid', 'NUXT_WECHAT_OA_APPID', { oaAppsecret: 'fedcba9876543210fedcba9876543210' }],
    ['oaAppsecret', 'NUXT_WECHAT_OA_APPSECRET', { oaAppid: 'wxfedcba9876543210' }],
  ] as const)('names the variable of a missing %s when the other half of the Official Account is set', (key, variable, half) => {
    expect(() => authOptionsFromRuntimeConfig({ ...EMPTY_RUNTIME_CONFIG, ...credentials, ...half }, '/auth/wechat')).toThrow(`Missing runtimeConfig.wechat.${key}: set ${variable}`)
  })

  it('takes an empty list of session secrets for a missing one', () => {
    expect(() => authOptionsFromRuntimeConfig({ ...EMPTY_RUNTIME_CONFIG, ...credentials, sessionSecret: [] }, '/auth/wechat')).toThrow('NUXT_WECHAT_SESSION_SECRET')
  })
})
