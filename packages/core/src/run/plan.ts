import type { HypothesisStrategy, RollbackStrategy, RunStatus } from '@steadystate/model'

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** `skip` and the misspelt `continously` exist in the reference via the experiment's `runtime`. */
export type EffectiveHypothesisStrategy = HypothesisStrategy | 'skip'

export interface Plan {
  rollbackStrategy: RollbackStrategy
  hypothesisStrategy: EffectiveHypothesisStrategy
  before: boolean
  during: boolean
  after: boolean
  warnings: string[]
}

/** Flags beat the experiment's `runtime`, which beats `default` (docs/chaos-toolkit.md §4). */
export function resolvePlan(
  experiment: Record<string, unknown>,
  flags: {
    rollbackStrategy?: RollbackStrategy | undefined
    hypothesisStrategy?: HypothesisStrategy | undefined
  },
): Plan {
  const warnings: string[] = []
  const runtime = isRecord(experiment.runtime) ? experiment.runtime : undefined
  const fromRuntime = (key: 'rollbacks' | 'hypothesis'): string | undefined => {
    const section = runtime?.[key]
    return isRecord(section) && typeof section.strategy === 'string' ? section.strategy : undefined
  }
  const rollbackStrategy =
    flags.rollbackStrategy ?? (fromRuntime('rollbacks') as RollbackStrategy | undefined) ?? 'default'
  let hypothesis = flags.hypothesisStrategy ?? fromRuntime('hypothesis') ?? 'default'
  if (hypothesis === 'continously') {
    warnings.push(
      "hypothesis strategy 'continously' is a misspelling of 'continuously'; running continuously",
    )
    hypothesis = 'continuously'
  }
  const strategy = hypothesis as EffectiveHypothesisStrategy
  return {
    rollbackStrategy,
    hypothesisStrategy: strategy,
    before: strategy === 'default' || strategy === 'before-method-only' || strategy === 'continuously',
    during: strategy === 'during-method-only' || strategy === 'continuously',
    after: strategy === 'default' || strategy === 'after-method-only' || strategy === 'continuously',
    warnings,
  }
}

/**
 * Whether rollbacks play. Unlike the reference, `default` also plays them when the run failed or was
 * interrupted: nothing may be left broken (the reference's skipping is chaostoolkit#195, #258).
 */
export function shouldPlayRollbacks(
  strategy: RollbackStrategy,
  status: RunStatus,
  deviated: boolean,
): { played: boolean; reason: string } {
  switch (strategy) {
    case 'never':
      return { played: false, reason: "rollback strategy 'never'" }
    case 'always':
      return { played: true, reason: "rollback strategy 'always'" }
    case 'deviated':
      return deviated
        ? { played: true, reason: "rollback strategy 'deviated' and the steady state deviated" }
        : { played: false, reason: "rollback strategy 'deviated' and the steady state did not deviate" }
    case 'default':
      return { played: true, reason: `rollback strategy 'default' (run ${status})` }
  }
}
