import type { HypothesisCheck, ReportJournal, RunRecord } from '../journal/types.ts'
import { outcomeIsProblem, outcomeLabel, runOutcome } from '../journal/outcome.ts'
import { summariseDuring } from '../analysis/during.ts'
import {
  describeProvider,
  describeRollbackDecision,
  describeTolerance,
  describeValue,
  formatOffset,
  formatSeconds,
  shortError,
  trimmedJson,
} from '../text/format.ts'
import { esc, htmlTable, type HtmlCell } from './html.ts'

/** Runs past this many get no expandable details (long continuous-hypothesis journals). */
const MAX_DETAILED = 200

function result(run: RunRecord, journal: ReportJournal): HtmlCell {
  const outcome = runOutcome(run, journal.dry)
  return { text: outcomeLabel(outcome), className: outcomeIsProblem(outcome) ? 'bad' : 'ok' }
}

function checkHtml(label: string, check: HypothesisCheck | undefined, journal: ReportJournal): string {
  if (check === undefined) return `<h3>${esc(label)}: not checked</h3>`
  const state = check.met === true ? 'met' : check.met === false ? 'NOT met' : 'no result'
  return `<h3>${esc(`${label}: ${state}`)}</h3>${htmlTable(
    ['Probe', 'Tolerance', 'Value', 'Result', 'Duration'],
    check.probes.map((run) => [
      run.name,
      { text: describeTolerance(run.tolerance), code: true },
      { text: describeValue(run), code: true },
      result(run, journal),
      formatSeconds(run.durationSeconds),
    ]),
  )}`
}

export function hypothesisHtml(journal: ReportJournal): string {
  const hypothesis = journal.hypothesis
  if (hypothesis === undefined) return '<h2>Steady-state hypothesis</h2><p>None declared.</p>'
  const head = `<h2>Steady-state hypothesis: ${esc(hypothesis.title)}</h2>`
  if (!hypothesis.recorded)
    return `${head}<p class="muted">This journal format did not record hypothesis results.</p>`
  const during = summariseDuring(journal)
  const duringHtml =
    during.iterations === 0
      ? ''
      : `<h3>During the method: ${during.iterations} checks</h3>${htmlTable(
          ['Probe', 'Checks', 'Met', 'Not met', 'Failed', 'First problem'],
          during.probes.map((p) => [
            p.name,
            String(p.checks),
            String(p.met),
            String(p.notMet),
            String(p.failed),
            p.firstProblemAt === undefined ? 'none' : formatOffset(p.firstProblemAt),
          ]),
        )}`
  return `${head}${checkHtml('Before the method', hypothesis.before, journal)}${duringHtml}${checkHtml('After the method', hypothesis.after, journal)}`
}

function runTable(runs: RunRecord[], journal: ReportJournal): string {
  return htmlTable(
    ['#', 'Activity', 'Provider', 'Result', 'Started', 'Took', 'Error'],
    runs.map((run, index) => [
      String(index + 1),
      `${run.name} (${run.type})`,
      { text: describeProvider(run.provider), code: true },
      result(run, journal),
      formatOffset(run.startOffset),
      formatSeconds(run.durationSeconds),
      shortError(run) ?? '',
    ]),
  )
}

function details(run: RunRecord): string {
  const json = (value: RunRecord['output']) =>
    value === undefined ? 'not recorded' : trimmedJson(value, 60, 4000).text
  return `<details><summary>${esc(`${run.phase}: ${run.name}`)}</summary>
<p>${esc(describeProvider(run.provider))}</p><pre>${esc(`arguments: ${json(run.arguments)}`)}</pre>
<pre>${esc(`output: ${json(run.output)}`)}</pre>${run.exception.length === 0 ? '' : `<pre class="bad">${esc(run.exception.join(''))}</pre>`}</details>`
}

export function runsHtml(journal: ReportJournal): string {
  const decision = journal.rollbackDecision
  const detailed = [
    ...(journal.hypothesis?.before?.probes ?? []),
    ...journal.method,
    ...(journal.hypothesis?.after?.probes ?? []),
    ...journal.rollbacks,
  ].slice(0, MAX_DETAILED)
  return `<h2>Method</h2>${journal.method.length === 0 ? '<p>No method activity ran.</p>' : runTable(journal.method, journal)}
<h2>Rollbacks</h2>${decision === undefined ? '' : `<p>${esc(describeRollbackDecision(decision))}</p>`}
${journal.rollbacks.length === 0 ? '<p>No rollback ran.</p>' : runTable(journal.rollbacks, journal)}
<h2>Activity details</h2>${detailed.map(details).join('\n')}
<h2>Run environment</h2>${htmlTable(
    ['Setting', 'Value'],
    [
      ['Host', journal.node],
      ['Platform', journal.platform],
      [
        'Secrets',
        journal.secretNames.length === 0
          ? 'none declared'
          : `${journal.secretNames.join(', ')} (values never shown)`,
      ],
      ...journal.warnings.map((warning) => ['Warning', warning]),
    ],
  )}`
}
