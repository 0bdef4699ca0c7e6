import { journalVerdict, type Journal } from '@steadystate/model'
import { escapeControls } from '@steadystate/core'
import { neutraliseMarkers } from './output/ci-safe.ts'

/**
 * What CI adapters publish about a run, read from its journal alone: the GitLab job's dotenv report,
 * the Octopus step's output variables, GitHub outputs. One derivation (the shared verdict rules),
 * so no adapter re-decides a verdict in its own script.
 */
export interface JournalFacts {
  /** The journal's status; `missing` when there is no readable journal. */
  status: string
  /** Undefined when there is no readable journal. */
  deviated: boolean | undefined
  /** steadystate's verdict, or the one derived from a Chaos Toolkit journal; `missing` without one. */
  verdict: string
  summary: string
  /** One line for a log or a step's result: `steadystate: DEVIATED: The steady state deviated…`. */
  message: string
  title: string
  durationSeconds: number | undefined
  /** Whether `steadystate rollback` has rollbacks to play for this journal. */
  rollbacksPending: boolean
  journalPath: string
  /** Empty when not given or not written. */
  reportPath: string
  junitPath: string
}

export const FACT_FORMATS = ['dotenv', 'json', 'github-output', 'octopus'] as const
export type FactFormat = (typeof FACT_FORMATS)[number]

export function journalFacts(
  journal: Journal | undefined,
  paths: { journal: string; report?: string | undefined; junit?: string | undefined },
): JournalFacts {
  const files = { journalPath: paths.journal, reportPath: paths.report ?? '', junitPath: paths.junit ?? '' }
  if (journal === undefined)
    return {
      status: 'missing',
      deviated: undefined,
      verdict: 'missing',
      summary: `no journal could be read from ${paths.journal}`,
      message: `steadystate: no journal could be read from ${paths.journal}`,
      title: '',
      durationSeconds: undefined,
      rollbacksPending: false,
      ...files,
    }
  const verdict = journalVerdict(journal)
  const title = journal.experiment.title
  return {
    status: journal.status,
    deviated: journal.deviated,
    verdict: verdict.kind,
    summary: verdict.summary,
    message: `steadystate: ${verdict.kind.toUpperCase()}: ${verdict.summary}`,
    title: typeof title === 'string' ? title : '',
    durationSeconds: typeof journal.duration === 'number' ? journal.duration : undefined,
    rollbacksPending: journal.steadystate?.progress?.rollbacksPending === true,
    ...files,
  }
}

/** The facts as a dotenv report, GitHub step outputs, JSON, or Octopus service messages. */
export function formatFacts(facts: JournalFacts, format: FactFormat): string {
  const deviated = facts.deviated === undefined ? 'unknown' : String(facts.deviated)
  switch (format) {
    case 'json':
      return `${JSON.stringify(facts, null, 2)}\n`
    case 'dotenv':
      // GitLab: keys [A-Za-z0-9_], one line per value.
      return lines([
        ['STEADYSTATE_STATUS', facts.status],
        ['STEADYSTATE_DEVIATED', deviated],
        ['STEADYSTATE_VERDICT', facts.verdict],
        ['STEADYSTATE_SUMMARY', facts.summary],
        ['STEADYSTATE_ROLLBACKS_PENDING', String(facts.rollbacksPending)],
        ['STEADYSTATE_JOURNAL_PATH', facts.journalPath],
        ['STEADYSTATE_REPORT_PATH', facts.reportPath],
        ['STEADYSTATE_JUNIT_PATH', facts.junitPath],
      ])
    case 'github-output':
      return lines([
        ['status', facts.status],
        ['deviated', deviated],
        ['verdict', facts.verdict],
        ['summary', facts.summary],
        ['rollbacks-pending', String(facts.rollbacksPending)],
        ['journal-path', facts.journalPath],
        ['report-path', facts.reportPath],
        ['junit-path', facts.junitPath],
      ])
    case 'octopus': {
      // Calamari reads these service messages from any process's output: the step's output variables.
      const variables: [string, string][] = [
        ['Status', facts.status],
        ['Deviated', facts.deviated === undefined ? 'False' : facts.deviated ? 'True' : 'False'],
        ['Verdict', facts.verdict],
        ['Summary', facts.summary],
        ['RollbacksPending', facts.rollbacksPending ? 'True' : 'False'],
        ['JournalPath', facts.journalPath],
      ]
      // As Calamari's own set_octopusvariable: an empty value leaves the attribute out.
      const messages = variables.map(
        ([name, value]) =>
          `##octopus[setVariable name='${base64(name)}'${value === '' ? '' : ` value='${base64(value)}'`}]`,
      )
      // The message quotes what the system under test said: no service message may come from it.
      return `${messages.join('\n')}\n##octopus[stdout-highlight]\n${inertLine(facts.message)}\n##octopus[stdout-default]\n`
    }
  }
}

function lines(entries: [string, string][]): string {
  return entries.map(([key, value]) => `${key}=${oneLine(value)}\n`).join('')
}

/** One line for a CI log: controls shown escaped, CI markers broken. */
export function inertLine(value: string): string {
  return neutraliseMarkers(escapeControls(oneLine(value)))
}

function oneLine(value: string): string {
  return value.replace(/[\r\n]+/g, ' ')
}

function base64(value: string): string {
  return Buffer.from(value, 'utf8').toString('base64')
}
