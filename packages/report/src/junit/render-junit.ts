import type { ReportJournal, RunRecord } from '../journal/types.ts'
import { normaliseJournal, type NormaliseOptions } from '../journal/normalise.ts'
import { runOutcome } from '../journal/outcome.ts'
import { verdictPassed } from '../journal/verdict-kinds.ts'
import { summariseDuring, type DuringProbe } from '../analysis/during.ts'
import { describeTolerance, describeValue, lastExceptionLine, trimmedJson } from '../text/format.ts'
import { element, escapeXml, seconds } from './xml.ts'

interface TestCase {
  classname: string
  name: string
  time: number | undefined
  result:
    | { kind: 'passed' }
    | { kind: 'failure'; type: string; message: string; detail: string }
    | { kind: 'skipped'; message: string }
}

/**
 * JUnit XML for CI test views: one `<testsuite>` per journal, one `<testcase>` per hypothesis probe
 * (per phase; `during` checks summed per probe), method activity and rollback, plus a `verdict` case
 * that fails when the steady state did not hold. Failed activities, unmet tolerances and
 * deviations are `<failure>`s; dry-run activities are `<skipped/>`.
 */
export function renderJUnit(journals: readonly unknown[], options: NormaliseOptions = {}): string {
  const suites = journals.map((journal) => suite(normaliseJournal(journal, options)))
  const totals = suites.reduce(
    (sum, s) => ({
      tests: sum.tests + s.tests,
      failures: sum.failures + s.failures,
      skipped: sum.skipped + s.skipped,
      time: sum.time + s.time,
    }),
    { tests: 0, failures: 0, skipped: 0, time: 0 },
  )
  const body = suites.map((s) => s.xml).join('\n')
  return `<?xml version="1.0" encoding="UTF-8"?>\n${element(
    'testsuites',
    {
      name: 'steadystate',
      tests: totals.tests,
      failures: totals.failures,
      errors: 0,
      skipped: totals.skipped,
      time: seconds(totals.time),
    },
    `\n${body}\n`,
  )}\n`
}

function suite(journal: ReportJournal) {
  const cases = testCases(journal)
  const failures = cases.filter((c) => c.result.kind === 'failure').length
  const skipped = cases.filter((c) => c.result.kind === 'skipped').length
  const properties = [
    ['verdict', journal.verdict.kind],
    ['status', journal.status],
    ['deviated', String(journal.deviated)],
    ['engine', `${journal.engine.name} ${journal.engine.version}`],
  ]
    .map(([name, value]) => `    ${element('property', { name: name ?? '', value: value ?? '' })}`)
    .join('\n')
  const attributes = {
    name: journal.title,
    tests: cases.length,
    failures,
    errors: 0,
    skipped,
    time: seconds(journal.durationSeconds),
    ...(journal.start === undefined
      ? {}
      : { timestamp: new Date(journal.start.ms).toISOString().slice(0, 19) }),
    hostname: journal.node,
  }
  const body = [`  <properties>\n${properties}\n  </properties>`, ...cases.map(testCaseXml)].join('\n')
  return {
    xml: element('testsuite', attributes, `\n${body}\n`),
    tests: cases.length,
    failures,
    skipped,
    time: journal.durationSeconds ?? 0,
  }
}

function testCases(journal: ReportJournal): TestCase[] {
  const hypothesis = journal.hypothesis
  const probe = (phase: string) => (run: RunRecord) =>
    runCase(journal, `steady-state-hypothesis.${phase}`, run)
  const during = summariseDuring(journal)
  return [
    verdictCase(journal),
    ...(hypothesis?.before?.probes.map(probe('before')) ?? []),
    ...during.probes.map((summary) => duringCase(summary)),
    ...(hypothesis?.after?.probes.map(probe('after')) ?? []),
    ...journal.method.map((run) => runCase(journal, 'method', run)),
    ...journal.rollbacks.map((run) => runCase(journal, 'rollbacks', run)),
  ]
}

function verdictCase(journal: ReportJournal): TestCase {
  const verdict = journal.verdict
  return {
    classname: 'experiment',
    name: 'verdict',
    time: journal.durationSeconds,
    result: verdictPassed(verdict.kind)
      ? { kind: 'passed' }
      : {
          kind: 'failure',
          type: verdict.kind,
          message: `${verdict.kind}: ${verdict.summary}`,
          detail: verdict.summary,
        },
  }
}

function runCase(journal: ReportJournal, classname: string, run: RunRecord): TestCase {
  const base = { classname, name: run.name, time: run.durationSeconds }
  const outcome = runOutcome(run, journal.dry)
  switch (outcome) {
    case 'succeeded':
    case 'unknown':
      return { ...base, result: { kind: 'passed' } }
    case 'skipped':
      return {
        ...base,
        result: { kind: 'skipped', message: `dry run (--dry ${journal.dry ?? ''}): not executed` },
      }
    case 'failed': {
      const message = lastExceptionLine(run) ?? 'the activity failed'
      return {
        ...base,
        result: { kind: 'failure', type: 'activity-failed', message, detail: run.exception.join('') },
      }
    }
    case 'not-met': {
      const message = `tolerance ${describeTolerance(run.tolerance)} not met by ${describeValue(run)}`
      const detail = run.output === undefined ? '' : trimmedJson(run.output, 40, 4000).text
      return { ...base, result: { kind: 'failure', type: 'tolerance-not-met', message, detail } }
    }
  }
}

function duringCase(probe: DuringProbe): TestCase {
  const problems = probe.notMet + probe.failed
  const message = `${problems} of ${probe.checks} checks during the method did not pass (first at +${(probe.firstProblemAt ?? 0).toFixed(3)} s)`
  return {
    classname: 'steady-state-hypothesis.during',
    name: probe.name,
    time: undefined,
    result:
      problems === 0
        ? { kind: 'passed' }
        : { kind: 'failure', type: 'tolerance-not-met', message, detail: message },
  }
}

function testCaseXml(test: TestCase): string {
  const attributes = { classname: test.classname, name: test.name, time: seconds(test.time) }
  const result = test.result
  switch (result.kind) {
    case 'passed':
      return `  ${element('testcase', attributes)}`
    case 'skipped':
      return `  ${element('testcase', attributes, element('skipped', { message: result.message }))}`
    case 'failure':
      return `  ${element(
        'testcase',
        attributes,
        `\n    ${element('failure', { type: result.type, message: result.message }, escapeXml(result.detail))}\n  `,
      )}`
  }
}
