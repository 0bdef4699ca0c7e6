import { isWeakSecret } from './common-words.ts'
import { percentPattern, secretForms } from './secret-forms.ts'

/** What replaces a secret value wherever it appears. */
export const REDACTED = '***'

/**
 * Fields whose values steadystate (or the reference) writes itself from a fixed vocabulary:
 * statuses, enumerations, timestamps, numbers. No secret can be in them, and masking a substring of
 * one would change the journal's meaning (a secret `2026` must not blank the start time).
 */
const PROTECTED_FIELDS = new Set([
  'status',
  'start',
  'end',
  'duration',
  'deviated',
  'tolerance_met',
  'steady_state_met',
  'chaoslib-version',
  'platform',
  'type',
  'kind',
  'phase',
  'signal',
  'at',
  'code',
  'strategy',
  'version',
  'runtime',
  'rollbackStrategy',
  'hypothesisStrategy',
  'hypothesisFrequency',
  'failFast',
  'dry',
  'level',
  'when',
  'activityType',
  'index',
  'played',
  'redactions',
  'background',
  'seconds',
  'remaining',
  'count',
  'met',
])

/**
 * Fields that hold data from outside steadystate (what a probe returned, the arguments and
 * configuration an experiment declares, measurements): there, keys are masked too, and a number
 * equal to a numeric secret is a whole value.
 */
const DATA_FIELDS = new Set(['output', 'arguments', 'tolerance', 'data', 'configuration', 'secrets'])

type Mode = 'schema' | 'data'

/**
 * Masks secret values in strings (journals, events, log lines, reports). A secret long and specific
 * enough is masked wherever it occurs, in every form a program may have printed it (see
 * `secretForms`, `percentPattern`); a weak one (`isWeakSecret`: short, a number, a word steadystate
 * writes itself) only where it stands as a whole value: a string equal to it, a JSON string literal
 * `"…"` in text, a number equal to it in data. Journal keys and the fields steadystate writes from
 * a fixed vocabulary are never changed.
 */
export class Redactor {
  private readonly literals: string[]
  private readonly percent: RegExp | undefined
  private readonly weak: Set<string>
  private readonly quotedWeak: RegExp | undefined
  private counted = 0

  constructor(values: Iterable<string>) {
    const unique = [...new Set(values)].filter((value) => value !== '')
    this.literals = [...new Set(unique.flatMap(secretForms))].sort((a, b) => b.length - a.length)
    const patterns = unique.flatMap((value) => percentPattern(value) ?? [])
    this.percent = patterns.length === 0 ? undefined : new RegExp(patterns.join('|'), 'g')
    this.weak = new Set(unique.filter(isWeakSecret))
    this.quotedWeak =
      this.weak.size === 0
        ? undefined
        : new RegExp(
            `"(?:${[...this.weak].map((value) => escapeRegExp(JSON.stringify(value).slice(1, -1))).join('|')})"(?!\\s*:)`,
            'g',
          )
  }

  get isEmpty(): boolean {
    return this.literals.length === 0 && this.weak.size === 0
  }

  /** How many secret values can only be masked as whole values (for a warning). */
  get weakCount(): number {
    return this.weak.size
  }

  /** Free text: a log line, a message, a traceback. */
  text(value: string): string {
    let text = this.literalsOnly(value)
    if (this.percent !== undefined && (text.includes('%') || text.includes('+')))
      text = this.count(text, this.percent, REDACTED)
    if (this.quotedWeak !== undefined && text.includes('"'))
      text = this.count(text, this.quotedWeak, `"${REDACTED}"`)
    if (this.weak.has(text)) {
      this.counted++
      return REDACTED
    }
    return text
  }

  /** A deep copy of a journal or an event with every secret masked; its keys and vocabulary kept. */
  deep<T>(value: T): T {
    return this.deepCounted(value).value
  }

  /** Like `deep`, also counting how many occurrences were masked. */
  deepCounted<T>(value: T): { value: T; count: number } {
    if (this.isEmpty) return { value, count: 0 }
    const before = this.counted
    const result = this.walk(value, 'schema') as T
    return { value: result, count: this.counted - before }
  }

  /** Data from outside steadystate (an activity's output): keys and numbers included. */
  data<T>(value: T): T {
    return this.isEmpty ? value : (this.walk(value, 'data') as T)
  }

  private walk(item: unknown, mode: Mode): unknown {
    if (typeof item === 'string') return this.text(item)
    if (typeof item === 'number' && mode === 'data' && this.weak.has(String(item))) {
      this.counted++
      return REDACTED
    }
    if (Array.isArray(item)) return item.map((child) => this.walk(child, mode))
    if (item === null || typeof item !== 'object') return item
    const out: Record<string, unknown> = {}
    for (const [key, child] of Object.entries(item)) {
      if (mode === 'schema' && PROTECTED_FIELDS.has(key) && !isObject(child)) {
        out[key] = child
        continue
      }
      const childMode = mode === 'data' || DATA_FIELDS.has(key) ? 'data' : 'schema'
      out[mode === 'data' ? this.freeKey(key, out) : key] = this.walk(child, childMode)
    }
    return out
  }

  /** A key of outside data, masked like text; two keys masked alike stay apart. */
  private freeKey(key: string, taken: Record<string, unknown>): string {
    const masked = this.literalsOnly(key)
    if (masked === key || !(masked in taken)) return masked
    let index = 2
    while (`${masked} (${index})` in taken) index++
    return `${masked} (${index})`
  }

  private literalsOnly(value: string): string {
    let text = value
    for (const form of this.literals) {
      if (!text.includes(form)) continue
      const parts = text.split(form)
      this.counted += parts.length - 1
      text = parts.join(REDACTED)
    }
    return text
  }

  private count(text: string, pattern: RegExp, replacement: string): string {
    return text.replace(pattern, () => {
      this.counted++
      return replacement
    })
  }
}

function isObject(value: unknown): boolean {
  return value !== null && typeof value === 'object'
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
