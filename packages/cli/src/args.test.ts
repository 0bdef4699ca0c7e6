import { SteadystateError } from '@steadystate/core'
import { DEPRECATED_HYPOTHESIS_STRATEGIES, HYPOTHESIS_STRATEGIES } from '@steadystate/model'
import { describe, expect, it } from 'vitest'
import { choice } from './args.ts'

describe('choice', () => {
  it('accepts an allowed value, and nothing given is undefined', () => {
    expect(choice('hypothesis-strategy', 'continuously', HYPOTHESIS_STRATEGIES)).toBe('continuously')
    expect(choice('hypothesis-strategy', undefined, HYPOTHESIS_STRATEGIES)).toBeUndefined()
  })

  it('accepts a deprecated spelling but never offers it in the error', () => {
    const flag = (value: string) =>
      choice('hypothesis-strategy', value, HYPOTHESIS_STRATEGIES, DEPRECATED_HYPOTHESIS_STRATEGIES)
    expect(flag('continously')).toBe('continously')
    let error: unknown
    try {
      flag('sometimes')
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(SteadystateError)
    expect(error).toMatchObject({
      code: 'USAGE',
      message:
        '--hypothesis-strategy "sometimes" is not one of: default, before-method-only, after-method-only, during-method-only, continuously',
    })
  })
})
