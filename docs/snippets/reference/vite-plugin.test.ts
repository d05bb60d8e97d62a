import { describe, expect, it } from 'vitest'
import { fine, natappSuffixes, problems } from './vite-plugin'

describe('reference/vite-plugin examples', () => {
  it('checkRedirectUri finds what the comment says', () => {
    expect(problems.map(problem => problem.code)).toEqual(['NON_DEFAULT_PORT', 'SUBDOMAIN_OF_CALLBACK_DOMAIN'])
    expect(fine).toEqual([])
  })

  it('the TUNNEL_PRESETS holds the suffixes the comment lists', () => {
    expect(natappSuffixes).toEqual(['.natappfree.cc', '.natapp1.cc', '.natapp4.cc'])
  })
})
