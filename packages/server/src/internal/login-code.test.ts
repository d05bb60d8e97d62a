import type { AuthHarness } from '@wechat-qr-login/test-utils/auth-harness'
import { APP, postJson, setupAuth } from '@wechat-qr-login/test-utils/auth-harness'
import { readRelayPage } from '@wechat-qr-login/test-utils/relay'
import { describe, expect, it } from 'vitest'
import { MAX_CODE_LENGTH } from './login-code'

describe('MAX_CODE_LENGTH', () => {
  async function send(harness: AuthHarness, route: 'callback' | 'exchange', code: string): Promise<{ status: number, code: string }> {
    const state = await harness.start('?mode=new-window')
    if (route === 'callback') {
      const response = await harness.callback({ code, state })
      const result = readRelayPage(await response.text()).message.result as { code: string }
      return { status: response.status, code: result.code }
    }
    const response = await harness.jar.fetch(`${APP}/auth/wechat/exchange`, postJson({ code, state }))
    return { status: response.status, code: (await response.json() as { error: { code: string } }).error.code }
  }

  it.each(['callback', 'exchange'] as const)('lets %s send codes up to the shared limit to WeChat, and refuses longer ones', async (route) => {
    const harness = setupAuth()
    expect(await send(harness, route, 'c'.repeat(MAX_CODE_LENGTH + 1))).toEqual({ status: 400, code: 'INVALID_REQUEST' })
    expect(harness.wechat.calls).toEqual([])
    // Unknown to the fake WeChat, so refused there: what matters is that it got there.
    expect(await send(harness, route, 'c'.repeat(MAX_CODE_LENGTH))).toEqual({ status: 502, code: 'WECHAT_API_ERROR' })
    expect(harness.wechat.calls).toHaveLength(1)
  })
})
