/**
 * How deeply mappings and lists may nest in an experiment or a var file. Every stage after loading
 * (validation, substitution, redaction, the journal, reports) walks documents recursively; with this
 * bound none can run out of stack, at ~15x margin. Real experiments nest about 10 levels (a
 * Kubernetes manifest in arguments about 20); the reference fails with a RecursionError from
 * roughly 1,000 levels of JSON and fewer of YAML.
 */
export const MAX_NESTING_DEPTH = 200

/**
 * Journals are only read (by `report`), which recurses less: any journal the reference can write
 * (its JSON encoder stops near 1,000 levels) is accepted, and steadystate's own stay far below.
 */
export const MAX_JOURNAL_NESTING_DEPTH = 1_000

/** How deep a value nests, and where it goes deepest (a JSON path, shortened when long). */
export interface Nesting {
  depth: number
  path: string
}

/**
 * The nesting depth of a parsed document: 0 for a scalar, 1 for a flat mapping or list. Iterative,
 * so any depth can be measured. Each object is counted once, so a value with cycles (not JSON, but
 * a module's output can be one) is measured along its first path to every object.
 */
export function measureNesting(value: unknown): Nesting {
  const seen = new WeakSet<object>()
  let deepest: { depth: number; trail: (string | number)[] } = { depth: 0, trail: [] }
  const stack: { value: unknown; depth: number; trail: (string | number)[] }[] = [
    { value, depth: 0, trail: [] },
  ]
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (item.value === null || typeof item.value !== 'object' || seen.has(item.value)) continue
    seen.add(item.value)
    const depth = item.depth + 1
    if (depth > deepest.depth) deepest = { depth, trail: item.trail }
    const entries: [string | number, unknown][] = Array.isArray(item.value)
      ? item.value.map((child, index) => [index, child])
      : Object.entries(item.value)
    for (const [key, child] of entries) {
      if (child !== null && typeof child === 'object')
        stack.push({ value: child, depth, trail: depth <= PATH_SEGMENTS ? [...item.trail, key] : item.trail })
    }
  }
  return { depth: deepest.depth, path: formatTrail(deepest.trail, deepest.depth) }
}

/** Segments of the path shown in messages; deeper than that the path ends with "…". */
const PATH_SEGMENTS = 6

function formatTrail(trail: (string | number)[], depth: number): string {
  const path = trail
    .map((key, index) =>
      typeof key === 'number'
        ? `[${key}]`
        : /^[A-Za-z_][\w-]*$/.test(key)
          ? `${index === 0 ? '' : '.'}${key}`
          : `[${JSON.stringify(key)}]`,
    )
    .join('')
  return depth > trail.length + 1 ? `${path}…` : path
}

/** Why a document nested deeper than `limit` is refused, or undefined when it is fine. */
export function nestingProblem(value: unknown, what: string, limit = MAX_NESTING_DEPTH): string | undefined {
  const nesting = measureNesting(value)
  if (nesting.depth <= limit) return undefined
  return `${what} nests ${nesting.depth.toLocaleString('en-US')} levels deep (at ${nesting.path === '' ? 'the top' : nesting.path}); steadystate reads at most ${limit.toLocaleString('en-US')} levels of mappings and lists`
}
