import type { Experiment } from '@steadystate/model'
import { normalizeSecrets } from '../experiment/normalize-config.ts'
import { resolveConfiguration, type Environment, type ResolvedConfiguration } from './configuration.ts'
import { emptyOverrides, type Overrides } from './overrides.ts'
import { knownSecretValues, resolveSecrets, type ResolvedSecrets } from './secrets.ts'

/**
 * What a run reads from outside its experiment, resolved once: the environment (with `.env` var
 * files), configuration and secrets (with `--var` and var files), and every value to mask. The CLI
 * resolves them before it logs anything (its logger must mask the secrets) and hands them to the
 * engine, whose validation and run use the same ones.
 */
export interface RunInputs {
  /** The environment activities see: the host's, with the variables of `.env` var files. */
  env: Environment
  configuration: ResolvedConfiguration
  secrets: ResolvedSecrets
  /** Every value kept out of logs, journals and reports (see `knownSecretValues`), and the host's. */
  secretValues: string[]
}

/**
 * Resolves a run's inputs for `experiment`. `extraSecrets` are values the host knows to be secret
 * besides the experiment's (a loader's bearer token).
 */
export function resolveInputs(
  experiment: Experiment,
  env: Environment,
  overrides: Overrides = emptyOverrides(),
  extraSecrets: readonly string[] = [],
): RunInputs {
  const withFiles: Environment = { ...env, ...overrides.env }
  const configuration = resolveConfiguration(experiment.configuration, withFiles, overrides.configuration)
  const secrets = resolveSecrets(experiment.secrets, withFiles, normalizeSecrets(overrides.secrets))
  return {
    env: withFiles,
    configuration,
    secrets,
    secretValues: [...new Set([...knownSecretValues(secrets.values, overrides), ...extraSecrets])],
  }
}

/** Every problem resolving configuration and secrets, in the order they are declared. */
export function resolutionProblems(inputs: RunInputs): { path: string; message: string }[] {
  return [...inputs.configuration.problems, ...inputs.secrets.problems]
}
