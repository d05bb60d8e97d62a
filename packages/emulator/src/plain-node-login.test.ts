import type { TestEmulator } from '@wechat-qr-login/test-utils/emulator'
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { startTestEmulator } from '@wechat-qr-login/test-utils/emulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const script = fileURLToPath(new URL('../examples/plain-node-login.mjs', import.meta.url))

let test: TestEmulator
beforeAll(async () => {
  test = await startTestEmulator()
})
afterAll(() => test.close())

describe('examples/plain-node-login.mjs', () => {
  it('logs in with plain fetch and WeChat\'s documented API', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [script, test.url], { timeout: 20_000 })
    const result = JSON.parse(stdout)
    const [token] = test.emulator.tokens()
    expect(result).toEqual({
      nickname: '张伟',
      openid: token!.openid,
      unionid: token!.unionid,
      headimgurl: `${test.url}/__emulator/avatar/zhang-wei/132`,
      expiresIn: 7200,
      tokenValid: true,
      replayErrcode: 40163,
    })
    expect(test.emulator.sessions()).toEqual([expect.objectContaining({ status: 'confirmed', userId: 'zhang-wei', embedded: false })])
  })
})
