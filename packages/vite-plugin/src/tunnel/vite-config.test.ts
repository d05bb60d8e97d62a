import type { TunnelPlan } from './vite-config'
import { describe, expect, it } from 'vitest'
import { isViteAtLeast, tunnelConfigPatch } from './vite-config'

const plan: TunnelPlan = {
  allowedHosts: ['abc.natapp4.cc'],
  allowAllHosts: false,
  active: true,
  host: undefined,
  strictPort: undefined,
  hmr: undefined,
  httpsTunnel: true,
}

describe('isViteAtLeast', () => {
  it.each([
    ['8.3.8', 8, 1, true],
    ['8.1.0-beta.2', 8, 1, true],
    ['8.0.10', 8, 1, false],
    ['7.3.3', 8, 1, false],
    ['10.0.0', 8, 1, true],
    ['not a version', 8, 1, false],
  ])('%s ≥ %i.%i is %s', (version, major, minor, expected) => {
    expect(isViteAtLeast(version, major, minor)).toBe(expected)
  })
})

describe('tunnelConfigPatch', () => {
  it('appends the tunnel to the user\'s list and binds IPv4 with a strict port', () => {
    expect(tunnelConfigPatch({ server: { allowedHosts: ['mine.example.com', 'abc.natapp4.cc'] } }, plan, '8.3.8')).toEqual({
      server: { allowedHosts: ['mine.example.com', 'abc.natapp4.cc'], host: '127.0.0.1', strictPort: true },
      preview: {},
      warnings: [],
    })
  })

  it('respects the user\'s own server.host and server.strictPort', () => {
    const { server } = tunnelConfigPatch({ server: { host: true, strictPort: false } }, plan, '8.3.8')
    expect(server).toEqual({ allowedHosts: ['abc.natapp4.cc'] })
  })

  it('lets the options choose the bind address and port behaviour', () => {
    expect(tunnelConfigPatch({}, { ...plan, host: '0.0.0.0', strictPort: false }, '8.3.8').server).toMatchObject({ host: '0.0.0.0', strictPort: false })
    expect(tunnelConfigPatch({}, { ...plan, host: false }, '8.3.8').server).not.toHaveProperty('host')
  })

  it('changes nothing without a tunnel', () => {
    expect(tunnelConfigPatch({}, { ...plan, allowedHosts: [], active: false }, '8.3.8')).toEqual({ server: {}, preview: {}, warnings: [] })
  })

  it('never produces [true, …] on Vite 6: a user\'s true stays true, with a warning', () => {
    const { server, warnings } = tunnelConfigPatch({ server: { allowedHosts: true } }, plan, '6.0.11')
    expect(server.allowedHosts).toBeUndefined()
    expect(warnings[0]).toContain('server.allowedHosts: true in your Vite config turns off the Host check')
  })

  it('sets true for allowAllHosts on every version, preview too when the user listed preview hosts', () => {
    for (const version of ['6.0.11', '7.0.0', '8.3.8']) {
      const { server, preview, warnings } = tunnelConfigPatch({ server: { allowedHosts: ['a.example.com'] }, preview: { allowedHosts: ['b.example.com'] } }, { ...plan, allowAllHosts: true }, version)
      expect(server.allowedHosts).toBe(true)
      expect(preview.allowedHosts).toBe(true)
      expect(warnings[0]).toContain('DNS rebinding')
    }
  })

  it('appends the tunnel to an explicit preview list and leaves an absent one to inherit', () => {
    expect(tunnelConfigPatch({ preview: { allowedHosts: ['b.example.com'] } }, plan, '8.3.8').preview).toEqual({ allowedHosts: ['b.example.com', 'abc.natapp4.cc'] })
    expect(tunnelConfigPatch({}, plan, '8.3.8').preview).toEqual({})
  })

  it('writes HMR options to server.ws from Vite 8.1 and to server.hmr before, keeping the user\'s keys', () => {
    const withHmr = { ...plan, hmr: { protocol: 'wss' as const, clientPort: 443 } }
    expect(tunnelConfigPatch({ server: { ws: { timeout: 60000 } } }, withHmr, '8.1.0').server.ws).toEqual({ timeout: 60000, protocol: 'wss', clientPort: 443 })
    const before = tunnelConfigPatch({ server: { hmr: { overlay: false } } }, withHmr, '8.0.8').server
    expect(before.hmr).toEqual({ overlay: false, protocol: 'wss', clientPort: 443 })
    expect(before).not.toHaveProperty('ws')
  })

  it('does not turn HMR back on when the user turned it off', () => {
    const withHmr = { ...plan, hmr: { clientPort: 443 } }
    const { server, warnings } = tunnelConfigPatch({ server: { hmr: false } }, withHmr, '8.3.8')
    expect(server).not.toHaveProperty('ws')
    expect(warnings).toEqual(['HMR is turned off in your Vite config (server.hmr: false), so wechatQrLogin\'s "hmr" option is ignored.'])
    expect(tunnelConfigPatch({ server: { ws: false } }, withHmr, '8.3.8').warnings[0]).toContain('server.ws: false')
  })

  it('warns that ws:// cannot work behind an https tunnel', () => {
    expect(tunnelConfigPatch({}, { ...plan, hmr: { protocol: 'ws' } }, '8.3.8').warnings[0]).toContain('mixed content')
    expect(tunnelConfigPatch({}, { ...plan, httpsTunnel: false, hmr: { protocol: 'ws' } }, '8.3.8').warnings).toEqual([])
  })
})
