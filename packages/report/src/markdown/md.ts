import { escapeControls } from '@steadystate/core'

/**
 * Markdown building blocks that keep journal text (names, outputs, errors) from breaking the page or
 * becoming markup: job summaries render Markdown with some raw HTML allowed, so text from the system
 * under test must never reach them as anything but text.
 */

/**
 * Inline text on one line: every ASCII punctuation character that can start Markdown or HTML syntax
 * backslash-escaped (`<` and `&` included, so no tag or entity), control characters shown as
 * `\uXXXX`.
 */
export function inline(text: string): string {
  return escapeControls(text.replace(/\s+/g, ' ').trim()).replace(
    /[\\`*_[\]<>|#~&$!]/g,
    (char) => `\\${char}`,
  )
}

/**
 * A code span whatever it holds: its fence is one backtick longer than the longest run of backticks
 * inside (CommonMark closes a span only at a run of the same length), padded when the text starts or
 * ends with a backtick. Pipes are escaped for tables (GFM unescapes them inside code spans too).
 */
export function code(text: string): string {
  const flat = escapeControls(text.replace(/\s+/g, ' ').trim())
  if (flat === '') return ''
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length))
  const fence = '`'.repeat(longest + 1)
  const padded = flat.startsWith('`') || flat.endsWith('`') ? ` ${flat} ` : flat
  return `${fence}${padded.replace(/\|/g, '\\|')}${fence}`
}

/** A table, its rows cut to `maxRows` with a closing note saying how many were left out. */
export function table(header: string[], rows: string[][], maxRows: number, what: string): string {
  const shown = rows.slice(0, maxRows)
  const lines = [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...shown.map((row) => `| ${row.join(' | ')} |`),
  ]
  const omitted = rows.length - shown.length
  if (omitted > 0) lines.push('', `_${omitted} more ${what} not shown here: see the journal._`)
  return lines.join('\n')
}
