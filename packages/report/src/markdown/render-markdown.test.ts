import { describe, expect, it } from 'vitest'
import { skipWithoutCorpus } from '../../../../test/support/corpus.ts'
import { conformanceJournals, fixture, readJson } from '../../test-support/journals.ts'
import { renderMarkdownReport, renderMarkdownSummary } from './render-markdown.ts'

const reference = (name: string) =>
  readJson(conformanceJournals().find((journal) => journal.name.includes(name))?.path ?? '')

describe('renderMarkdownSummary', () => {
  it('leads with the verdict in words, then tables of probes, activities and rollbacks', () => {
    const text = renderMarkdownSummary(reference('deviated-with-rollback'))
    expect(text).toContain(
      '**Verdict: STEADY STATE DEVIATED** (deviated). The steady state deviated after the method.',
    )
    expect(text).toContain('| before | marker-exists | `0` | `exit 0` | ok | 1.39 ms |')
    expect(text).toContain('| after | marker-exists | `0` | `exit 1` | NOT MET | 1.1 ms |')
    expect(text).toContain('| 1 | remove-marker | action | `process rm` | ok | 1.37 ms |  |')
    expect(text).toContain('| 1 | restore-marker | action | `process touch` | ok | 1.09 ms |  |')
    // No emoji: a plain status word reads the same in every CI log.
    expect(text).not.toMatch(/\p{Extended_Pictographic}/u)
  })

  it('shows failed activities with their error, without the exception class', () => {
    const text = renderMarkdownSummary(reference('failing-action-continues'))
    expect(text).toContain('**Verdict: HELD, BUT INCOMPLETE**')
    expect(text).toContain(
      '| 1 | too-slow | action | `process sleep` | FAILED | 504 ms | process activity took too long to complete |',
    )
  })

  it('escapes journal text that would break a table', () => {
    const text = renderMarkdownSummary({
      experiment: { title: 'a | b', method: [] },
      status: 'completed',
      run: [
        {
          activity: { type: 'action', name: 'x|y', provider: { type: 'process', path: 'sh' } },
          output: null,
          status: 'succeeded',
        },
      ],
    })
    expect(text).toContain('## a \\| b')
    expect(text).toContain('| 1 | x\\|y | action |')
  })

  it('says the 2018 shape did not record the hypothesis', (context) => {
    skipWithoutCorpus(context)
    const text = renderMarkdownSummary(reference('chaos-report'))
    expect(text).toContain('did not record the hypothesis results')
    expect(text).toContain('| 1 | move-exchange-file | action | `python os.rename` | ok |')
  })

  it('never prints a secret from the experiment', () => {
    expect(renderMarkdownSummary(fixture('chaos-inline-secret'))).not.toContain('tok-3f9a1c-SECRET')
  })

  it('cuts tables to stay under the size limit, saying so', () => {
    const many = Array.from({ length: 3000 }, (_, i) => ({
      activity: {
        type: 'action',
        name: `activity-${i}-${'x'.repeat(40)}`,
        provider: { type: 'process', path: 'true' },
      },
      output: null,
      status: 'succeeded',
    }))
    const journal = { experiment: { title: 'big', method: [] }, status: 'completed', run: many }
    const text = renderMarkdownSummary(journal, { limitBytes: 100_000 })
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(100_000)
    expect(text).toMatch(/_\d+ more activities not shown here: see the journal\._/)
    expect(renderMarkdownSummary(journal)).toContain('| 500 | activity-499-')
  })

  it('puts a trend table before the summaries of several journals', () => {
    const text = renderMarkdownReport([fixture('seed-kubernetes'), reference('http-deviates')], {
      title: 'Weekly runs',
    })
    expect(text.startsWith('## Weekly runs')).toBe(true)
    expect(text).toContain('2 runs: 1 held, 1 did not.')
    expect(text).toContain(
      '| 2026-11-20 09:30 | Do we remain available in face of pod going down? | STEADY STATE HELD | 5.59 s | 2.87 s |',
    )
    expect(text.match(/^### /gm)?.length).toBeGreaterThanOrEqual(2)
  })
})
