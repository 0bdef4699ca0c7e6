/**
 * Characters that break a line, move the cursor or reorder text when shown: C0 and C1 controls
 * (tab excepted), DEL, the Unicode line and paragraph separators, and bidirectional overrides and
 * isolates (which make text read differently from what it holds).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g
const CONTROLS_BUT_NEWLINES =
  // eslint-disable-next-line no-control-regex -- as above
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

/**
 * Text from outside (a probe's output, an error message) with its control characters shown as
 * `\uXXXX` instead of acting: in a log, a report or a CI summary, one piece of text then draws
 * exactly what it holds. With `newlines`, `\n` (and a `\r` before it) are kept as line breaks.
 */
export function escapeControls(text: string, options: { newlines?: boolean } = {}): string {
  const source = options.newlines === true ? text.replace(/\r\n/g, '\n') : text
  return source.replace(
    options.newlines === true ? CONTROLS_BUT_NEWLINES : CONTROLS,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}
