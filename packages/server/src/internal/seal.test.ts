import { Buffer } from 'node:buffer'
import { describe, expect, it } from 'vitest'
import { createSealer } from './seal'

const CURRENT = 'the-current-session-secret-0123456789'
const OLD = 'the-previous-session-secret-012345678'
const payload = { t: 'session', user: { id: 'u', nickname: '小明' }, exp: 1 }

function segments(token: string): string[] {
  return token.split('.')
}

function header(token: string): unknown {
  return JSON.parse(Buffer.from(segments(token)[0]!, 'base64url').toString())
}

describe('createSealer', () => {
  it('encrypts with JWE dir + A256GCM: nothing of the payload is readable', async () => {
    const sealer = createSealer([CURRENT])
    const sealed = await sealer.seal(payload)
    expect(segments(sealed)).toHaveLength(5)
    expect(header(sealed)).toEqual({ alg: 'dir', enc: 'A256GCM' })
    expect(Buffer.from(segments(sealed)[3]!, 'base64url').toString()).not.toContain('session')
    expect(await sealer.unseal(sealed)).toEqual(payload)
    expect(await sealer.seal(payload)).not.toBe(sealed)
  })

  it('signs with JWS HS256 without encrypting', async () => {
    const sealer = createSealer([CURRENT])
    const signed = await sealer.sign(payload)
    expect(header(signed)).toEqual({ alg: 'HS256' })
    expect(JSON.parse(Buffer.from(segments(signed)[1]!, 'base64url').toString())).toEqual(payload)
    expect(await sealer.verify(signed)).toEqual(payload)
  })

  it('opens with any secret of the list and seals with the first', async () => {
    const old = createSealer([OLD])
    const rotated = createSealer([CURRENT, OLD])
    const current = createSealer([CURRENT])
    expect(await rotated.unseal(await old.seal(payload))).toEqual(payload)
    expect(await rotated.verify(await old.sign(payload))).toEqual(payload)
    expect(await current.unseal(await rotated.seal(payload))).toEqual(payload)
    expect(await current.verify(await rotated.sign(payload))).toEqual(payload)
    expect(await current.unseal(await old.seal(payload))).toBeUndefined()
    expect(await current.verify(await old.sign(payload))).toBeUndefined()
  })

  it('answers undefined for tampered, truncated, foreign or cross-purpose values', async () => {
    const sealer = createSealer([CURRENT])
    const sealed = await sealer.seal(payload)
    const signed = await sealer.sign(payload)
    const [jwsHeader, , signature] = segments(signed)
    const forged = [jwsHeader, Buffer.from(JSON.stringify({ ...payload, exp: 2 })).toString('base64url'), signature].join('.')
    const unsigned = [Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url'), segments(signed)[1], ''].join('.')
    for (const value of [`${sealed.slice(0, -4)}AAAA`, sealed.slice(0, -1), segments(sealed).slice(0, 4).join('.'), '', 'garbage', signed])
      expect(await sealer.unseal(value)).toBeUndefined()
    for (const value of [`${signed.slice(0, -4)}AAAA`, forged, unsigned, sealed, 'a.b.c'])
      expect(await sealer.verify(value)).toBeUndefined()
  })
})
