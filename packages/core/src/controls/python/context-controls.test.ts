import { describe, expect, it } from 'vitest'
import type { JsonObject } from '@steadystate/model'
import { contextControls, hookName, inScope } from './context-controls.ts'

const control = (name: string, extra: JsonObject = {}): JsonObject => ({
  name,
  provider: { type: 'python', module: name },
  ...extra,
})
const names = (controls: readonly JsonObject[]): unknown[] =>
  controls.map((c) => c.name ?? `ref:${typeof c.ref === 'string' ? c.ref : ''}`)

describe("the controls of a level, merged as chaostoolkit-lib's get_context_controls merges them", () => {
  const top = control('top')
  const manual = control('manual', { automatic: false })
  const global = control('global')

  it('without experiment controls: the global ones, then the context’s own', () => {
    expect(names(contextControls('activity', undefined, [control('own')], [global]))).toEqual([
      'global',
      'own',
    ])
  })

  it('a context with no controls of its own gets the experiment’s automatic ones', () => {
    expect(names(contextControls('activity', [top, manual], undefined, []))).toEqual(['top'])
  })

  it('at method and rollback level, only the experiment’s automatic controls: the global ones are left out', () => {
    for (const level of ['method', 'rollback'] as const)
      expect(names(contextControls(level, [top, manual], [top, manual], [global]))).toEqual(['top'])
  })

  it('at experiment level, the global ones then every experiment control, automatic or not', () => {
    expect(names(contextControls('experiment', [top, manual], [top, manual], [global]))).toEqual([
      'global',
      'top',
      'manual',
    ])
  })

  it('puts the experiment’s automatic controls in front once per control of the context (the reference’s duplicates)', () => {
    expect(names(contextControls('hypothesis', [top, manual], [control('own')], [global]))).toEqual([
      'top',
      'top',
      'global',
      'own',
    ])
  })

  it('does not put a control in front of one of the same name', () => {
    expect(names(contextControls('activity', [top], [control('top')], []))).toEqual(['top'])
  })

  it('a ref brings in the experiment control of that name, after the context’s', () => {
    expect(names(contextControls('activity', [top, manual], [{ ref: 'manual' }], []))).toEqual([
      'ref:manual',
      'manual',
    ])
    // The very object the experiment declares, so the runner knows which control it is.
    expect(contextControls('activity', [top, manual], [{ ref: 'manual' }], [])[1]).toBe(manual)
  })

  it('a scoped control runs only at its scope; hooks are named by scope and level', () => {
    expect([inScope(control('a'), 'before'), inScope(control('a', { scope: 'after' }), 'before')]).toEqual([
      true,
      false,
    ])
    expect(hookName('rollback', 'after')).toBe('after_rollback_control')
  })
})
