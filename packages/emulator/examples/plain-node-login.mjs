// Logs in against the WeChat emulator the way a server logs in against real WeChat, with nothing
// but fetch and WeChat's documented API (plus the emulator's test-only control route that stands
// in for the phone). It knows nothing of wechat-qr-login's code.
//
//   node examples/plain-node-login.mjs [emulatorUrl] [appid] [secret]
//
// Defaults: the CLI's http://127.0.0.1:4399 and the emulator's demo app.
import process from 'node:process'

const [
  base = 'http://127.0.0.1:4399',
  appid = 'wxdeadbeefcafef00d',
  secret = 'e0000000000000000000000000000001',
] = process.argv.slice(2)
const redirectUri = 'http://localhost:3000/auth/wechat/callback'

/** Calls a WeChat API: GET with query parameters; the body is JSON whatever the Content-Type says. */
async function wechat(path, params) {
  const response = await fetch(`${base}${path}?${new URLSearchParams(params)}`)
  const body = JSON.parse(await response.text())
  if (body.errcode)
    throw new Error(`${path} failed: errcode ${body.errcode} (${body.errmsg})`)
  return body
}

/** The whole login, in the order a browser and a server live it. */
async function main() {
  // 1. The browser opens WeChat's QR page (redirect variant) with a fresh state.
  const state = crypto.randomUUID().replaceAll('-', '')
  const authorizeUrl = `${base}/connect/qrconnect?appid=${appid}&redirect_uri=${encodeURIComponent(redirectUri)}&response_type=code&scope=snsapi_login&state=${state}#wechat_redirect`
  const page = await (await fetch(authorizeUrl)).text()
  const uuid = /\/connect\/qrcode\/([\w-]+)/.exec(page)?.[1]
  if (!uuid)
    throw new Error('No QR code on the authorization page')

  // 2. A script has no phone: the emulator's control API scans and confirms (test-only).
  const confirmed = await fetch(`${base}/__emulator/sessions/${uuid}/confirm`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user: 'zhang-wei' }),
  })
  if (!confirmed.ok)
    throw new Error(`Confirming failed: HTTP ${confirmed.status}`)

  // 3. The QR page's long-poll reports 405 with the code; the browser lands on the callback.
  const poll = await (await fetch(`${base}/connect/l/qrconnect?uuid=${uuid}&_=${Date.now()}`)).text()
  const [, errcode, code] = /window\.wx_errcode=(\d+);window\.wx_code='([^']*)'/.exec(poll) ?? []
  if (errcode !== '405')
    throw new Error(`Expected the QR to be confirmed (405), got ${errcode}`)
  const callback = new URL(`${redirectUri}?code=${code}&state=${state}`)
  if (callback.searchParams.get('state') !== state)
    throw new Error('State mismatch')

  // 4. The server exchanges the code, reads the profile, refreshes and checks the token.
  const token = await wechat('/sns/oauth2/access_token', { appid, secret, code: callback.searchParams.get('code'), grant_type: 'authorization_code' })
  const user = await wechat('/sns/userinfo', { access_token: token.access_token, openid: token.openid, lang: 'zh_CN' })
  const refreshed = await wechat('/sns/oauth2/refresh_token', { appid, grant_type: 'refresh_token', refresh_token: token.refresh_token })
  const check = await wechat('/sns/auth', { access_token: refreshed.access_token, openid: token.openid })

  // 5. A code works once: the replay is refused with 40163.
  const replay = JSON.parse(await (await fetch(`${base}/sns/oauth2/access_token?${new URLSearchParams({ appid, secret, code, grant_type: 'authorization_code' })}`)).text())

  process.stdout.write(`${JSON.stringify({
    nickname: user.nickname,
    openid: user.openid,
    unionid: user.unionid ?? null,
    headimgurl: user.headimgurl,
    expiresIn: refreshed.expires_in,
    tokenValid: check.errcode === 0,
    replayErrcode: replay.errcode,
  })}\n`)
}

main().catch((error) => {
  process.stderr.write(`${error.message}\n`)
  process.exitCode = 1
})
