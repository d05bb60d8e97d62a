import { describe, expect, it } from 'vitest'
import { findLanAddress } from './lan-address'

describe('findLanAddress', () => {
  it('finds the first IPv4 address that leaves this machine', () => {
    expect(findLanAddress({
      lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }],
      eth0: [{ address: 'fe80::1', family: 'IPv6', internal: false }, { address: '192.168.1.20', family: 'IPv4', internal: false }],
      wlan0: [{ address: '10.0.0.5', family: 'IPv4', internal: false }],
    })).toBe('192.168.1.20')
  })

  it('finds nothing on a machine with loopback only', () => {
    expect(findLanAddress({ lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }], none: undefined })).toBeUndefined()
  })
})
