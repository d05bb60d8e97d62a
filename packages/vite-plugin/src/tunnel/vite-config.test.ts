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
  it('gives the tunnel hosts for Vite to append to the user\'s list, and binds IPv4 with a strict port', () => {
    expect(tunnelConfigPatch({ server: { allowedHosts: ['mine.example.com'] } }, plan, '8.3.8')).toEqual({
      config: { server: { allowedHosts: ['abc.natapp4.cc'], host: '127.0.0.1', strictPort: true }, preview: {} },
      allowAllOnResolvedConfig: false,
      warnings: [],
    })
  })

  it('leaves the user\'s config untouched, so that a restart starts from it again', () => {
    const user = { server: { port: 5311, allowedHosts: ['mine.example.com'] }, preview: { allowedHosts: ['b.example.com'] } }
    const before = structuredClone(user)
    tunnelConfigPatch(user, { ...plan, hmr: { clientPort: 443 } }, '8.3.8')
    tunnelConfigPatch(user, { ...plan, allowAllHosts: true }, '8.3.8')
    expect(user).toEqual(before)
  })

  it('respects the user\'s own server.host and server.strictPort', () => {
    const { config } = tunnelConfigPatch({ server: { host: true, strictPort: false } }, plan, '8.3.8')
    expect(config.server).toEqual({ allowedHosts: ['abc.natapp4.cc'] })
  })

  it('lets the options choose the bind address and port behaviour', () => {
    expect(tunnelConfigPatch({}, { ...plan, host: '0.0.0.0', strictPort: false }, '8.3.8').config.server).toMatchObject({ host: '0.0.0.0', strictPort: false })
    expect(tunnelConfigPatch({}, { ...plan, host: false }, '8.3.8').config.server).not.toHaveProperty('host')
  })

  it('changes nothing without a tunnel', () => {
    expect(tunnelConfigPatch({}, { ...plan, allowedHosts: [], active: false }, '8.3.8')).toEqual({ config: { server: {}, preview: {} }, allowAllOnResolvedConfig: false, warnings: [] })
  })

  it('never produces [true, …]: a user\'s true stays true, with a warning', () => {
    const { config, warnings } = tunnelConfigPatch({ server: { allowedHosts: true } }, plan, '6.0.11')
    expect(config.server.allowedHosts).toBeUndefined()
    expect(warnings[0]).toContain('server.allowedHosts: true in your Vite config turns off the Host check')
  })

  it('merges true for allowAllHosts from Vite 7, preview too when the user listed preview hosts', () => {
    for (const version of ['7.0.0', '8.3.8']) {
      const { config, allowAllOnResolvedConfig, warnings } = tunnelConfigPatch({ server: { allowedHosts: ['a.example.com'] }, preview: { allowedHosts: ['b.example.com'] } }, { ...plan, allowAllHosts: true }, version)
      expect(config.server.allowedHosts).toBe(true)
      expect(config.preview.allowedHosts).toBe(true)
      expect(allowAllOnResolvedConfig).toBe(false)
      expect(warnings[0]).toContain('DNS rebinding')
    }
  })

  it('leaves allowAllHosts to the resolved config on Vite 6, which would merge true into a list', () => {
    const { config, allowAllOnResolvedConfig, warnings } = tunnelConfigPatch({ server: { allowedHosts: ['a.example.com'] } }, { ...plan, allowAllHosts: true }, '6.0.11')
    expect(config.server).not.toHaveProperty('allowedHosts')
    expect(allowAllOnResolvedConfig).toBe(true)
    expect(warnings[0]).toContain('DNS rebinding')
  })

  it('appends the tunnel to an explicit preview list and leaves an absent one to inherit', () => {
    expect(tunnelConfigPatch({ preview: { allowedHosts: ['b.example.com'] } }, plan, '8.3.8').config.preview).toEqual({ allowedHosts: ['abc.natapp4.cc'] })
    expect(tunnelConfigPatch({}, plan, '8.3.8').config.preview).toEqual({})
  })

  it('writes HMR options to server.ws from Vite 8.1 and to server.hmr before', () => {
    const withHmr = { ...plan, hmr: { protocol: 'wss' as const, clientPort: 443 } }
    expect(tunnelConfigPatch({ server: { ws: { timeout: 60000 } } }, withHmr, '8.1.0').config.server.ws).toEqual({ protocol: 'wss', clientPort: 443 })
    const before = tunnelConfigPatch({ server: { hmr: { overlay: false } } }, withHmr, '8.0.8').config.server
    expect(before.hmr).toEqual({ protocol: 'wss', clientPort: 443 })
    expect(before).not.toHaveProperty('ws')
  })

  it('does not turn HMR back on when the user turned it off', () => {
    const withHmr = { ...plan, hmr: { clientPort: 443 } }
    const { config, warnings } = tunnelConfigPatch({ server: { hmr: false } }, withHmr, '8.3.8')
    expect(config.server).not.toHaveProperty('ws')
    expect(warnings).toEqual(['HMR is turned off in your Vite config (server.hmr: false), so wechatQrLogin\'s "hmr" option is ignored.'])
    expect(tunnelConfigPatch({ server: { ws: false } }, withHmr, '8.3.8').warnings[0]).toContain('server.ws: false')
  })

  it('warns that ws:// cannot work behind an https tunnel', () => {
    expect(tunnelConfigPatch({}, { ...plan, hmr: { protocol: 'ws' } }, '8.3.8').warnings[0]).toContain('mixed content')
    expect(tunnelConfigPatch({}, { ...plan, httpsTunnel: false, hmr: { protocol: 'ws' } }, '8.3.8').warnings).toEqual([])
  })
})
