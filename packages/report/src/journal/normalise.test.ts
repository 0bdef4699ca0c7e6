import { describe, expect, it } from 'vitest'
import { skipWithoutCorpus } from '../../../../test/support/corpus.ts'
import { conformanceJournals, fixture, readJson } from '../../test-support/journals.ts'
import { isReportJournal, normaliseJournal } from './normalise.ts'

const journals = conformanceJournals()

describe('normaliseJournal', () => {
  it('finds the reference runs', () => {
    expect(journals.map((journal) => journal.name)).toEqual(
      expect.arrayContaining(['reference-runs/deviated-with-rollback', 'reference-runs/http-deviates']),
    )
  })

  it('finds the corpus journals, the 2018 one included', (context) => {
    skipWithoutCorpus(context)
    expect(journals.map((journal) => journal.name)).toEqual(
      expect.arrayContaining([
        'chaostoolkit__chaostoolkit-tutorials__01-chaostoolkit-getting-started__report__assets__chaos-report.json',
        'MDRCS__chaos-engineering__journal.json',
        'grafana__chaostoolkit-k6__examples__journal.json',
      ]),
    )
  })

  for (const { name, path } of journals) {
    it(`reads ${name}`, () => {
      const journal = normaliseJournal(readJson(path))
      expect(journal.title).not.toBe('(untitled experiment)')
      expect(journal.verdict.source).toBe('derived')
      for (const run of journal.method) expect(run.name).not.toBe('(unnamed activity)')
    })
  }

  it('reads the 2018 shape: no steady_states, no deviated, naive timestamps', (context) => {
    skipWithoutCorpus(context)
    const legacy = journals.find((journal) => journal.name.includes('chaos-report'))
    const journal = normaliseJournal(readJson(legacy?.path ?? ''))
    expect(journal.engine).toEqual({ name: 'chaostoolkit', version: '0.12.1' })
    expect(journal.hypothesis?.recorded).toBe(false)
    expect(journal.hypothesis?.declared).toEqual([{ name: 'service-is-unavailable', tolerance: [200, 503] }])
    expect(journal.verdict.kind).toBe('failed')
    expect(journal.start?.zone).toBe('naive')
    expect(journal.method[0]?.startOffset).toBeCloseTo(0.003103, 6)
  })

  const verdict = (name: string) =>
    normaliseJournal(readJson(journals.find((journal) => journal.name.includes(name))?.path ?? '')).verdict
      .kind

  it('derives verdicts from status, deviated and steady_states', () => {
    expect(verdict('deviated-with-rollback')).toBe('deviated')
    expect(verdict('failing-action-continues')).toBe('incomplete')
  })

  it('derives the verdicts of corpus journals written by older Chaos Toolkits', (context) => {
    skipWithoutCorpus(context)
    expect(verdict('k6')).toBe('held')
    expect(verdict('MDRCS')).toBe('failed')
  })

  it('keeps the verdict steadystate recorded, and its extras', () => {
    const journal = normaliseJournal(fixture('interrupted-i18n'))
    expect(journal.verdict).toMatchObject({ kind: 'interrupted', source: 'journal' })
    expect(journal.interruption?.signal).toBe('SIGTERM')
    expect(journal.method[0]).toMatchObject({ status: 'unknown', output: null, endOffset: undefined })
    expect(journal.rollbackDecision?.played).toBe(true)
  })

  it('masks inline secrets and env secrets set at report time, and never keeps their values', () => {
    const journal = normaliseJournal(fixture('chaos-inline-secret'), { env: { DB_PASSWORD: 'hunter2-db' } })
    const text = JSON.stringify(journal)
    expect(text).not.toContain('tok-3f9a1c-SECRET')
    expect(journal.title).toBe('Token *** can be rotated without downtime')
    expect(journal.secretNames).toEqual(['api.token', 'api.db_password'])
    expect(journal.redaction.report).toBeGreaterThanOrEqual(6)
  })

  it('returns a normalised journal unchanged', () => {
    const journal = normaliseJournal(fixture('seed-kubernetes'))
    expect(isReportJournal(journal)).toBe(true)
    expect(normaliseJournal(journal)).toBe(journal)
  })

  it('tolerates anything (an unknown status reads as completed, as the reference normalises it)', () => {
    for (const input of [null, 42, 'journal', [], { run: 'x', steady_states: 3, experiment: [] }]) {
      const journal = normaliseJournal(input)
      expect(journal.method).toEqual([])
      expect(journal.verdict.kind).toBe('held')
    }
  })
})
