import type { JsonValue } from '@steadystate/model'
import type { Engine, ProviderSummary, RunRecord } from '../journal/types.ts'
import { isRecord } from '../journal/read.ts'

/** `12 ms`, `1.23 s`, `2 min 03 s`, `1 h 02 min`: precise for short activities, short for long runs. */
export function formatSeconds(seconds: number | undefined): string {
  if (seconds === undefined) return 'n/a'
  if (seconds < 0) return `-${formatSeconds(-seconds)}`
  if (seconds < 1) return `${Number((seconds * 1000).toPrecision(3))} ms`
  if (seconds < 60) return `${Number(seconds.toFixed(seconds < 10 ? 2 : 1))} s`
  const total = Math.round(seconds)
  if (total < 3600) return `${Math.floor(total / 60)} min ${String(total % 60).padStart(2, '0')} s`
  return `${Math.floor(total / 3600)} h ${String(Math.floor((total % 3600) / 60)).padStart(2, '0')} min`
}

/** Offset from the start of the run: `+1.234 s` (`-0.025 s` before it: a safeguard's pre-check). */
export function formatOffset(seconds: number | undefined): string {
  if (seconds === undefined) return 'n/a'
  return `${seconds < 0 ? '-' : '+'}${Math.abs(seconds).toFixed(3)} s`
}

export function describeEngine(engine: Engine): string {
  switch (engine.name) {
    case 'steadystate':
      return `steadystate ${engine.version} (journal format ${engine.format})`
    case 'chaostoolkit':
      return `Chaos Toolkit (chaoslib ${engine.version})`
  }
}

export function describeProvider(provider: ProviderSummary): string {
  switch (provider.type) {
    case 'python':
      return `python ${provider.module}.${provider.func}`
    case 'process':
      return `process ${provider.path}`
    case 'http':
      return `http ${provider.method} ${provider.url}`
    case 'other':
      return provider.name
  }
}

/** A tolerance as a reader would say it: `true`, `[200, 503]`, `regex ^ok on stdout`, `range 0..10`. */
export function describeTolerance(tolerance: JsonValue | undefined): string {
  if (tolerance === undefined) return '(none)'
  if (!isRecord(tolerance)) return compactJson(tolerance, 80)
  const target = typeof tolerance.target === 'string' ? ` on ${tolerance.target}` : ''
  const type = typeof tolerance.type === 'string' ? tolerance.type : ''
  switch (type) {
    case 'regex':
      return `regex ${compactJson(tolerance.pattern ?? null, 60)}${target}`
    case 'jsonpath': {
      const count = tolerance.count === undefined ? '' : `, count ${compactJson(tolerance.count ?? null, 20)}`
      const expect = 'expect' in tolerance ? `, expect ${compactJson(tolerance.expect ?? null, 40)}` : ''
      return `jsonpath ${compactJson(tolerance.path ?? null, 60)}${target}${count}${expect}`
    }
    case 'range': {
      const range = Array.isArray(tolerance.range) ? tolerance.range : []
      return `range ${compactJson(range[0] ?? null, 20)}..${compactJson(range[1] ?? null, 20)}${target}`
    }
    case 'probe':
      return `probe ${typeof tolerance.name === 'string' ? tolerance.name : '(unnamed)'}`
    default:
      return compactJson(tolerance, 80)
  }
}

/**
 * The value a hypothesis probe's tolerance was checked against, short: `exit 0`, `HTTP 503`, the
 * tolerance's `target` field, or the output as compact JSON.
 */
export function describeValue(run: RunRecord): string {
  const output = run.output
  if (output === undefined) return 'not recorded'
  if (run.status === 'failed') return lastExceptionLine(run) ?? 'error'
  const target =
    isRecord(run.tolerance) && typeof run.tolerance.target === 'string' ? run.tolerance.target : undefined
  if (isRecord(output)) {
    if (target !== undefined && target in output) return compactJson(output[target] ?? null, 60)
    if (typeof output.status === 'number' && 'headers' in output) return `HTTP ${output.status}`
    if (typeof output.status === 'number' && 'stdout' in output) return `exit ${output.status}`
  }
  return compactJson(output, 60)
}

/** The error without its exception class (`chaoslib.exceptions.ActivityFailed: `), for tables. */
export function shortError(run: RunRecord): string | undefined {
  return lastExceptionLine(run)?.replace(/^[A-Za-z_][\w.]*: /, '')
}

export function describeRollbackDecision(decision: {
  strategy: string
  played: boolean
  reason: string
}): string {
  const reason = decision.reason === '' ? `strategy '${decision.strategy}'` : decision.reason
  return `Rollbacks ${decision.played ? 'played' : 'not played'}: ${reason}.`
}

/** The last line of a traceback, where both Chaos Toolkit and steadystate put the error message. */
export function lastExceptionLine(run: RunRecord): string | undefined {
  const lines = run.exception.flatMap((line) => line.split('\n')).filter((line) => line.trim() !== '')
  const last = lines.at(-1)
  return last === undefined ? undefined : last.trim()
}

export function compactJson(value: JsonValue, max: number): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return truncate(oneLine(text), max)
}

export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${codePointSlice(text, Math.max(0, max - 1))}…`
}

/**
 * A long string cut to `max` characters with a note of its full size, so a reader knows there is
 * more (and where: the journal has it all).
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text
  return `${codePointSlice(text, max)} … [cut: ${text.length.toLocaleString('en')} characters in all, see the journal]`
}

/** The first `end` UTF-16 units, one fewer if that would split a surrogate pair. */
function codePointSlice(text: string, end: number): string {
  const code = text.charCodeAt(end - 1)
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? end - 1 : end)
}

export interface Trimmed {
  text: string
  /** Set when something was cut: what the full value measured. */
  cut: { chars: number; lines: number } | undefined
}

/** Pretty JSON for a reader, cut to a few lines/characters with a note of the full size. */
export function trimmedJson(value: JsonValue, maxLines: number, maxChars: number): Trimmed {
  const full = typeof value === 'string' ? value : JSON.stringify(value, null, 2)
  const lines = full.split('\n')
  if (lines.length <= maxLines && full.length <= maxChars) return { text: full, cut: undefined }
  const kept = lines.slice(0, maxLines).join('\n').slice(0, maxChars)
  return { text: kept, cut: { chars: full.length, lines: lines.length } }
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`
}
