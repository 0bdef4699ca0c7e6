import {
  isMalformed,
  type Experiment,
  type HypothesisStrategy,
  type HypothesisStrategyFlag,
  type Malformed,
  type RollbackStrategy,
  type RunStatus,
} from '@steadystate/model'

/** `skip` and the misspelt `continously` exist in the reference via the experiment's `runtime`. */
export type EffectiveHypothesisStrategy = HypothesisStrategy | 'skip'

export type { HypothesisStrategyFlag }

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
  experiment: Experiment,
  flags: {
    rollbackStrategy?: RollbackStrategy | undefined
    hypothesisStrategy?: HypothesisStrategyFlag | undefined
  },
): Plan {
  const warnings: string[] = []
  const runtime =
    experiment.runtime === undefined || isMalformed(experiment.runtime) ? undefined : experiment.runtime
  /** A strategy the runtime names; one that is none (a run without validation) is the default. */
  const known = <T>(key: 'rollbacks' | 'hypothesis', value: T | Malformed | undefined): T | undefined => {
    if (!isMalformed(value)) return value
    warnings.push(
      `runtime.${key}.strategy ${JSON.stringify(value.value)} is not a strategy steadystate knows; using 'default'`,
    )
    return undefined
  }
  const rollbackStrategy =
    flags.rollbackStrategy ?? known('rollbacks', runtime?.rollbackStrategy) ?? 'default'
  let strategy: EffectiveHypothesisStrategy | 'continously' =
    flags.hypothesisStrategy ?? known('hypothesis', runtime?.hypothesisStrategy) ?? 'default'
  if (strategy === 'continously') {
    const where =
      flags.hypothesisStrategy === undefined ? 'runtime.hypothesis.strategy' : '--hypothesis-strategy'
    warnings.push(
      `${where} 'continously' is the old spelling, deprecated by the Chaos Toolkit: use 'continuously' (running continuously)`,
    )
    strategy = 'continuously'
  }
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
