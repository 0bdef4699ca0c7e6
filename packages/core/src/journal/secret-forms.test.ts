import { describe, expect, it } from 'vitest'
import { isWeakSecret } from './common-words.ts'
import { base64Cores, percentPattern, secretForms, significantLines } from './secret-forms.ts'

describe('secret forms', () => {
  it('base64 cores are the same inside any longer base64 string, whatever the alignment', () => {
    const secret = Buffer.from('a-secret-of-some-length')
    const cores = base64Cores(secret)
    expect(cores).toHaveLength(3)
    for (const before of ['', 'x', 'xy', 'xyz', 'wxyz']) {
      const encoded = Buffer.concat([Buffer.from(before), secret, Buffer.from('!')]).toString('base64')
      expect(
        cores.some((core) => encoded.includes(core)),
        before,
      ).toBe(true)
    }
  })

  it('percent patterns match every encoder, and nothing for a value none would change', () => {
    const pattern = new RegExp(percentPattern('p@ss w/rd!ä') ?? '')
    for (const encoded of [
      'p%40ss%20w%2Frd%21%C3%A4',
      'p%40ss+w%2frd!%c3%a4',
      'p@ss w/rd!ä',
      'p%40ss%20w/rd%21%C3%A4',
    ])
      expect(pattern.test(encoded), encoded).toBe(true)
    expect(percentPattern('OnlyLettersAnd123')).toBeUndefined()
  })

  it('weak secrets have no forms: short, numbers and words steadystate writes', () => {
    for (const weak of ['abc', '2026', '1.5e3', 'completed', 'Status', 'steady_states', 'not-tested'])
      expect(isWeakSecret(weak), weak).toBe(true)
    expect(isWeakSecret('hunter2!')).toBe(false)
    expect(secretForms('2026')).toEqual([])
  })

  it('lines of a multi-line secret, but not its PEM armour or its short lines', () => {
    const key = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAx\nab\n-----END RSA PRIVATE KEY-----'
    expect(significantLines(key)).toEqual(['MIIEowIBAAKCAQEAx'])
  })
})
