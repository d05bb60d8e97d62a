import { afterAll, bench, describe } from 'vitest'
import { createWechatEmulator, DEMO_APP } from './index'

/**
 * Token exchanges per second: over real HTTP on loopback (what a server under test sees), and
 * through `emulator.fetch` directly (the handler's own cost). Each exchange uses a fresh code.
 *
 *   pnpm vitest bench --run --project node packages/emulator
 */
const { appid, secret } = DEMO_APP
const emulator = createWechatEmulator({ maxSessions: 1_000_000 })
const server = await emulator.listen()
afterAll(() => server.close())

function exchangeQuery(): string {
  return `/sns/oauth2/access_token?appid=${appid}&secret=${secret}&code=${emulator.issueCode(appid)}&grant_type=authorization_code`
}

async function expectToken(response: Response): Promise<void> {
  const body = await response.text()
  if (!body.includes('"access_token"'))
    throw new Error(`Exchange failed: ${body}`)
}

describe('/sns/oauth2/access_token', () => {
  bench('exchange over HTTP on loopback (fetch → node:http → srvx)', async () => {
    await expectToken(await fetch(`${server.url}${exchangeQuery()}`))
  }, { time: 3000, warmupTime: 500 })

  bench('exchange through emulator.fetch (handler only)', async () => {
    await expectToken(await emulator.fetch(new Request(`http://127.0.0.1${exchangeQuery()}`)))
  }, { time: 3000, warmupTime: 500 })
})
