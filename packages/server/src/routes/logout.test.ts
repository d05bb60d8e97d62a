import { APP, postJson, setupAuth } from '@wechat-qr-login/test-utils/auth-harness'
import { describe, expect, it } from 'vitest'

describe('POST /logout', () => {
  it.each([
    ['"everywhere" without a session store', { everywhere: true }, '"everywhere" needs a session store'],
    ['an "everywhere" that is not a boolean', { everywhere: 'yes' }, 'Send {} or { "everywhere": true }'],
  ])('refuses %s with 400 and keeps the session', async (_, body, message) => {
    const harness = setupAuth()
    await harness.callback({ code: harness.wechat.issueCode(), state: await harness.start() })
    const response = await harness.jar.fetch(`${APP}/auth/wechat/logout`, postJson(body))
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({ error: { code: 'INVALID_REQUEST', message: expect.stringContaining(message) } })
    expect((await harness.session()).authenticated).toBe(true)
  })
})
