import { expect, it } from 'vitest'

it('exports exactly the public API', async () => {
  expect(Object.keys(await import('./index')).sort()).toEqual([
    'WechatApiError',
    'WechatHttpError',
    'WechatLoginError',
    'createWechatAuth',
    'createWechatClient',
    'isWechatLoginError',
    'toHttpError',
  ])
})

it('keeps the Node adapter in its own entry, so the main one runs in workers', async () => {
  expect(Object.keys(await import('./node')).sort()).toEqual(['requireSession', 'toNodeMiddleware', 'toWebRequest'])
  expect(Object.keys(await import('@wechat-qr-login/server/node')).sort()).toEqual(['requireSession', 'toNodeMiddleware', 'toWebRequest'])
})
