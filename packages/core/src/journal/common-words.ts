import {
  DRY_RUN_MODES,
  HYPOTHESIS_STRATEGIES,
  ROLLBACK_STRATEGIES,
  RUN_STATUSES,
  type VerdictKind,
} from '@steadystate/model'

const VERDICT_KINDS: readonly VerdictKind[] = [
  'held',
  'incomplete',
  'deviated',
  'not-tested',
  'failed',
  'aborted',
  'interrupted',
]

/** Every key a journal (and the experiment it embeds) is made of, as steadystate and chaoslib write them. */
const JOURNAL_KEYS = [
  'chaoslib-version',
  'platform',
  'node',
  'experiment',
  'start',
  'status',
  'deviated',
  'steady_states',
  'run',
  'rollbacks',
  'end',
  'duration',
  'steadystate',
  'activity',
  'output',
  'exception',
  'tolerance_met',
  'steady_state_met',
  'probes',
  'before',
  'after',
  'during',
  'version',
  'runtime',
  'options',
  'rollbackStrategy',
  'hypothesisStrategy',
  'hypothesisFrequency',
  'failFast',
  'verdict',
  'warnings',
  'interruption',
  'signal',
  'phase',
  'error',
  'message',
  'code',
  'strategy',
  'played',
  'reason',
  'redactions',
  'measurements',
  'index',
  'kind',
  'summary',
  'data',
  'title',
  'description',
  'tags',
  'contributions',
  'configuration',
  'secrets',
  'extensions',
  'method',
  'steady-state-hypothesis',
  'controls',
  'name',
  'type',
  'provider',
  'module',
  'func',
  'arguments',
  'path',
  'url',
  'headers',
  'timeout',
  'tolerance',
  'pauses',
  'background',
  'ref',
  'expected_status',
  'verify_tls',
  'target',
  'pattern',
  'range',
  'expect',
  'count',
  'key',
  'default',
  'stdout',
  'stderr',
  'body',
]

/** Enumeration values steadystate writes into journals, events and reports. */
const ENUMERATIONS = [
  ...RUN_STATUSES,
  ...VERDICT_KINDS,
  ...ROLLBACK_STRATEGIES,
  ...HYPOTHESIS_STRATEGIES,
  ...DRY_RUN_MODES,
  'succeeded',
  'skipped',
  'probe',
  'action',
  'activity',
  'python',
  'process',
  'http',
  'env',
  'vault',
  'regex',
  'jsonpath',
  'hypothesis',
  'method',
  'configuration',
  'unknown',
  'steadystate',
  'chaostoolkit',
  'SIGINT',
  'SIGTERM',
  'SIGKILL',
  'linux',
  'darwin',
  'win32',
  'true',
  'false',
  'null',
  'none',
  'info',
  'warn',
  'warning',
]

const COMMON = new Set([...JOURNAL_KEYS, ...ENUMERATIONS].map((word) => word.toLowerCase()))

/** A number as JSON or a log would print it: `2026`, `-1.5`, `1e6`. */
const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/

/** Secrets shorter than this would mangle ordinary text if masked wherever they occur. */
export const MIN_MASKED_LENGTH = 6

/**
 * Whether a secret value is too short or too common to mask inside other text: fewer than 6
 * characters, a number, or a word steadystate itself writes (a journal key, a status, an enumeration
 * value). Such values are masked only where they stand as a whole value.
 */
export function isWeakSecret(value: string): boolean {
  return (
    Array.from(value).length < MIN_MASKED_LENGTH ||
    NUMBER.test(value.trim()) ||
    COMMON.has(value.toLowerCase())
  )
}
