import { escapeControls } from '@steadystate/core'

/**
 * Log text partly comes from the system under test (outputs, error messages, HTTP bodies), and CI
 * systems read commands out of a job's log. These functions make such text inert for all of them at
 * once, without changing what a person reads:
 * - GitHub runner: a line whose text, once the runner's `TrimStart()` has removed .NET whitespace,
 *   starts with `::` (workflow commands, `::stop-commands::` included), and `##[` anywhere (legacy
 *   commands). The runner splits lines at `\n`, `\r` and `\r\n`.
 * - Octopus (Calamari): `##octopus` anywhere in a line starts a service message, which runs to the
 *   next `]`, across lines.
 * - GitLab: collapsible sections (`ESC[0Ksection_start:…`), and ANSI escapes generally, which can
 *   also forge coloured output in any terminal.
 * Control characters become visible `\uXXXX` escapes, so no line break or escape sequence comes
 * from outside; markers get a zero-width space inside them.
 */

/**
 * What .NET's `char.IsWhiteSpace` accepts, so what the runner's `TrimStart()` removes before it
 * looks for `::` (U+0085 and U+00A0 among them, which JavaScript's `\s` treats differently).
 */
export const DOTNET_WHITESPACE = '\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000'

const ZWSP = '\u200b'
const COMMAND_AT_START = new RegExp(`^([${DOTNET_WHITESPACE}]*):(?=:)`)

/** Breaks every CI marker in one physical line (no line breaks left in it). */
export function neutraliseMarkers(line: string): string {
  return line
    .replace(COMMAND_AT_START, `$1:${ZWSP}`)
    .replace(/##\[/g, `#${ZWSP}#[`)
    .replace(/##octopus/gi, (marker) => `#${ZWSP}${marker.slice(1)}`)
}

/**
 * Untrusted text as the physical lines a log may show: split at line breaks (`\r\n` and `\n`; a
 * lone `\r` is escaped, it would let a later part overwrite an earlier one), controls escaped and
 * markers broken. The caller prefixes every line with its own text (a timestamp), so no line
 * starts with outside text either.
 */
export function safeLines(text: string): string[] {
  return text.split(/\r?\n/).map((line) => neutraliseMarkers(escapeControls(line)))
}

/**
 * A JSON log line, inert for every CI system and unchanged for any JSON reader: `#` is written as
 * `\u0023` (no `##[` or `##octopus`), and the separators JSON leaves raw are escaped too. Control
 * characters are escaped by JSON already, and the line starts with `{`.
 */
export function safeJsonLine(json: string): string {
  return json.replace(
    /[#\u0085\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}
