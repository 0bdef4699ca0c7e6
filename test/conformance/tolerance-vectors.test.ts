/**
 * Every tolerance vector recorded from the reference implementation (`within_tolerance` in
 * chaostoolkit-lib): `true`/`false` are its answers, `"error"` means it raised, which steadystate
 * reports as an unjudgeable (never met) tolerance with a reason instead of crashing.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { evaluateTolerance } from '@steadystate/core'
import { CONFORMANCE } from '../support/paths.ts'

interface Vector {
  tolerance: unknown
  value: unknown
  expected: boolean | 'error'
}

const file = join(CONFORMANCE, 'tolerance-vectors.json')
const { vectors } = JSON.parse(readFileSync(file, 'utf8')) as { vectors: Vector[] }

const cases = vectors.map((vector, index) => ({
  ...vector,
  name: `#${index} ${JSON.stringify(vector.tolerance)} vs ${JSON.stringify(vector.value)} → ${String(vector.expected)}`,
}))

describe('tolerance vectors from the reference implementation', () => {
  it('has all 624 vectors', () => {
    expect(vectors).toHaveLength(624)
  })

  it.each(cases)('$name', ({ tolerance, value, expected }) => {
    const verdict = evaluateTolerance(tolerance, value)
    if (expected === true) {
      expect(verdict).toEqual({ met: true, kind: 'met' })
    } else if (expected === false) {
      expect(verdict.met).toBe(false)
      expect(verdict.kind).toBe('not-met')
    } else {
      expect(verdict.met).toBe(false)
      expect(verdict.kind).toBe('unjudgeable')
      expect('reason' in verdict && verdict.reason.length > 0).toBe(true)
    }
  })
})
