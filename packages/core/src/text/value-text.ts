/**
 * A value of a document as messages show it: a string as it is, anything else as JSON (`undefined`
 * for a missing one). Scalars read as JavaScript's `String()` prints them, which messages used before.
 */
export function valueText(value: unknown): string {
  if (typeof value === 'string') return value
  // JSON.stringify gives undefined (not a string) for undefined.
  const json: string | undefined = JSON.stringify(value)
  return json ?? 'undefined'
}
