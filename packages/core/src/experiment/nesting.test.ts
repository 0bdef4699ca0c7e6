import { describe, expect, it } from 'vitest'
import { CUT_CIRCULAR, CUT_TOO_DEEP, toJsonValue } from '../run/output.ts'
import { MAX_NESTING_DEPTH, measureNesting, nestingProblem } from './nesting.ts'
import { parseText } from './parse-text.ts'

/** `{"a": {"a": … "x" …}}`, `depth` mappings deep, as JSON text. */
function deepJson(depth: number): string {
  return `${'{"a":'.repeat(depth)}"x"${'}'.repeat(depth)}`
}

/** The same in YAML: flow style, or block style (one indentation level per mapping). */
function deepYaml(depth: number, style: 'flow' | 'block'): string {
  if (style === 'flow') return `${'{a: '.repeat(depth)}x${'}'.repeat(depth)}\n`
  let text = ''
  for (let level = 0; level < depth; level++) text += `${' '.repeat(level)}a:\n`
  return `${text}${' '.repeat(depth)}x\n`
}

describe('nesting depth', () => {
  it('counts mappings and lists, and says where the document goes deepest', () => {
    expect(measureNesting('x')).toEqual({ depth: 0, path: '' })
    expect(measureNesting({ a: 1 })).toEqual({ depth: 1, path: '' })
    expect(measureNesting({ method: [{ provider: { arguments: [1] } }], b: {} })).toEqual({
      depth: 5,
      path: 'method[0].provider.arguments',
    })
    expect(measureNesting({ 'odd key': [[]] })).toEqual({ depth: 3, path: '["odd key"][0]' })
  })
  it('measures any depth without running out of stack, and shortens the path it shows', () => {
    const nesting = measureNesting(JSON.parse(deepJson(100_000)))
    expect(nesting.depth).toBe(100_000)
    expect(nesting.path).toBe('a.a.a.a.a.a…')
  })
  it('names the depth and the limit when a document is too deep', () => {
    expect(nestingProblem(JSON.parse(deepJson(MAX_NESTING_DEPTH)), 'it')).toBeUndefined()
    expect(nestingProblem(JSON.parse(deepJson(5_000)), 'the experiment')).toBe(
      `the experiment nests 5,000 levels deep (at a.a.a.a.a.a…); steadystate reads at most ${MAX_NESTING_DEPTH} levels of mappings and lists`,
    )
  })
})

describe('parseText refuses documents nested deeper than the limit', () => {
  it.each([
    ['JSON', (depth: number) => deepJson(depth), 'json' as const],
    ['flow YAML', (depth: number) => deepYaml(depth, 'flow'), 'yaml' as const],
    ['block YAML', (depth: number) => deepYaml(depth, 'block'), 'yaml' as const],
  ])('%s: reads the limit, refuses one more level and 5,000 levels', async (_name, make, format) => {
    expect(await parseText(make(MAX_NESTING_DEPTH), format)).toMatchObject({ ok: true })
    expect(await parseText(make(MAX_NESTING_DEPTH + 1), format)).toEqual({
      ok: false,
      error: expect.stringContaining(
        `nests ${MAX_NESTING_DEPTH + 1} levels deep (at a.a.a.a.a.a…); steadystate reads at most ${MAX_NESTING_DEPTH} levels`,
      ),
    })
    const deep = await parseText(make(5_000), format)
    expect(deep.ok).toBe(false)
    expect(deep.ok ? '' : deep.error).toMatch(
      new RegExp(
        `(nests 5,000 levels deep|nests too deeply to be read).*at most ${MAX_NESTING_DEPTH} levels`,
      ),
    )
  })
})

describe('values that refer to themselves (not JSON, but a module can return one)', () => {
  it('are measured once per object, and cut where they loop in outputs', () => {
    const loop: Record<string, unknown> = { name: 'x' }
    loop.self = loop
    loop.again = loop
    expect(measureNesting(loop)).toEqual({ depth: 1, path: '' })
    expect(toJsonValue(loop)).toEqual({ name: 'x', self: CUT_CIRCULAR, again: CUT_CIRCULAR })
    const shared = { leaf: 1 }
    expect(toJsonValue({ a: shared, b: shared })).toEqual({ a: { leaf: 1 }, b: { leaf: 1 } })
  })
})

describe('outputs nested deeper than the limit', () => {
  it('are cut at the limit, so the journal can always be written', () => {
    const output = toJsonValue(JSON.parse(deepJson(5_000)))
    expect(measureNesting(output).depth).toBe(MAX_NESTING_DEPTH)
    let inner: unknown = output
    for (let level = 0; level < MAX_NESTING_DEPTH; level++) inner = (inner as { a: unknown }).a
    expect(inner).toBe(CUT_TOO_DEEP)
    expect(() => JSON.stringify(output, null, 2)).not.toThrow()
  })
})
