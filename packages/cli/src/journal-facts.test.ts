import type { Journal } from '@steadystate/model'
import { describe, expect, it } from 'vitest'
import { formatFacts, journalFacts } from './journal-facts.ts'

function journal(parts: Partial<Journal> = {}): Journal {
  return {
    'chaoslib-version': '1.45.0',
    platform: 'Linux',
    node: 'runner',
    experiment: { title: 'The shop\nstays up' },
    start: '2026-11-25T00:00:00+00:00',
    status: 'completed',
    deviated: true,
    steady_states: { before: null, after: null, during: [] },
    run: [],
    rollbacks: [],
    end: '2026-11-25T00:00:02+00:00',
    duration: 2,
    ...parts,
  }
}

const paths = { journal: '/work/journal.json', report: '/work/report.pdf' }

describe('journalFacts', () => {
  it('derives the verdict of a Chaos Toolkit journal by the shared rules', () => {
    expect(journalFacts(journal(), paths)).toMatchObject({
      status: 'completed',
      deviated: true,
      verdict: 'deviated',
      message: 'steadystate: DEVIATED: The steady state deviated after the method.',
      rollbacksPending: false,
      reportPath: '/work/report.pdf',
      junitPath: '',
    })
  })

  it('says "missing" without a journal', () => {
    expect(formatFacts(journalFacts(undefined, paths), 'dotenv')).toBe(
      [
        'STEADYSTATE_STATUS=missing',
        'STEADYSTATE_DEVIATED=unknown',
        'STEADYSTATE_VERDICT=missing',
        'STEADYSTATE_SUMMARY=no journal could be read from /work/journal.json',
        'STEADYSTATE_ROLLBACKS_PENDING=false',
        'STEADYSTATE_JOURNAL_PATH=/work/journal.json',
        'STEADYSTATE_REPORT_PATH=/work/report.pdf',
        'STEADYSTATE_JUNIT_PATH=',
        '',
      ].join('\n'),
    )
  })

  it('formats GitHub outputs on one line each, and Octopus service messages with the verdict highlighted', () => {
    const running = journal({
      status: 'running',
      deviated: false,
      steadystate: {
        verdict: { kind: 'unfinished', summary: 'The run had not finished\nwhen written.' },
        progress: { phase: 'method', activity: 'kill', startedAt: 'x', rollbacksPending: true },
      } as NonNullable<Journal['steadystate']>,
    })
    const facts = journalFacts(running, { journal: '/work/journal.json' })
    expect(formatFacts(facts, 'github-output')).toContain(
      'summary=The run had not finished when written.\nrollbacks-pending=true\n',
    )
    const octopus = formatFacts(facts, 'octopus').split('\n')
    const b64 = (text: string) => Buffer.from(text).toString('base64')
    expect(octopus).toContain(`##octopus[setVariable name='${b64('Verdict')}' value='${b64('unfinished')}']`)
    expect(octopus).toContain(
      `##octopus[setVariable name='${b64('RollbacksPending')}' value='${b64('True')}']`,
    )
    expect(octopus.slice(-4)).toEqual([
      '##octopus[stdout-highlight]',
      'steadystate: UNFINISHED: The run had not finished when written.',
      '##octopus[stdout-default]',
      '',
    ])
  })
})
