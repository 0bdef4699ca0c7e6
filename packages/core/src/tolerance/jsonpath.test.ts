import { describe, expect, it } from 'vitest'
import { JsonPathMatchError, parseJsonPath, queryJsonPath } from './jsonpath.ts'

/** Expected results were produced by jsonpath2 0.4.5 (the reference's JSON path library). */
const doc = {
  items: [
    { b: 'x', n: 1 },
    { b: 'y', n: 2, c: [1, 2] },
    { b: 'x', n: 3 },
  ],
  s: 'héllo',
  t: true,
  z: null,
  k: { a: { b: [0, { b: 5 }] } },
}

function query(path: string, document: unknown = doc): unknown[] {
  const parsed = parseJsonPath(path)
  if (!parsed.ok) throw new Error(`${path}: ${parsed.error}`)
  return queryJsonPath(parsed.query, document)
}

describe('parseJsonPath', () => {
  it.each([
    '$',
    '$.items',
    ' $ . s ',
    '$["s"]',
    '$..b',
    '$..*',
    '$..[0]',
    '$.items[*][?(@.b = "x")]',
    '$[0:2:1]',
    '$[::]',
  ])('accepts %j', (path) => {
    expect(parseJsonPath(path).ok).toBe(true)
  })

  it.each([
    ["$['s']", 'single quotes are not jsonpath2 strings'],
    ['@.a', 'a path starts at $'],
    ['$.', 'a dot needs a name'],
    ['$[]', 'empty brackets'],
    ['$.true', 'keywords are not names'],
    ['$.items[1.5]', 'an index must be an integer'],
    ['$.items[01]', 'no leading zeros'],
    ['$.s.foo()', 'unknown callable'],
    ['$.items[true]', 'a literal is not a subscript'],
    ['$.a[?(@.b == 1)]', 'equality is a single ='],
    ['', 'empty'],
  ])('rejects %j (%s)', (path) => {
    expect(parseJsonPath(path)).toMatchObject({ ok: false, error: expect.any(String) as string })
  })

  it('names the callable in its error, as jsonpath2 does', () => {
    expect(parseJsonPath('$.s.foo()')).toEqual({ ok: false, error: "callable subscript 'foo' not found" })
  })
})

describe('queryJsonPath', () => {
  it('follows names, indexes and wildcards', () => {
    expect(query('$')).toEqual([doc])
    expect(query('$.items[*].b')).toEqual(['x', 'y', 'x'])
    expect(query('$["s"]')).toEqual(['héllo'])
    expect(query('$.items[-1].n')).toEqual([3])
    expect(query('$.items[5]')).toEqual([])
    expect(query('$.k.*')).toEqual([{ b: [0, { b: 5 }] }])
    expect(query('$.z')).toEqual([null])
    expect(query('$.android')).toEqual([])
    expect(query('$[0,1]', [1, 2, 3])).toEqual([1, 2])
    expect(query('$["items","s"].length()')).toEqual([3, 5])
  })

  it('descends recursively, a value before its descendants', () => {
    expect(query('$..b')).toEqual(['x', 'y', 'x', [0, { b: 5 }], 5])
    expect(query('$..[0]')).toEqual([{ b: 'x', n: 1 }, 1, 0])
    expect(query('$..*', { a: [1, { c: 2 }] })).toEqual([[1, { c: 2 }], 1, { c: 2 }, 2])
  })

  it('slices like jsonpath2 (negative starts clamp; descending steps)', () => {
    const list = [0, 1, 2, 3, 4]
    expect(query('$[1:3]', list)).toEqual([1, 2])
    expect(query('$[-2:]', list)).toEqual([3, 4])
    expect(query('$[-10:2]', list)).toEqual([0, 1])
    expect(query('$[:-1]', list)).toEqual([0, 1, 2, 3])
    expect(query('$[::2]', list)).toEqual([0, 2, 4])
    expect(query('$[::-1]', list)).toEqual([])
    expect(query('$[9:0:-2]', list)).toEqual([3, 1])
    expect(query('$[1::-1]', list)).toEqual([])
    expect(query('$[3:-9:-1]', list)).toEqual([3, 2, 1, 0, 4, 3, 2])
    expect(query('$[3:-6:-1]', list)).toEqual([3, 2, 1, 0])
    expect(query('$[0:1000000000000]', list)).toEqual(list)
  })

  it('raises where jsonpath2 raises: a zero slice step on a list', () => {
    const parsed = parseJsonPath('$[::0]')
    if (!parsed.ok) throw new Error(parsed.error)
    expect(() => queryJsonPath(parsed.query, [1])).toThrow(JsonPathMatchError)
    expect(queryJsonPath(parsed.query, { a: 1 })).toEqual([])
  })

  it('filters the value the filter is applied to', () => {
    expect(query('$.items[?(@.b = "x")]')).toEqual([])
    expect(query('$.items[*][?(@.b = "x")].n')).toEqual([1, 3])
    expect(query('$.items[*][?(@.b != "x")].n')).toEqual([2])
    expect(query('$.items[*].n[?(@ >= 2)]')).toEqual([2, 3])
    expect(query('$[?(@.s)]')).toEqual([doc])
    expect(query('$[?(@.nope)]')).toEqual([])
  })

  it('combines filter conditions with jsonpath2 precedence (or binds tighter than and)', () => {
    expect(query('$.items[*][?(@.n > 1 or @.n < 0 and @.b = "x")].n')).toEqual([3])
    expect(query('$.items[*][?(not @.n = 1)].n')).toEqual([2, 3])
    expect(query('$.items[*][?((@.n = 1 or @.n = 2) and @.b = "y")].n')).toEqual([2])
    expect(query('$.items[*][?(@.c = [1, 2])].n')).toEqual([2])
  })

  it('compares with Python semantics', () => {
    expect(query('$.items[*][?(@.n = 1.0)].b')).toEqual(['x'])
    expect(query('$[*][?(@ = true)]', [1, true, 'true'])).toEqual([1, true])
    expect(query('$[*][?(@ < 2)]', [1, '1', true, null])).toEqual([1, true])
    expect(query('$[?(@.nope != 1)]')).toEqual([])
  })

  it('treats a bare literal in a filter by its truthiness', () => {
    expect(query('$.t[?(1)]')).toEqual([true])
    expect(query('$.t[?("")]')).toEqual([])
    expect(query('$.t[?({})]')).toEqual([])
  })

  it('uses path subscripts as indexes or keys', () => {
    expect(query('$.items[$.t].n')).toEqual([2])
    expect(query('$[@.key]', { key: 'v', v: 42 })).toEqual([42])
  })

  it('supports jsonpath2 callables', () => {
    expect(query('$.s.length()')).toEqual([5])
    expect(query('$.s.charAt(1)')).toEqual(['é'])
    expect(query('$.s.charAt(-1)')).toEqual(['o'])
    expect(query('$.s.charAt(9)')).toEqual([])
    expect(query('$.s.substring(1, 3)')).toEqual(['él'])
    expect(query('$.s.substring(-2)')).toEqual(['lo'])
    expect(query('$.k.a.keys()')).toEqual([['b']])
    expect(query('$.k.entries()')).toEqual([[['a', { b: [0, { b: 5 }] }]]])
    expect(query('$.items[*].c.values()')).toEqual([[1, 2]])
    expect(query('$.items.keys()')).toEqual([[0, 1, 2]])
    expect(query('$.k.length()')).toEqual([])
  })

  it('keeps string escapes verbatim, as jsonpath2 does', () => {
    expect(query('$["a\\"b"]', { 'a"b': 1, 'a\\"b': 2 })).toEqual([2])
  })
})
