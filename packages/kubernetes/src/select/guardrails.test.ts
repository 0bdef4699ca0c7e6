import { describe, expect, it } from 'vitest'
import {
  checkBlastRadius,
  checkNamespace,
  DEFAULT_MAX_PERCENT,
  DEFAULT_MAX_PODS,
  readGuardrails,
} from './guardrails.ts'

describe('guardrails', () => {
  it('has defaults, read from the environment, overridden by the configuration', () => {
    expect(readGuardrails({}, {})).toEqual({
      allowedNamespaces: [],
      maxPods: DEFAULT_MAX_PODS,
      maxPercent: DEFAULT_MAX_PERCENT,
      seed: undefined,
    })
    const env = {
      STEADYSTATE_MAX_PODS: '5',
      STEADYSTATE_ALLOW_NAMESPACES: 'kube-system, kube-public',
      STEADYSTATE_RANDOM_SEED: '9',
    }
    expect(readGuardrails({}, env)).toEqual({
      allowedNamespaces: ['kube-system', 'kube-public'],
      maxPods: 5,
      maxPercent: 50,
      seed: 9,
    })
    expect(readGuardrails({ steadystate_guardrails: { max_pods: 2, max_percent: 100 } }, env)).toMatchObject({
      maxPods: 2,
      maxPercent: 100,
    })
    expect(() => readGuardrails({ steadystate_guardrails: { max_pods: 'many' } }, {})).toThrow(
      /max_pods must be a non-negative number/,
    )
  })

  it('denies protected namespaces unless allowed by name', () => {
    const defaults = readGuardrails({}, {})
    expect(() => checkNamespace('kube-system', defaults)).toThrow(/namespace 'kube-system' is protected/)
    expect(() => checkNamespace('kube-node-lease', defaults)).toThrow(/protected/)
    expect(() => checkNamespace('payments', defaults)).not.toThrow()
    expect(() =>
      checkNamespace('kube-system', { ...defaults, allowedNamespaces: ['kube-system'] }),
    ).not.toThrow()
  })

  it('caps the number and the share of pods', () => {
    const defaults = readGuardrails({}, {})
    expect(() => checkBlastRadius(21, 100, false, defaults)).toThrow(/more than the guardrail allows \(20\)/)
    expect(() => checkBlastRadius(6, 10, false, defaults)).toThrow(/6 of 10 matching pods \(60%\)/)
    expect(() => checkBlastRadius(10, 10, true, defaults)).not.toThrow()
    expect(() => checkBlastRadius(5, 10, false, defaults)).not.toThrow()
  })
})
