import type * as Yaml from 'yaml'
import type { ScalarTag, Tags } from 'yaml'
import { jsonErrorOffset } from './json-error-position.ts'
import { MAX_NESTING_DEPTH, nestingProblem } from './nesting.ts'

/** The result of parsing a JSON or YAML document: a value, or an error with a line and column. */
export type ParseResult = { ok: true; value: unknown } | { ok: false; error: string }

export type DocumentFormat = 'json' | 'yaml'

/** Chooses the parser from the file name, falling back to the content for other names. */
export function detectFormat(name: string, text: string): DocumentFormat {
  const lower = name.toLowerCase().replace(/[?#].*$/, '')
  if (lower.endsWith('.json')) return 'json'
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml'
  return text.trimStart().startsWith('{') ? 'json' : 'yaml'
}

/** Parses JSON, or YAML (whose parser is loaded only when needed: it is most of the CLI's size). */
export async function parseText(text: string, format: DocumentFormat): Promise<ParseResult> {
  const parsed = format === 'json' ? parseJson(text) : await parseYaml(text)
  if (!parsed.ok) return parsed
  const tooDeep = nestingProblem(parsed.value, 'the document')
  return tooDeep === undefined ? parsed : { ok: false, error: tooDeep }
}

function parseJson(text: string): ParseResult {
  const clean = stripBom(text)
  try {
    return { ok: true, value: JSON.parse(clean) as unknown }
  } catch (error) {
    const reason =
      (error as Error).message
        .split('\n')[0]
        ?.replace(/ in JSON at position \d+.*$/, '')
        .replace(/, ".*$/, '') ?? ''
    const offset = jsonErrorOffset(clean)
    if (offset < 0) return { ok: false, error: `invalid JSON: ${reason}` }
    const { line, column } = lineAndColumn(clean, offset)
    const found = offset >= clean.length ? 'the end of the file' : JSON.stringify(clean.charAt(offset))
    return { ok: false, error: `invalid JSON at line ${line}, column ${column}: unexpected ${found}` }
  }
}

/**
 * YAML 1.1 (what PyYAML's `safe_load` reads, so `yes`/`no` stay booleans) and safely: no custom
 * tags are resolved, so `!!python/object` and friends are rejected rather than interpreted.
 */
async function parseYaml(text: string): Promise<ParseResult> {
  // The yaml package is CommonJS: in the bundle its exports may sit on `default`.
  const yaml = (await import('yaml')) as typeof Yaml & { default?: typeof Yaml }
  const parseDocument = yaml.default?.parseDocument ?? yaml.parseDocument
  const document = parseDocument(stripBom(text), {
    schema: 'yaml-1.1',
    customTags: pyYamlBooleans,
    merge: true,
    uniqueKeys: true,
    prettyErrors: true,
  })
  const problems = [...document.errors, ...document.warnings.filter((w) => w.code === 'TAG_RESOLVE_FAILED')]
  const first = problems[0]
  if (first !== undefined) {
    const position = first.linePos?.[0]
    const where = position === undefined ? '' : ` at line ${position.line}, column ${position.col}`
    if (isStackOverflow(first.message)) return { ok: false, error: tooDeepForParser(where) }
    const reason = first.code === 'TAG_RESOLVE_FAILED' ? `unsupported tag (${first.message})` : first.message
    return { ok: false, error: `invalid YAML${where}: ${reason.split('\n')[0] ?? reason}` }
  }
  try {
    return { ok: true, value: document.toJS({ maxAliasCount: 100 }) as unknown }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    return { ok: false, error: isStackOverflow(message) ? tooDeepForParser('') : `invalid YAML: ${message}` }
  }
}

/** PyYAML's booleans: YAML 1.1's, except the one-letter `y`/`n`, which PyYAML keeps as strings. */
const PY_TRUE = /^(?:[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/
const PY_FALSE = /^(?:[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/

function pyYamlBooleans(tags: Tags): Tags {
  return tags.map((tag): Tags[number] => {
    if (
      typeof tag !== 'object' ||
      tag.tag !== 'tag:yaml.org,2002:bool' ||
      !('test' in tag) ||
      tag.test === undefined
    )
      return tag
    const scalar: ScalarTag = { ...tag, test: tag.identify?.(true) === true ? PY_TRUE : PY_FALSE }
    return scalar
  })
}

/** The YAML parser recurses once per level: a deep enough document exhausts the stack. */
function isStackOverflow(message: string): boolean {
  return message.includes('Maximum call stack size exceeded')
}

function tooDeepForParser(where: string): string {
  return `the document nests too deeply to be read${where}; steadystate reads at most ${MAX_NESTING_DEPTH} levels of mappings and lists`
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n')
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 }
}
