import { describe, expect, it } from 'vitest'
import { compilePythonRegex, pythonSearch } from './pyregex.ts'

/** Python's `re.search(pattern, text) is not None`; expected values were checked with CPython 3.11. */
function search(pattern: string, text: string): boolean {
  const compiled = compilePythonRegex(pattern)
  if (!compiled.ok) throw new Error(`${pattern}: ${compiled.message}`)
  return pythonSearch(compiled.regex, text)
}

function errorOf(pattern: string): string | undefined {
  const compiled = compilePythonRegex(pattern)
  return compiled.ok ? undefined : compiled.message
}

describe('Python regex syntax that JavaScript spells differently', () => {
  it('translates named groups and named back-references', () => {
    expect(search('(?P<word>ab)-(?P=word)', 'x ab-ab')).toBe(true)
    expect(search('(?P<word>ab)-(?P=word)', 'ab-ac')).toBe(false)
  })

  it('applies leading inline flags', () => {
    expect(search('(?i)HELLO', 'say hello')).toBe(true)
    expect(search('(?m)^bar$', 'foo\nbar\nbaz')).toBe(true)
    expect(search('^bar$', 'foo\nbar\nbaz')).toBe(false)
    expect(search('(?s)o.b', 'foo\nbar')).toBe(true)
    expect(search('(?im)^B', 'a\nb')).toBe(true)
    expect(search('(?i)a|b', 'B')).toBe(true)
  })

  it('strips whitespace and comments in verbose mode, but not inside classes or when escaped', () => {
    expect(search('(?x) h e l l o  # a comment\n  \\ world', 'hello world')).toBe(true)
    expect(search('(?x)[ ]', 'a b')).toBe(true)
    expect(search('(?x)[ ]', 'ab')).toBe(false)
  })

  it('supports scoped flags, which Node 20 cannot express natively', () => {
    expect(search('h(?i:EL)lo', 'heLlo')).toBe(true)
    expect(search('h(?i:EL)lo', 'HELLO')).toBe(false)
    expect(search('(?i)h(?-i:el)lo', 'HelLO')).toBe(true)
    expect(search('(?i)h(?-i:el)lo', 'HELLO')).toBe(false)
    expect(search('(?s:.)x', '\nx')).toBe(true)
  })

  it('anchors like Python: \\A, \\Z, and $ also before a final newline', () => {
    expect(search('\\Afoo', 'foo')).toBe(true)
    expect(search('\\Afoo', 'x\nfoo')).toBe(false)
    expect(search('(?m)\\Afoo', 'x\nfoo')).toBe(false)
    expect(search('bar\\Z', 'bar\n')).toBe(false)
    expect(search('bar$', 'bar\n')).toBe(true)
    expect(search('bar$', 'bar\n\n')).toBe(false)
  })

  it('only excludes \\n from `.` and uses only \\n as a line break', () => {
    expect(search('a.b', 'a\rb')).toBe(true)
    expect(search('a.b', 'a\u2028b')).toBe(true)
    expect(search('a.b', 'a\nb')).toBe(false)
    expect(search('(?m)^b', 'a\rb')).toBe(false)
  })

  it('uses Unicode classes for \\d \\w \\s \\b, and ASCII ones under (?a)', () => {
    expect(search('^\\d+$', '\u0661\u0662')).toBe(true)
    expect(search('(?a)^\\d+$', '\u0661\u0662')).toBe(false)
    expect(search('^\\w+$', 'Straße')).toBe(true)
    expect(search('(?a)^\\w+$', 'Straße')).toBe(false)
    expect(search('\\s', 'a\u00a0b')).toBe(true)
    expect(search('\\s', 'a\u001cb')).toBe(true)
    expect(search('\\s', 'a\ufeffb')).toBe(false)
    expect(search('\\bé', 'café')).toBe(false)
    expect(search('\\B', '')).toBe(false)
    expect(search('[^\\W\\d]+', '42abc')).toBe(true)
  })

  it('reads Python class and brace quirks', () => {
    expect(search('[]a]', ']')).toBe(true)
    expect(search('[^]a]', 'b')).toBe(true)
    expect(search('[a-]', '-')).toBe(true)
    expect(search('x{', 'x{')).toBe(true)
    expect(search('${x}', '${x}')).toBe(false)
    expect(search('a{,2}b', 'aab')).toBe(true)
    expect(search('\\{x\\}', '{x}')).toBe(true)
    expect(search('\\"ok\\"', '"ok"')).toBe(true)
  })

  it('handles escapes: hex, octal, \\0, and back-references', () => {
    expect(search('\\x41\\u00e9\\U0001F600', 'Aé😀')).toBe(true)
    expect(search('\\101', 'A')).toBe(true)
    expect(search('(a)(b)\\2', 'abb')).toBe(true)
    expect(search('\\0', '\u0000')).toBe(true)
  })

  it('emulates atomic groups and possessive quantifiers', () => {
    expect(search('(?>a+)a', 'aaa')).toBe(false)
    expect(search('a++a', 'aaa')).toBe(false)
    expect(search('(?>a+)b', 'aab')).toBe(true)
    expect(search('(?>(x))(y)\\2', 'xyy')).toBe(true)
  })

  it('is a search, not a full match', () => {
    expect(search('wor.d', 'hello world')).toBe(true)
    expect(search('^hello', 'say hello')).toBe(false)
  })
})

describe('patterns Python rejects, with its messages', () => {
  it.each([
    ['(', 'missing ), unterminated subpattern'],
    [')', 'unbalanced parenthesis'],
    ['[', 'unterminated character set'],
    ['a**', 'multiple repeat'],
    ['*a', 'nothing to repeat'],
    ['^*', 'nothing to repeat'],
    ['\\q', 'bad escape \\q'],
    ['\\', 'bad escape (end of pattern)'],
    ['(?<n>a)', 'unknown extension ?<n'],
    ['\\k<a>', 'bad escape \\k'],
    ['\\p{L}', 'bad escape \\p'],
    ['\\1(a)', 'invalid group reference 1'],
    ['(a\\1)', 'cannot refer to an open group'],
    ['(?P<a>x)(?P<a>y)', "redefinition of group name 'a' as group 2; was group 1"],
    ['(?P=b)', "unknown group name 'b'"],
    ['(?P<1a>x)', "bad character in group name '1a'"],
    ['a{2,1}', 'min repeat greater than max repeat'],
    ['[z-a]', 'bad character range z-a'],
    ['[\\w-a]', 'bad character range \\w-a'],
    ['a(?i)b', 'global flags not at the start of the expression'],
    ['(?L)a', "bad inline flags: cannot use 'L' flag with a str pattern"],
    ['(?i', 'missing -, : or )'],
    ['(?<=a+)b', 'look-behind requires fixed-width pattern'],
    ['\\x1', 'incomplete escape \\x1'],
    ['(?#', 'missing ), unterminated comment'],
    ['(?#\\)', 'missing ), unterminated comment'],
    ['(?P<a\\>x)', 'missing >, unterminated name'],
  ])('%j: %s', (pattern, message) => {
    expect(errorOf(pattern)).toBe(message)
  })

  it('accepts fixed-width look-behinds and global flags at the start', () => {
    expect(search('(?<=a|b)c', 'bc')).toBe(true)
    expect(search('(?#c)(?i)A', 'a')).toBe(true)
  })
})

describe('patterns Python accepts that steadystate cannot run', () => {
  it.each(['(a)(?(1)a|b)', '\\N{DIGIT ONE}'])('%j is reported as unsupported', (pattern) => {
    const compiled = compilePythonRegex(pattern)
    expect(compiled).toMatchObject({ ok: false, unsupported: true })
  })
})
