import { isRecord } from '@steadystate/model'
import { ActivityFailedError } from '@steadystate/core'

/** Namespaces no action touches unless the experiment allows them by name. */
export const PROTECTED_NAMESPACES = ['kube-system', 'kube-public', 'kube-node-lease']

/**
 * Limits on what one action may do, on by default. Set in the experiment's configuration as
 * `steadystate_guardrails: {allow_namespaces, max_pods, max_percent, seed}`, or through the
 * environment (STEADYSTATE_ALLOW_NAMESPACES, STEADYSTATE_MAX_PODS, STEADYSTATE_MAX_PERCENT,
 * STEADYSTATE_RANDOM_SEED); the configuration wins.
 */
export interface Guardrails {
  allowedNamespaces: string[]
  /** The most pods one action may terminate. @default 20 */
  maxPods: number
  /** The largest share of the matching pods one action may terminate, unless `all: true`. @default 50 */
  maxPercent: number
  /** Seed for random choices; undefined → a fresh one, recorded in the output so a run can be replayed. */
  seed: number | undefined
}

export const DEFAULT_MAX_PODS = 20
export const DEFAULT_MAX_PERCENT = 50

export function readGuardrails(
  configuration: Record<string, unknown>,
  env: Readonly<Record<string, string | undefined>>,
): Guardrails {
  const fromConfig = isRecord(configuration.steadystate_guardrails)
    ? configuration.steadystate_guardrails
    : {}
  const list = (value: unknown): string[] | undefined =>
    Array.isArray(value)
      ? value.map(String)
      : typeof value === 'string'
        ? value
            .split(',')
            .map((item) => item.trim())
            .filter((item) => item !== '')
        : undefined
  const number = (value: unknown, name: string): number | undefined => {
    if (value === undefined || value === null || value === '') return undefined
    const parsed = Number(value)
    if (!Number.isFinite(parsed) || parsed < 0)
      throw new ActivityFailedError(
        `guardrail ${name} must be a non-negative number, got ${JSON.stringify(value)}`,
      )
    return parsed
  }
  return {
    allowedNamespaces: list(fromConfig.allow_namespaces) ?? list(env.STEADYSTATE_ALLOW_NAMESPACES) ?? [],
    maxPods:
      number(fromConfig.max_pods, 'max_pods') ??
      number(env.STEADYSTATE_MAX_PODS, 'STEADYSTATE_MAX_PODS') ??
      DEFAULT_MAX_PODS,
    maxPercent:
      number(fromConfig.max_percent, 'max_percent') ??
      number(env.STEADYSTATE_MAX_PERCENT, 'STEADYSTATE_MAX_PERCENT') ??
      DEFAULT_MAX_PERCENT,
    seed: number(fromConfig.seed, 'seed') ?? number(env.STEADYSTATE_RANDOM_SEED, 'STEADYSTATE_RANDOM_SEED'),
  }
}

/** Refuses protected namespaces unless allowed by name. */
export function checkNamespace(namespace: string, guardrails: Guardrails): void {
  if (PROTECTED_NAMESPACES.includes(namespace) && !guardrails.allowedNamespaces.includes(namespace)) {
    throw new ActivityFailedError(
      `namespace '${namespace}' is protected: steadystate does not inject faults there unless the experiment allows it ` +
        `(configuration "steadystate_guardrails": {"allow_namespaces": ["${namespace}"]})`,
    )
  }
}

/** What a blast-radius refusal calls the action, and how to ask for every matching pod. */
export interface BlastWording {
  verb: string
  everyPod: string
}

const TERMINATIONS: BlastWording = { verb: 'terminate', everyPod: '"all": true' }

/** Refuses to terminate (or, for a fault, affect) more pods than the caps allow. */
export function checkBlastRadius(
  victims: number,
  candidates: number,
  all: boolean,
  guardrails: Guardrails,
  wording: BlastWording = TERMINATIONS,
): void {
  const { verb, everyPod } = wording
  if (victims > guardrails.maxPods) {
    throw new ActivityFailedError(
      `this action would ${verb} ${victims} pods, more than the guardrail allows (${guardrails.maxPods}); ` +
        'raise "steadystate_guardrails": {"max_pods": N} in the configuration if that is intended',
    )
  }
  const percent = candidates === 0 ? 0 : (victims * 100) / candidates
  if (!all && percent > guardrails.maxPercent) {
    throw new ActivityFailedError(
      `this action would ${verb} ${victims} of ${candidates} matching pods (${Math.round(percent)}%), more than the guardrail allows ` +
        `(${guardrails.maxPercent}%); use ${everyPod} to target every matching pod on purpose, or raise "max_percent"`,
    )
  }
}
