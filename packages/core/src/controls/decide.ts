import type { Experiment, SkippedControl } from '@steadystate/model'
import type { Environment } from '../config/configuration.ts'
import type { ValidationIssue } from '../errors.ts'
import type { ProviderRegistry } from '../providers/registry.ts'
import { declaredControls, type DeclaredControl, type GlobalControlSource } from './declared.ts'
import { controlProblems } from './honour.ts'
import { inspectBridgedControls } from './python/inspect.ts'

/** A control run in the Python worker, with the hooks its module defines. */
export interface BridgedControl {
  control: DeclaredControl
  hooks: ReadonlySet<string>
}

/** What a run does with its controls: refuses them (issues), goes without them, or runs them. */
export interface RunControls {
  issues: ValidationIssue[]
  skipped: SkippedControl[]
  bridged: BridgedControl[]
}

export interface DecideOptions {
  registry: ProviderRegistry
  env: Environment
  cwd: string
  source?: string
  skipUnknownControls?: boolean
  globalControls?: readonly GlobalControlSource[]
  once?: ((key: string) => boolean) | undefined
}

/**
 * Decides every declared control: natively honoured (safeguards), run in Python (when its module
 * imports), or refused (errors; warnings and skipped records with --skip-unknown-controls).
 * `validating` calls the modules' own `validate_control`, as `chaos run` does unless --no-validation.
 */
export async function decideControls(
  experiment: Experiment,
  options: DecideOptions,
  validating: boolean,
): Promise<RunControls> {
  const declared = declaredControls(experiment, options.source ?? 'the experiment', options.globalControls)
  const verdicts = await inspectBridgedControls(declared, {
    bridge: options.registry.python,
    env: options.env,
    cwd: options.cwd,
    validating,
    once: options.once,
  })
  const { issues, skipped } = controlProblems(declared, options.skipUnknownControls === true, verdicts)
  const bridged: BridgedControl[] = []
  for (const [control, verdict] of verdicts)
    if (verdict.kind === 'ok') bridged.push({ control, hooks: verdict.hooks })
  return { issues, skipped, bridged }
}
