import { describe, expect, it } from 'vitest'
import { normaliseJournal } from '../journal/normalise.ts'
import { fixture } from '../../test-support/journals.ts'
import { renderJUnit } from '../junit/render-junit.ts'
import { renderMarkdownReport, renderMarkdownSummary } from '../markdown/render-markdown.ts'
import { glanceLines } from './glance.ts'

/** The journal a run killed (SIGKILL) mid-method leaves: its last checkpoint, status running. */
const killed = () => fixture('unfinished-killed')

describe('a journal of a run that did not finish', () => {
  it('is never read as an outcome: RUN DID NOT FINISH first, what was in progress, rollbacks pending', () => {
    const journal = normaliseJournal(killed())
    expect(journal.verdict.kind).toBe('unfinished')
    expect(glanceLines(journal).slice(0, 2)).toEqual([
      {
        label: 'DID NOT FINISH',
        text: expect.stringMatching(
          /^The run did not finish: when this journal was last written it was in the method, activity 'stop-cache-node' \(since 20\d\d-/,
        ) as string,
        ok: false,
      },
      {
        label: 'Rollbacks?',
        text: 'Its rollbacks may not have run, so a fault may still be in place: `steadystate rollback` on this journal plays them.',
        ok: false,
      },
    ])
    const text = renderMarkdownSummary(killed())
    expect(text).toContain('**Verdict: RUN DID NOT FINISH** (unfinished).')
    expect(text).toContain('> **Its rollbacks may not have run, so a fault may still be in place')
    expect(renderJUnit([killed()])).toMatch(
      /<testcase classname="experiment" name="verdict"[^>]*>\s*<failure type="unfinished"/,
    )
  })

  it('a journal with status running but no steadystate extras (hand-made) is unfinished too', () => {
    const bare = { ...(killed() as Record<string, unknown>), steadystate: undefined }
    expect(normaliseJournal(bare).verdict.kind).toBe('unfinished')
  })

  it('is counted apart in trends', () => {
    const held = { ...(killed() as Record<string, unknown>), status: 'completed', steadystate: undefined }
    const text = renderMarkdownReport([held, killed()])
    expect(text).toContain('2 runs: 1 held, 0 did not, 1 did not finish.')
  })
})
