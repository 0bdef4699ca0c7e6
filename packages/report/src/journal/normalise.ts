import type {
  ConfigurationEntry,
  DryMode,
  HypothesisCheck,
  ReportJournal,
  RunOptions,
  RunRecord,
} from './types.ts'
import { declaredProbe, normaliseRun } from './normalise-run.ts'
import { finite, flag, isRecord, json, label, list, record, text, type UnknownRecord } from './read.ts'
import { Redactor } from '@steadystate/core'
import { collectSecretValues, secretNames, stripSecretValues, type SecretSources } from './secrets.ts'
import { clipModel } from './clip-model.ts'
import { parseTimestamp } from './timestamp.ts'
import { readSafeguards } from './safeguards.ts'
import { deriveVerdict, recordedVerdict } from './verdict.ts'

export type NormaliseOptions = SecretSources

export function isReportJournal(value: unknown): value is ReportJournal {
  return isRecord(value) && value.kind === 'report-journal'
}

/**
 * Reads a parsed journal of any known shape into the report model. Secrets are masked first, in
 * every string, so no renderer can print one: values from the experiment's `secrets` block (inline
 * literals, and env secrets set at report time), plus `options.values`.
 */
export function normaliseJournal(input: unknown, options: NormaliseOptions = {}): ReportJournal {
  if (isReportJournal(input)) return input
  return clipModel(readJournal(input, options))
}

function readJournal(input: unknown, options: NormaliseOptions): ReportJournal {
  const original = record(input)
  const redactor = new Redactor(collectSecretValues(original.experiment, options))
  const redacted = redactor.deepCounted({
    ...original,
    experiment: stripSecretValues(record(original.experiment)),
  })
  const raw = record(redacted.value)
  const experiment = record(raw.experiment)
  const extras = record(raw.steadystate)
  const start = parseTimestamp(raw.start)
  const end = parseTimestamp(raw.end)
  const originMs = start?.ms ?? earliestStart(raw)
  const runs = (key: 'run' | 'rollbacks', phase: 'method' | 'rollbacks'): RunRecord[] =>
    list(raw[key]).map((entry, index) => normaliseRun(entry, { phase, path: `${key}[${index}]`, originMs }))
  const method = runs('run', 'method')
  const hypothesis = readHypothesis(experiment, raw.steady_states, originMs)
  const status = text(raw.status) ?? 'unknown'
  const deviated = flag(raw.deviated) ?? false
  const verdict =
    recordedVerdict(extras) ??
    deriveVerdict({
      status,
      deviated,
      before: hypothesis?.before,
      method,
      hadHypothesis: hypothesis !== undefined && hypothesis.declared.length > 0,
    })
  const version = label(raw['chaoslib-version']) ?? 'unknown'
  const rollbackInfo = record(extras.rollbacks)
  return {
    kind: 'report-journal',
    title: label(experiment.title) ?? '(untitled experiment)',
    description: label(experiment.description) ?? '',
    tags: list(experiment.tags).flatMap((tag) => label(tag) ?? []),
    contributions: Object.entries(record(experiment.contributions)).map(([name, level]) => ({
      name,
      level: label(level) ?? '',
    })),
    engine:
      typeof extras.version === 'string'
        ? {
            name: 'steadystate',
            version: extras.version,
            format: version,
            runtime: text(extras.runtime) ?? '',
          }
        : { name: 'chaostoolkit', version },
    platform: label(raw.platform) ?? 'not recorded',
    node: label(raw.node) ?? 'not recorded',
    start,
    end,
    durationSeconds:
      finite(raw.duration) ??
      (start !== undefined && end !== undefined ? (end.ms - start.ms) / 1000 : undefined),
    status,
    deviated,
    verdict,
    dry: dryMode(record(extras.options).dry ?? experiment.dry),
    hypothesis,
    method,
    rollbacks: runs('rollbacks', 'rollbacks'),
    rollbackDecision:
      typeof rollbackInfo.strategy === 'string'
        ? {
            strategy: rollbackInfo.strategy,
            played: rollbackInfo.played === true,
            reason: text(rollbackInfo.reason) ?? '',
          }
        : undefined,
    options: runOptions(extras.options),
    warnings: list(extras.warnings).flatMap((warning) => label(warning) ?? []),
    interruption: isRecord(extras.interruption)
      ? {
          signal: label(extras.interruption.signal) ?? '?',
          at: label(extras.interruption.at) ?? '?',
          phase: label(extras.interruption.phase) ?? '?',
        }
      : undefined,
    stop: isRecord(extras.stop)
      ? {
          source: label(extras.stop.source) ?? 'safeguard',
          control: label(extras.stop.control) ?? '?',
          probe: label(extras.stop.probe) ?? '?',
          reason: label(extras.stop.reason) ?? '',
          trippedAt: label(extras.stop.trippedAt) ?? '?',
          timeToHalt: typeof extras.stop.timeToHalt === 'number' ? extras.stop.timeToHalt : undefined,
        }
      : undefined,
    progress: isRecord(extras.progress)
      ? {
          phase: label(extras.progress.phase) ?? '?',
          activity: label(extras.progress.activity) ?? null,
          startedAt: label(extras.progress.startedAt) ?? '?',
          rollbacksPending: extras.progress.rollbacksPending !== false,
        }
      : undefined,
    recovered: isRecord(extras.recovered)
      ? { at: label(extras.recovered.at) ?? '?', by: label(extras.recovered.by) ?? '?' }
      : undefined,
    error: isRecord(extras.error)
      ? { code: label(extras.error.code) ?? '?', message: label(extras.error.message) ?? '' }
      : undefined,
    redaction: {
      engine: finite(extras.redactions),
      report: redacted.count,
      wholeValueOnly: redactor.weakCount,
    },
    measurements: list(extras.measurements)
      .filter(isRecord)
      .map((entry) => ({
        phase: label(entry.phase) ?? '?',
        index: finite(entry.index) ?? 0,
        activity: label(entry.activity) ?? '?',
        kind: label(entry.kind) ?? '?',
        data: json(entry.data),
      })),
    safeguards: readSafeguards(experiment, extras, originMs),
    secretNames: secretNames(original.experiment),
    configuration: configuration(experiment.configuration),
  }
}

function readHypothesis(experiment: UnknownRecord, states: unknown, originMs: number | undefined) {
  const declared = experiment['steady-state-hypothesis']
  if (!isRecord(declared) && !isRecord(states)) return undefined
  const hypothesis = record(declared)
  const steady = record(states)
  const check = (value: unknown, phase: 'before' | 'after' | 'during', path: string, iteration?: number) => {
    if (!isRecord(value)) return undefined
    const probes = list(value.probes).map((probe, index) =>
      normaliseRun(probe, {
        phase,
        path: `${path}.probes[${index}]`,
        originMs,
        ...(iteration === undefined ? {} : { iteration }),
      }),
    )
    const met = flag(value.steady_state_met) ?? null
    return { met, probes } satisfies HypothesisCheck
  }
  return {
    title: label(hypothesis.title) ?? '(untitled hypothesis)',
    recorded: isRecord(states),
    before: check(steady.before, 'before', 'steady_states.before'),
    after: check(steady.after, 'after', 'steady_states.after'),
    during: list(steady.during).flatMap(
      (state, index) => check(state, 'during', `steady_states.during[${index}]`, index) ?? [],
    ),
    declared: list(hypothesis.probes).map(declaredProbe),
  }
}

/** Journals without a start (hand-made ones) still get a time axis, from their first activity. */
function earliestStart(raw: UnknownRecord): number | undefined {
  const starts: number[] = []
  for (const run of [...list(raw.run), ...list(raw.rollbacks)]) {
    const ms = parseTimestamp(record(run).start)?.ms
    if (ms !== undefined) starts.push(ms)
  }
  return starts.length === 0 ? undefined : Math.min(...starts)
}

function dryMode(value: unknown): DryMode | null {
  if (value === true) return 'activities'
  return value === 'probes' || value === 'actions' || value === 'activities' || value === 'pause'
    ? value
    : null
}

function runOptions(value: unknown): RunOptions | undefined {
  if (!isRecord(value)) return undefined
  return {
    rollbackStrategy: label(value.rollbackStrategy) ?? 'default',
    hypothesisStrategy: label(value.hypothesisStrategy) ?? 'default',
    hypothesisFrequency: finite(value.hypothesisFrequency),
    failFast: value.failFast === true,
  }
}

function configuration(value: unknown): ConfigurationEntry[] {
  return Object.entries(record(value)).map(([key, entry]) => {
    if (isRecord(entry) && entry.type === 'env') {
      const fallback = 'default' in entry ? ` (default ${JSON.stringify(json(entry.default))})` : ''
      return { key, source: `environment variable ${label(entry.key) ?? '?'}${fallback}` }
    }
    if (isRecord(entry) && entry.type === 'probe') {
      return { key, source: `dynamic: probe ${label(entry.name) ?? '?'}` }
    }
    return { key, source: JSON.stringify(json(entry)) }
  })
}
