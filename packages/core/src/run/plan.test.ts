import { describe, expect, it } from 'vitest'
import { normalizeExperiment } from '../experiment/normalize.ts'
import { resolvePlan } from './plan.ts'

const experiment = (runtime?: object) =>
  normalizeExperiment({ title: 't', description: 'd', method: [], ...(runtime ? { runtime } : {}) })

describe('resolvePlan', () => {
  it("runs the old spelling 'continously' of the flag continuously, with the reference's warning", () => {
    const plan = resolvePlan(experiment(), { hypothesisStrategy: 'continously' })
    expect(plan).toMatchObject({
      hypothesisStrategy: 'continuously',
      before: true,
      during: true,
      after: true,
    })
    expect(plan.warnings).toEqual([
      "--hypothesis-strategy 'continously' is the old spelling, deprecated by the Chaos Toolkit: use 'continuously' (running continuously)",
    ])
  })

  it("says where the old spelling came from when the experiment's runtime has it", () => {
    const plan = resolvePlan(experiment({ hypothesis: { strategy: 'continously' } }), {})
    expect(plan.hypothesisStrategy).toBe('continuously')
    expect(plan.warnings[0]).toMatch(/^runtime\.hypothesis\.strategy 'continously' is the old spelling/)
  })

  it('lets the flag beat the runtime, without a warning for the correct spelling', () => {
    const plan = resolvePlan(experiment({ hypothesis: { strategy: 'continously' } }), {
      hypothesisStrategy: 'before-method-only',
    })
    expect(plan).toMatchObject({ hypothesisStrategy: 'before-method-only', during: false, warnings: [] })
  })
})
