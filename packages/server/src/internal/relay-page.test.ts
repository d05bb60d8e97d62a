import type { RelayTarget } from './relay-page'
import { runInNewContext } from 'node:vm'
import { createRelayMessage } from '@wechat-qr-login/core'
import { readRelayPage } from '@wechat-qr-login/test-utils/relay'
import { describe, expect, it, vi } from 'vitest'
import { relayPage } from './relay-page'

/** Runs the page's script against a fake window: where did the message go? */
async function runScript(response: Response, frame: { opener?: boolean, framed?: boolean }, extra: { fetch?: unknown, onPost?: () => void } = {}): Promise<{ opener: unknown[], parent: unknown[], channel: unknown[], closed: boolean, replaced?: string }> {
  const script = /<script nonce="[^"]+">([\s\S]*)<\/script>/.exec(await response.text())![1]!
  const seen = { opener: [] as unknown[], parent: [] as unknown[], channel: [] as unknown[], closed: false, replaced: undefined as string | undefined }
  const window: Record<string, unknown> = {
    close: () => {
      seen.closed = true
    },
  }
  window.opener = frame.opener ? { postMessage: (...args: unknown[]) => seen.opener.push(args) } : null
  window.parent = frame.framed
    ? { postMessage: (...args: unknown[]) => {
        extra.onPost?.()
        seen.parent.push(args)
      } }
    : window
  window.fetch = extra.fetch
  vi.useFakeTimers()
  try {
    runInNewContext(script, {
      window,
      location: { replace: (url: string) => { seen.replaced = url } },
      setTimeout,
      fetch: extra.fetch,
      BroadcastChannel: class {
        constructor(readonly name: string) {}
        postMessage(message: unknown): void {
          seen.channel.push([this.name, message])
        }
      },
    })
    await vi.runAllTimersAsync()
  }
  finally {
    vi.useRealTimers()
  }
  return seen
}

describe('relayPage', () => {
  const page = (nickname: string, backUrl = 'https://app.example/'): Response => relayPage({
    message: createRelayMessage('state-1', { type: 'authenticated', user: { id: 'u', openid: 'o', nickname, avatar: '' } }),
    targetOrigin: 'https://app.example',
    target: 'opener',
    backUrl,
    status: 200,
    cookies: ['a=b', 'c=d'],
  })

  it('cannot be broken out of by what WeChat returns as a nickname', async () => {
    const nickname = '</script><script>alert(1)</script>\u2028'
    const html = await page(nickname).text()
    expect(html.match(/<script/g)).toHaveLength(1)
    expect(html).not.toContain('\u2028')
    expect(readRelayPage(html).message.result).toMatchObject({ user: { nickname } })
  })

  it('escapes the link back', async () => {
    const html = await page('n', 'https://app.example/?a="><img src=x>&b=1').text()
    expect(html).toContain('href="https://app.example/?a=&quot;&gt;&lt;img src=x&gt;&amp;b=1"')
  })

  it('uses a fresh nonce and sends the given cookies', async () => {
    const [first, second] = [page('n'), page('n')]
    expect(first.headers.get('content-security-policy')).not.toBe(second.headers.get('content-security-policy'))
    expect(first.headers.getSetCookie()).toEqual(['a=b', 'c=d'])
    expect(first.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(first.headers.get('x-content-type-options')).toBe('nosniff')
  })

  describe('its script', () => {
    const message = createRelayMessage('state-1', { type: 'denied' })
    const page = (target: RelayTarget): Response => relayPage({ message, targetOrigin: 'https://app.example', target, backUrl: 'https://app.example/?e=1', status: 200, cookies: [] })

    it('posts to the opener with the exact origin and closes the popup', async () => {
      const seen = await runScript(page('opener'), { opener: true })
      expect(seen).toMatchObject({ opener: [[message, 'https://app.example']], parent: [], channel: [['wechat-qr-login', message]], closed: true })
    })

    it('posts to the parent of the iframe and stays open', async () => {
      const seen = await runScript(page('parent'), { framed: true, opener: true })
      expect(seen).toMatchObject({ opener: [], parent: [[message, 'https://app.example']], closed: false })
    })

    it('completes a session hand-over with a same-origin fetch before reporting', async () => {
      const order: string[] = []
      const fetch = vi.fn(async () => {
        order.push('fetch')
        return new Response('{}')
      })
      const response = relayPage({ message, targetOrigin: 'https://app.example', target: 'parent', backUrl: 'https://app.example/', sessionUrl: 'https://app.example/auth/wechat/session', status: 200, cookies: [] })
      expect(response.headers.get('content-security-policy')).toMatch(/; connect-src 'self';/)
      const seen = await runScript(response, { framed: true }, { fetch, onPost: () => order.push('post') })
      expect(fetch).toHaveBeenCalledWith('https://app.example/auth/wechat/session', { credentials: 'same-origin', cache: 'no-store' })
      expect(seen.parent).toEqual([[message, 'https://app.example']])
      expect(order).toEqual(['fetch', 'post'])
    })

    it('reports even when the hand-over fetch fails', async () => {
      const fetch = vi.fn(async () => {
        throw new TypeError('offline')
      })
      const response = relayPage({ message, targetOrigin: 'https://app.example', target: 'parent', backUrl: 'https://app.example/', sessionUrl: 'https://app.example/s', status: 200, cookies: [] })
      expect((await runScript(response, { framed: true }, { fetch })).parent).toHaveLength(1)
    })

    it('finds its window when the mode is unknown, and goes back when there is none', async () => {
      expect(await runScript(page('auto'), { framed: true })).toMatchObject({ parent: [[message, 'https://app.example']], closed: false })
      expect(await runScript(page('auto'), { opener: true })).toMatchObject({ opener: [[message, 'https://app.example']], closed: true })
      expect(await runScript(page('auto'), {})).toMatchObject({ channel: [['wechat-qr-login', message]], replaced: 'https://app.example/?e=1', closed: false })
    })
  })
})
