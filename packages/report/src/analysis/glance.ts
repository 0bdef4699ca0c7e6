import type { HypothesisCheck, ReportJournal } from '../journal/types.ts'
import { outcomeIsProblem, runOutcome } from '../journal/outcome.ts'
import { summariseDuring } from './during.ts'
import { plural } from '../text/format.ts'
import { recoveryNote, unfinishedNotice } from './unfinished.ts'

/** One line of the summary page's "at a glance" list; `ok` picks its colour. */
export interface GlanceLine {
  label: string
  text: string
  ok: boolean | undefined
}

/** Phase by phase, whether the system held: the answer a reader looks for first. */
export function glanceLines(journal: ReportJournal): GlanceLine[] {
  const lines: GlanceLine[] = unfinishedNotice(journal).map((text, index) => ({
    label: index === 0 ? 'DID NOT FINISH' : 'Rollbacks?',
    text,
    ok: false,
  }))
  const recovered = recoveryNote(journal)
  if (recovered !== undefined) lines.push({ label: 'Recovered', text: recovered, ok: undefined })
  const hypothesis = journal.hypothesis
  if (hypothesis === undefined) {
    lines.push({
      label: 'Steady state',
      text: 'the experiment declares no steady-state hypothesis',
      ok: undefined,
    })
  } else if (!hypothesis.recorded) {
    lines.push({
      label: 'Steady state',
      text: 'not recorded by this journal format (chaoslib 0.x)',
      ok: undefined,
    })
  } else {
    lines.push(checkLine('Before the method', hypothesis.before, journal))
    const during = summariseDuring(journal)
    if (during.iterations > 0) {
      const problems = during.problems.length
      const checks = during.probes.reduce((sum, probe) => sum + probe.checks, 0)
      lines.push({
        label: 'During the method',
        text: `${plural(during.iterations, 'check')} of the hypothesis (${plural(checks, 'probe run')}): ${
          problems === 0 ? 'all met' : `${problems} not met or failed`
        }`,
        ok: problems === 0,
      })
    }
    lines.push(checkLine('After the method', hypothesis.after, journal))
  }
  const outcomes = journal.method.map((run) => runOutcome(run, journal.dry))
  const failed = outcomes.filter(outcomeIsProblem).length
  const unfinished = outcomes.filter((outcome) => outcome === 'unknown').length
  const skipped = outcomes.filter((outcome) => outcome === 'skipped').length
  const notes = [
    failed === 0 ? 'none failed' : `${failed} failed`,
    ...(unfinished === 0 ? [] : [`${unfinished} never finished (interrupted)`]),
    ...(skipped === 0 ? [] : [`${skipped} skipped (dry run)`]),
  ]
  lines.push({
    label: 'Method',
    text:
      journal.method.length === 0
        ? 'nothing ran'
        : `${plural(journal.method.length, 'activity', 'activities')} started: ${notes.join(', ')}`,
    ok: journal.method.length === 0 ? undefined : failed === 0 && unfinished === 0,
  })
  lines.push(rollbackLine(journal))
  return lines
}

function checkLine(label: string, check: HypothesisCheck | undefined, journal: ReportJournal): GlanceLine {
  if (check === undefined) return { label, text: 'not checked', ok: undefined }
  const total = check.probes.length
  const passed = check.probes.filter((run) => !outcomeIsProblem(runOutcome(run, journal.dry))).length
  if (check.met === true)
    return { label, text: `steady state met (${passed} of ${plural(total, 'probe')} passed)`, ok: true }
  if (check.met === false) {
    return {
      label,
      text: `steady state NOT met (${total - passed} of ${plural(total, 'probe')} did not pass)`,
      ok: false,
    }
  }
  return { label, text: 'no result recorded', ok: undefined }
}

function rollbackLine(journal: ReportJournal): GlanceLine {
  const runs = journal.rollbacks
  const failed = runs.filter((run) => run.status === 'failed').length
  const decision = journal.rollbackDecision
  if (journal.progress?.rollbacksPending === true)
    return {
      label: 'Rollbacks',
      text: `PENDING: ${plural(runs.length, 'rollback')} recorded${failed === 0 ? '' : `, ${failed} failed`}; the rest may not have run`,
      ok: false,
    }
  if (runs.length > 0) {
    return {
      label: 'Rollbacks',
      text: `${plural(runs.length, 'rollback')} played, ${failed === 0 ? 'all succeeded' : `${failed} failed`}`,
      ok: failed === 0,
    }
  }
  if (decision !== undefined && !decision.played)
    return { label: 'Rollbacks', text: `not played: ${decision.reason}`, ok: undefined }
  return { label: 'Rollbacks', text: 'none ran', ok: undefined }
}
