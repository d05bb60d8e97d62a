import { APP, setupAuth } from '@wechat-qr-login/test-utils/auth-harness'
import { describe, expect, it } from 'vitest'

const verificationFile = { name: 'MP_verify_JAvcbC1J7nmyASIJ.txt', content: 'JAvcbC1J7nmyASIJ' }
const officialAccount = { appid: 'wx00112233445566bb', secret: 'official-account-secret', verificationFile }

describe('GET /MP_verify_….txt', () => {
  it.each([
    ['at the site\'s root', `/${verificationFile.name}`],
    ['under the path of a 网页授权域名 such as www.example.com/mp', `/mp/${verificationFile.name}`],
  ])('serves the Official Account\'s verification file verbatim, as text/plain, %s', async (_, path) => {
    const { auth } = setupAuth({ officialAccount })
    const response = await auth(new Request(`${APP}${path}`))
    expect(response!.status).toBe(200)
    expect(response!.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    expect(await response!.text()).toBe(verificationFile.content)
    const head = await auth(new Request(`${APP}${path}`, { method: 'HEAD' }))
    expect(head!.status).toBe(200)
    expect(await head!.text()).toBe('')
  })

  it('leaves other files, other methods and a server without the file to the app', async () => {
    const { auth } = setupAuth({ officialAccount })
    expect(await auth(new Request(`${APP}/MP_verify_other.txt`))).toBeUndefined()
    expect(await auth(new Request(`${APP}/x${verificationFile.name}`))).toBeUndefined()
    expect(await auth(new Request(`${APP}/${verificationFile.name}`, { method: 'POST' }))).toBeUndefined()
    const without = setupAuth({ officialAccount: { ...officialAccount, verificationFile: undefined } })
    expect(await without.auth(new Request(`${APP}/${verificationFile.name}`))).toBeUndefined()
  })
})
