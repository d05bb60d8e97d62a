import { buildEmbedUrl } from '@wechat-qr-login/core'
import { describe, expect, it } from 'vitest'
import { emulator } from './public-url'

/** reference/emulator: a publicUrl function, as the page shows it. */
describe('a publicUrl function', () => {
  async function phoneLink(redirectUri: string): Promise<string> {
    const page = await emulator.fetch(new Request(buildEmbedUrl({ appid: 'wx00112233445566aa', redirectUri, state: 'S', openBase: 'http://127.0.0.1:4399' })))
    const uuid = page.headers.get('x-wechat-emulator-uuid')
    return emulator.sessions().find(session => session.uuid === uuid)!.qrUrl
  }

  it('leads phones through the tunnel host the app was opened on, and to the emulator elsewhere', async () => {
    expect(await phoneLink('http://xyz789.natappfree.cc/auth/wechat/callback')).toMatch(/^http:\/\/xyz789\.natappfree\.cc\/__wechat-emulator\/connect\/confirm\?uuid=\w+$/)
    expect(await phoneLink('http://localhost:5173/auth/wechat/callback')).toMatch(/^http:\/\/127\.0\.0\.1:4399\/connect\/confirm\?uuid=\w+$/)
  })
})
