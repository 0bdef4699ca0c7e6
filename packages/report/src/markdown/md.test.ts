import { describe, expect, it } from 'vitest'
import { code, inline } from './md.ts'
import { renderMarkdownSummary } from './render-markdown.ts'

describe('Markdown escaping', () => {
  it('fences a code span past the longest backtick run inside it', () => {
    expect(code('a ``b`` c')).toBe('```a ``b`` c```')
    expect(code('`x`')).toBe('`` `x` ``')
    expect(code('a|b')).toBe('`a\\|b`')
  })

  it('leaves no tag, entity or control character in inline text', () => {
    expect(inline('<h1>x</h1> &lt; &#60; [a](b) ![i](j)')).toBe(
      '\\<h1\\>x\\</h1\\> \\&lt; \\&\\#60; \\[a\\](b) \\!\\[i\\](j)',
    )
    expect(inline('a\u202eb\u0000c')).toBe('a\\\\u202eb\\\\u0000c')
  })
})

describe('the summary of an oversized journal', () => {
  const journal = (description: string, activities: number) => ({
    experiment: { title: 'huge', description, method: [] },
    status: 'completed',
    deviated: false,
    steadystate: { verdict: { kind: 'held', summary: 'it held' } },
    run: Array.from({ length: activities }, (_, index) => ({
      activity: {
        type: 'action',
        name: `a${index}-${'n'.repeat(900)}`,
        provider: { type: 'process', path: 'x' },
      },
      output: null,
      status: 'succeeded',
    })),
  })

  it('keeps the title, verdict and facts, and cuts the rest with a note', () => {
    for (const [description, activities] of [
      ['d'.repeat(2 * 1024 * 1024), 0],
      ['short', 5000],
    ] as const) {
      const text = renderMarkdownSummary(journal(description, activities), { limitBytes: 200_000 })
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(200_000)
      expect(text).toContain('## huge')
      expect(text).toContain('**Verdict: STEADY STATE HELD** (held). it held')
      expect(text).toContain('| Status | completed |')
    }
    const long = renderMarkdownSummary(journal('d'.repeat(2 * 1024 * 1024), 0))
    expect(long).toContain('\\[cut: 2,097,152 characters in all, see the journal\\]')
  })
})
