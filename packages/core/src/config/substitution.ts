import { isJsonObject, type JsonObject, type JsonValue } from '@steadystate/model'
import { pyStr } from '../python.ts'
import type { SecretValues } from './secrets.ts'

/**
 * `${name}` substitution with the reference's rules (Python `string.Template.safe_substitute` over
 * configuration first, then every secret scope): a string that is exactly `${name}` keeps the
 * value's type; elsewhere values are formatted with Python's `str()`; unknown names stay verbatim;
 * `$$` becomes `$`. See docs/chaos-toolkit.md §2.
 */
export interface SubstitutionScope {
  configuration: JsonObject
  secrets: SecretValues
}

const EXACT = /^\$\{([_A-Za-z][_A-Za-z0-9]*)\}$/
const TEMPLATE = /\$(?:(\$)|([_A-Za-z][_A-Za-z0-9]*)|\{([_A-Za-z][_A-Za-z0-9]*)\})/g

/** Looks a name up the way the reference's `ChainMap(configuration, *secrets.values())` does. */
export function lookup(
  scope: SubstitutionScope,
  name: string,
): { found: true; value: JsonValue } | { found: false } {
  const configured = scope.configuration[name]
  if (configured !== undefined && Object.hasOwn(scope.configuration, name))
    return { found: true, value: configured }
  for (const values of Object.values(scope.secrets)) {
    const value = values[name]
    if (value !== undefined && Object.hasOwn(values, name)) return { found: true, value }
  }
  return { found: false }
}

/** Substitutes one string: the value itself for an exact `${name}`, else a string. */
export function substituteString(text: string, scope: SubstitutionScope): JsonValue {
  const exact = EXACT.exec(text)
  if (exact?.[1] !== undefined) {
    const hit = lookup(scope, exact[1])
    if (hit.found) return hit.value
  }
  return text.replace(TEMPLATE, (match, escaped: string | undefined, named?: string, braced?: string) => {
    if (escaped !== undefined) return '$'
    const name = named ?? braced
    if (name === undefined) return match
    const hit = lookup(scope, name)
    return hit.found ? pyStr(hit.value) : match
  })
}

/** Substitutes recursively into strings, lists and object values (never keys). */
export function substitute(data: JsonValue, scope: SubstitutionScope): JsonValue {
  if (typeof data === 'string') return substituteString(data, scope)
  if (Array.isArray(data)) return data.map((item) => substitute(item, scope))
  if (isJsonObject(data)) return substituteObject(data, scope)
  return data
}

/** `substitute` for a mapping: a mapping again, with the same keys. */
export function substituteObject(data: JsonObject, scope: SubstitutionScope): JsonObject {
  const out: JsonObject = {}
  for (const [key, value] of Object.entries(data)) out[key] = substitute(value, scope)
  return out
}

/** True when nothing can be substituted: the reference then leaves arguments untouched. */
export function isEmptyScope(scope: SubstitutionScope): boolean {
  return Object.keys(scope.configuration).length === 0 && Object.keys(scope.secrets).length === 0
}
