import { ActivityFailedError } from '@steadystate/core'

/** One Alertmanager label matcher: `severity=~"critical|page"`. */
export interface Matcher {
  label: string
  operator: '=' | '!=' | '=~' | '!~'
  value: string
}

const MATCHER = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(=~|!~|!=|=)\s*(?:"((?:[^"\\]|\\.)*)"|([^"]*?))\s*$/

/**
 * Reads the `matchers` argument: a list of matchers as Alertmanager and amtool write them
 * (`alertname="X"`, `severity=~"critical|page"`, quotes optional), one such string (a selector such
 * as `{alertname="X", severity="page"}` included), or a mapping `{"label": "value"}` of equality
 * matchers. At least one is required: a guard on every alert would trip on the always-firing
 * Watchdog alert of most Prometheus installations.
 */
export function parseMatchers(value: unknown): Matcher[] {
  const texts = matcherTexts(value)
  if (texts.length === 0) {
    throw new ActivityFailedError(
      'no_alerts_firing needs at least one matcher in "matchers", e.g. ["severity=~\\"critical|page\\""]',
    )
  }
  return texts.map((text, index) => {
    const match = MATCHER.exec(text)
    const label = match?.[1]
    const operator = match?.[2] as Matcher['operator'] | undefined
    if (match === null || label === undefined || operator === undefined) {
      throw new ActivityFailedError(
        `matchers[${index}] ${JSON.stringify(text)} is not a label matcher: write label="value", ` +
          `label!="value", label=~"regex" or label!~"regex"`,
      )
    }
    const quoted = match[3]
    return { label, operator, value: quoted === undefined ? (match[4] ?? '') : unescape(quoted) }
  })
}

/** A matcher as Alertmanager's API reads it in `filter`, the value always quoted. */
export function formatMatcher(matcher: Matcher): string {
  return `${matcher.label}${matcher.operator}${JSON.stringify(matcher.value)}`
}

function matcherTexts(value: unknown): string[] {
  if (typeof value === 'string') return splitSelector(value)
  if (Array.isArray(value)) {
    return value.map((item, index) => {
      if (typeof item !== 'string')
        throw new ActivityFailedError(`matchers[${index}] must be a string such as "severity=\\"page\\""`)
      return item
    })
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).map(([label, wanted]) => {
      if (typeof wanted !== 'string')
        throw new ActivityFailedError(`matchers.${label} must be a string, the label's value`)
      return `${label}=${JSON.stringify(wanted)}`
    })
  }
  throw new ActivityFailedError(
    'matchers must be a list of label matchers such as ["alertname=\\"X\\""], or a mapping {"label": "value"}',
  )
}

/** `{a="x", b=~"y,z"}` into its matchers: commas inside quotes stay. */
function splitSelector(text: string): string[] {
  const inner = text.trim().replace(/^\{([^]*)\}$/, '$1')
  const parts: string[] = []
  let current = ''
  let quoted = false
  for (let index = 0; index < inner.length; index++) {
    const char = inner[index] ?? ''
    if (char === '\\' && quoted) {
      current += char + (inner[index + 1] ?? '')
      index++
    } else if (char === '"') {
      quoted = !quoted
      current += char
    } else if (char === ',' && !quoted) {
      parts.push(current)
      current = ''
    } else current += char
  }
  parts.push(current)
  return parts.filter((part) => part.trim() !== '')
}

function unescape(text: string): string {
  return text.replace(/\\(.)/g, (_, char: string) => (char === 'n' ? '\n' : char))
}
