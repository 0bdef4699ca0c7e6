/** JSON values, as experiments (JSON or YAML), var files and journals hold them. */

/** A JSON scalar. */
export type JsonPrimitive = string | number | boolean | null
/** Any JSON value. */
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue }
/** A JSON object (a Python dict): keys in the order they were written. */
export type JsonObject = { [key: string]: JsonValue }

/**
 * True for a mapping: a non-null object that is not a list (a JSON object, a Python dict). The one
 * such check of the repository: every package narrows parsed documents, API answers and journals
 * with it.
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/**
 * `isRecord` for JSON: a mapping of a JSON value, or of a parsed document (JSON or YAML), whose
 * values are then taken to be JSON too.
 */
export function isJsonObject(value: unknown): value is JsonObject {
  return isRecord(value)
}
