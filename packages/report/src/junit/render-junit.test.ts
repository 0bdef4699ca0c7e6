import { describe, expect, it } from 'vitest'
import { conformanceJournals, fixture, readJson } from '../../test-support/journals.ts'
import { renderJUnit } from './render-junit.ts'
import { escapeXml } from './xml.ts'

const reference = (name: string) =>
  readJson(conformanceJournals().find((journal) => journal.name.includes(name))?.path ?? '')

function attribute(xml: string, element: string, name: string): string | undefined {
  return new RegExp(`<${element}\\b[^>]*\\s${name}="([^"]*)"`).exec(xml)?.[1]
}

describe('renderJUnit', () => {
  it('has a test case per probe and phase, method activity and rollback, plus the verdict', () => {
    const xml = renderJUnit([reference('deviated-with-rollback')])
    expect(attribute(xml, 'testsuite', 'tests')).toBe('6')
    expect(attribute(xml, 'testsuite', 'failures')).toBe('2')
    expect(xml).toContain(
      '<testcase classname="steady-state-hypothesis.before" name="marker-exists" time="0.001394"/>',
    )
    expect(xml).toMatch(
      /<testcase classname="steady-state-hypothesis.after" name="marker-exists" time="0.001098">\s*<failure type="tolerance-not-met" message="tolerance 0 not met by exit 1">/,
    )
    expect(xml).toMatch(/<testcase classname="experiment" name="verdict"[^>]*>\s*<failure type="deviated"/)
  })

  it('fails failed activities with their traceback, and the verdict of an incomplete run, as the job policy does', () => {
    const xml = renderJUnit([reference('failing-action-continues')])
    expect(xml).toMatch(
      /name="too-slow" time="0.504289">\s*<failure type="activity-failed" message="chaoslib.exceptions.ActivityFailed: process activity took too long to complete">Traceback/,
    )
    expect(xml).toContain(
      '<testcase classname="experiment" name="verdict" time="0.510666">\n    <failure type="incomplete" message="incomplete: The steady state held, but method activities failed, so the fault may not have been injected.">',
    )
  })

  it('sums `during` checks per probe and marks dry runs skipped', () => {
    const probe = { type: 'probe', name: 'up', tolerance: true, provider: { type: 'http', url: 'http://x' } }
    const check = (met: boolean) => ({
      steady_state_met: met,
      probes: [{ activity: probe, output: met, status: 'succeeded', tolerance_met: met }],
    })
    const action = { type: 'action', name: 'kill', provider: { type: 'process', path: 'kill' } }
    const xml = renderJUnit([
      {
        experiment: {
          title: 'dry',
          dry: 'actions',
          'steady-state-hypothesis': { title: 'h', probes: [probe] },
        },
        status: 'completed',
        steady_states: {
          before: check(true),
          after: check(true),
          during: [check(true), check(false), check(true)],
        },
        run: [{ activity: action, output: null, status: 'succeeded' }],
      },
    ])
    expect(xml).toMatch(
      /classname="steady-state-hypothesis.during" name="up" time="0">\s*<failure type="tolerance-not-met" message="1 of 3 checks during the method did not pass/,
    )
    expect(xml).toContain(
      '<testcase classname="method" name="kill" time="0"><skipped message="dry run (--dry actions): not executed"/></testcase>',
    )
    expect(attribute(xml, 'testsuites', 'skipped')).toBe('1')
  })

  it('makes one suite per journal, totals on the root, no secret anywhere', () => {
    const xml = renderJUnit([
      fixture('seed-kubernetes'),
      fixture('chaos-inline-secret'),
      fixture('interrupted-i18n'),
    ])
    expect(xml.match(/<testsuite /g)).toHaveLength(3)
    expect(attribute(xml, 'testsuites', 'tests')).toBe(String(4 + 4 + 4))
    expect(xml).not.toContain('tok-3f9a1c-SECRET')
    expect(xml).toContain('<testsuite name="节点故障时服务保持可用 — Отказ узла"')
  })

  it('escapes what XML cannot hold', () => {
    expect(escapeXml('a<b & "c" \u0001')).toBe('a&lt;b &amp; &quot;c&quot; \uFFFD')
  })
})
