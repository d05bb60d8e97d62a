import { interceptScripts, resetTestState } from '@wechat-qr-login/test-utils/vue'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { loadWxLogin } from './wx-login-script'

afterEach(() => {
  resetTestState()
  delete (window as Window & { WxLogin?: unknown }).WxLogin
})

describe('loadWxLogin', () => {
  it('loads a script once per URL and page, whoever asks', async () => {
    const scripts = interceptScripts()
    const url = 'https://res.wx.qq.com/connect/zh_CN/htmledition/js/wxLogin.js'
    const [first, second] = await Promise.all([loadWxLogin(url), loadWxLogin(url)])
    expect(first).toBe(second)
    expect(await loadWxLogin(url)).toBe(first)
    expect(scripts).toHaveLength(1)
    expect(scripts[0]!.src).toBe(url)
    expect(scripts[0]!.async).toBe(true)
  })

  it('rejects a failed load with SCRIPT_LOAD_FAILED, then loads again on retry', async () => {
    let attempt = 0
    const scripts = interceptScripts(() => ++attempt === 1 ? 'error' : 'load')
    const url = 'http://127.0.0.1:4399/connect/zh_CN/htmledition/js/wxLogin.js'
    await expect(loadWxLogin(url)).rejects.toMatchObject({ code: 'SCRIPT_LOAD_FAILED', option: 'scriptUrl' })
    await expect(loadWxLogin(url)).resolves.toBeTypeOf('function')
    expect(scripts).toHaveLength(2)
  })

  it('rejects with TIMEOUT when the script never answers', async () => {
    vi.useFakeTimers()
    interceptScripts(() => 'hang')
    const loading = loadWxLogin('https://slow.example/wxLogin.js', { timeout: 3000 })
    const outcome = expect(loading).rejects.toMatchObject({ code: 'TIMEOUT', option: 'scriptTimeout' })
    await vi.advanceTimersByTimeAsync(3000)
    await outcome
  })

  it('rejects a script that defines no WxLogin', async () => {
    interceptScripts(() => 'empty')
    await expect(loadWxLogin('https://example.com/not-wxlogin.js')).rejects.toMatchObject({ code: 'SCRIPT_LOAD_FAILED' })
  })
})
