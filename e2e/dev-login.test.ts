import type { WechatSessionResponse, WechatStateResponse } from '@wechat-qr-login/core'
import type { OfficialAccountState } from '@wechat-qr-login/test-utils/in-wechat'
import type { Buffer } from 'node:buffer'
import type { ChildProcess } from 'node:child_process'
import type { ViteDevServer } from 'vite'
import { spawn } from 'node:child_process'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { buildAuthorizeUrl } from '@wechat-qr-login/core'
import { DEMO_APP, DEMO_OFFICIAL_ACCOUNT } from '@wechat-qr-login/emulator'
import { createCookieJar } from '@wechat-qr-login/test-utils/cookie-jar'
import { authorizeInWechat, officialAccountAuthorizeUrl } from '@wechat-qr-login/test-utils/in-wechat'
import { freePort } from '@wechat-qr-login/test-utils/listen'
import { createServer } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const PLAYGROUND = fileURLToPath(new URL('../playground/', import.meta.url))
const REPO = fileURLToPath(new URL('../', import.meta.url))

describe('the playground (pnpm dev)', () => {
  let server: ViteDevServer
  let app: string

  beforeAll(async () => {
    server = await createServer({
      root: PLAYGROUND,
      configFile: fileURLToPath(new URL('../playground/vite.config.ts', import.meta.url)),
      logLevel: 'silent',
      server: { port: 0, host: '127.0.0.1' },
    })
    await server.listen()
    app = server.resolvedUrls!.local[0]!.replace(/\/$/, '')
  })

  afterAll(async () => {
    await server?.close()
  })

  it('serves the playground from the packages\' sources, no build needed', async () => {
    const page = await fetch(`${app}/`, { headers: { accept: 'text/html' } })
    expect(await page.text()).toContain('<script type="module" src="/src/main.ts">')
    const main = await (await fetch(`${app}/src/main.ts`)).text()
    expect(main).toMatch(/\/@fs\/.*\/packages\/vue\/src\/index\.ts/)
    const config = await (await fetch(`${app}/@id/__x00__virtual:wechat-qr-login`)).text()
    expect(config).toContain(DEMO_APP.appid)
    expect(config).not.toContain(DEMO_APP.secret)
  })

  it('logs in through the emulator over HTTP only, as 张伟', async () => {
    const jar = createCookieJar()

    // The app asks its server for a state (bound to this browser by a cookie).
    const stateResponse = await jar.fetch(`${app}/auth/wechat/state?mode=redirect&return_to=/`)
    const { state, appid, redirectUri, openBase } = await stateResponse.json() as WechatStateResponse
    expect(appid).toBe(DEMO_APP.appid)
    expect(new URL(openBase).hostname).not.toBe(new URL(app).hostname)

    // The tab goes to WeChat's (the emulator's) QR page.
    const qrPage = await fetch(buildAuthorizeUrl({ appid, redirectUri, state, openBase }))
    expect(qrPage.status).toBe(200)
    const uuid = qrPage.headers.get('x-wechat-emulator-uuid')
    expect(uuid).toBeTruthy()

    // The phone confirms.
    const confirmed = await fetch(`${openBase}/__emulator/sessions/${uuid}/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({}),
    })
    const { redirectUrl } = await confirmed.json() as { redirectUrl: string }
    expect(redirectUrl.startsWith(`${redirectUri}?code=`)).toBe(true)

    // WeChat sends the tab to the app's callback, which opens the session and returns.
    const callback = await jar.fetch(redirectUrl)
    expect(callback.status).toBe(302)
    expect(callback.headers.get('location')).toBe(`${app}/`)

    const session = await (await jar.fetch(`${app}/auth/wechat/session`)).json() as WechatSessionResponse
    expect(session).toMatchObject({ authenticated: true, user: { nickname: '张伟', id: expect.stringMatching(/^o[\w-]{27}$/) } })

    // The state was used up: replaying the callback logs nobody in.
    const replay = await fetch(redirectUrl, { redirect: 'manual' })
    expect(replay.headers.get('location') ?? await replay.text()).toContain('wechat_login_error=STATE_MISMATCH')
  })

  it('logs in inside WeChat over HTTP only, through the emulator\'s Official Account, as the same user', async () => {
    const jar = createCookieJar()

    // A page inside WeChat asks for the Official Account's state, on a tap.
    const ticket = await (await jar.fetch(`${app}/auth/wechat/state?flow=oa&scope=snsapi_userinfo&return_to=/`)).json() as OfficialAccountState
    expect(ticket).toMatchObject({ appid: DEMO_OFFICIAL_ACCOUNT.appid, flow: 'oa', scope: 'snsapi_userinfo', openBase: `${app}/__wechat-emulator` })

    // WeChat's in-app browser: the authorization and its consent page, through the dev server.
    const callbackUrl = await authorizeInWechat(officialAccountAuthorizeUrl(ticket), { user: 'zhang-wei' })
    const callback = await jar.fetch(callbackUrl)
    expect(callback.headers.get('location')).toBe(`${app}/`)

    const session = await (await jar.fetch(`${app}/auth/wechat/session`)).json() as WechatSessionResponse
    expect(session).toMatchObject({ authenticated: true, user: { nickname: '张伟', flow: 'oa', appid: DEMO_OFFICIAL_ACCOUNT.appid } })
    // The QR login above signed the same user in, bound to the same Open Platform account.
    const desktop = createCookieJar()
    const qr = await (await desktop.fetch(`${app}/auth/wechat/state?mode=redirect`)).json() as WechatStateResponse
    const uuid = (await fetch(buildAuthorizeUrl(qr))).headers.get('x-wechat-emulator-uuid')
    const { redirectUrl } = await (await fetch(`${qr.openBase}/__emulator/sessions/${uuid}/confirm`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'zhang-wei' }) })).json() as { redirectUrl: string }
    await desktop.fetch(redirectUrl)
    const byQr = await (await desktop.fetch(`${app}/auth/wechat/session`)).json() as WechatSessionResponse
    expect(byQr.authenticated && session.authenticated && byQr.user.id === session.user.id).toBe(true)
  })
})

describe('the README\'s main-job command', () => {
  let child: ChildProcess | undefined

  afterAll(async () => {
    // pnpm runs vite as a child: end the whole process group, then wait for it.
    if (child?.pid && child.exitCode === null) {
      const exited = new Promise(resolve => child!.once('exit', resolve))
      process.kill(-child.pid, 'SIGTERM')
      await exited
    }
  })

  it('serves the playground: pnpm -C playground dev (what `pnpm dev` runs)', async () => {
    const port = await freePort()
    let output = ''
    child = spawn('pnpm', ['-C', 'playground', 'dev', '--port', String(port), '--strictPort'], {
      cwd: REPO,
      // Its own process group, so that pnpm and the vite it starts end together.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    })
    // Vite prints the banner once it listens; the plugin's lines follow.
    await new Promise<void>((resolve, reject) => {
      const read = (chunk: Buffer): void => {
        output += String(chunk)
        if (output.includes(`:${port}/`) && output.includes('Auth routes:'))
          resolve()
      }
      child!.stdout!.on('data', read)
      child!.stderr!.on('data', read)
      child!.once('exit', code => reject(new Error(`pnpm dev exited with ${code}:\n${output}`)))
    })
    expect(output).toContain('Mode:             emulator')

    const page = await fetch(`http://localhost:${port}/`, { headers: { accept: 'text/html' } })
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('/src/main.ts')
    expect(await (await fetch(`http://localhost:${port}/auth/wechat/session`)).json()).toEqual({ authenticated: false })
  })
})
