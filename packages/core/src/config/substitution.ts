import { pyStr } from '../python.ts'

/**
 * `${name}` substitution with the reference's rules (Python `string.Template.safe_substitute` over
 * configuration first, then every secret scope): a string that is exactly `${name}` keeps the
 * value's type; elsewhere values are formatted with Python's `str()`; unknown names stay verbatim;
 * `$$` becomes `$`. See docs/chaos-toolkit.md §2.
 */
export interface SubstitutionScope {
  configuration: Record<string, unknown>
  secrets: Record<string, Record<string, unknown>>
}

const EXACT = /^\$\{([_A-Za-z][_A-Za-z0-9]*)\}$/
const TEMPLATE = /\$(?:(\$)|([_A-Za-z][_A-Za-z0-9]*)|\{([_A-Za-z][_A-Za-z0-9]*)\})/g

/** Looks a name up the way the reference's `ChainMap(configuration, *secrets.values())` does. */
export function lookup(
  scope: SubstitutionScope,
  name: string,
): { found: true; value: unknown } | { found: false } {
  if (Object.hasOwn(scope.configuration, name)) return { found: true, value: scope.configuration[name] }
  for (const values of Object.values(scope.secrets)) {
    if (values !== null && typeof values === 'object' && Object.hasOwn(values, name)) {
      return { found: true, value: values[name] }
    }
  }
  return { found: false }
}

export function substituteString(text: string, scope: SubstitutionScope): unknown {
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
export function substitute<T>(data: T, scope: SubstitutionScope): T {
  return substituteAny(data, scope) as T
}

function substituteAny(data: unknown, scope: SubstitutionScope): unknown {
  if (typeof data === 'string') return substituteString(data, scope)
  if (Array.isArray(data)) return data.map((item) => substituteAny(item, scope))
  if (data !== null && typeof data === 'object') {
    const out: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(data)) out[key] = substituteAny(value, scope)
    return out
  }
  return data
}

/** True when nothing can be substituted: the reference then leaves arguments untouched. */
export function isEmptyScope(scope: SubstitutionScope): boolean {
  return Object.keys(scope.configuration).length === 0 && Object.keys(scope.secrets).length === 0
}
