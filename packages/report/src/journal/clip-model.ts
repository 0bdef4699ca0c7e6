import { clip } from '../text/format.ts'
import type { ReportJournal } from './types.ts'

/** Longer text from a journal is cut, with a note of its full size: renderers stay linear and small. */
const MAX_CHARS = 2000
const MAX_DESCRIPTION = 4000
/** A traceback longer than this keeps its last lines, where the error is. */
const MAX_EXCEPTION_LINES = 200

/** Fields holding JSON data, trimmed by each renderer to fit its own layout. */
const JSON_FIELDS = new Set(['output', 'arguments', 'tolerance', 'data'])

/**
 * Every string of the report model cut to a size a report can show (descriptions to 4,000
 * characters, everything else to 2,000), with a note of the full size. A hostile or runaway journal
 * (a 10 MB description, a 50 KB error) then costs no more to render than a normal one.
 */
export function clipModel(journal: ReportJournal): ReportJournal {
  return walk(journal, undefined) as ReportJournal
}

function walk(value: unknown, key: string | undefined): unknown {
  if (typeof value === 'string') return clip(value, key === 'description' ? MAX_DESCRIPTION : MAX_CHARS)
  if (Array.isArray(value)) {
    const kept =
      key === 'exception' && value.length > MAX_EXCEPTION_LINES ? value.slice(-MAX_EXCEPTION_LINES) : value
    return kept.map((item) => walk(item, undefined))
  }
  if (value === null || typeof value !== 'object') return value
  const out: Record<string, unknown> = {}
  for (const [name, child] of Object.entries(value))
    out[name] = JSON_FIELDS.has(name) ? child : walk(child, name)
  return out
}
