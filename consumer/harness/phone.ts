import type { EmulatorQrSession } from '@wechat-qr-login/emulator'
import type { Page } from 'playwright-core'
import type { PhoneUser } from '../../e2e/fixtures'
import { expect } from 'vitest'
import { confirmOnPhone, qrFrame, qrUuid } from '../../e2e/fixtures'

/**
 * Allows the login of the QR on `page` as `user` would on a phone: opens the emulator's phone
 * page at the URL the QR encodes, picks the user and presses Allow.
 */
export async function allowOnPhone(page: Page, user: PhoneUser = 'zhang-wei'): Promise<void> {
  const frame = await qrFrame(page)
  const uuid = await qrUuid(frame)
  const emulator = new URL(frame.url()).origin
  const sessions = await (await fetch(`${emulator}/__emulator/sessions`)).json() as EmulatorQrSession[]
  const session = sessions.find(candidate => candidate.uuid === uuid)
  expect(session, `the emulator's QR ${uuid}`).toBeDefined()
  const phone = await page.context().newPage()
  await phone.goto(session!.qrUrl)
  await confirmOnPhone(phone, user)
}

/** Waits until the app at `origin` holds a session for the page's browser, and returns its user's nickname. */
export async function sessionNickname(page: Page, origin: string): Promise<string> {
  let nickname = ''
  await expect.poll(async () => {
    const session = await (await page.context().request.get(`${origin}/auth/wechat/session`)).json() as { authenticated: boolean, user?: { nickname?: string } }
    nickname = session.user?.nickname ?? ''
    return session.authenticated
  }, { timeout: 30_000 }).toBe(true)
  return nickname
}
