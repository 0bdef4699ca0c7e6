import type { StopRequest } from '@steadystate/core'
import { describe, expect, it } from 'vitest'
import type { KillSwitchVerdict } from '../kill-switch/check.ts'
import { killSwitchRef } from '../kill-switch/kill-switch.ts'
import { KillSwitchWatch, UNREADABLE_CHECKS_TO_STOP } from './kill-switch-watch.ts'

const ref = killSwitchRef('shop')
const clear: KillSwitchVerdict = { kind: 'clear', checked: [ref] }
const unreadable: KillSwitchVerdict = { kind: 'unreadable', ref, message: 'cannot read the kill switch' }
const pulled: KillSwitchVerdict = {
  kind: 'pulled',
  state: { kind: 'pulled', ref, reason: 'incident', by: 'alice', at: '2024-05-01T10:00:00.000Z' },
  message: 'the kill switch is pulled',
}

/** A watch over answers given in turn (the last one repeated), every 10 ms. */
function watchOver(answers: KillSwitchVerdict[]) {
  const warnings: string[] = []
  let checks = 0
  const watch = new KillSwitchWatch(
    () => Promise.resolve(answers[Math.min(checks++, answers.length - 1)] as KillSwitchVerdict),
    0.01,
    { info: () => undefined, warn: (message) => warnings.push(message) },
  )
  const stopped = new Promise<StopRequest>((resolve) => watch.onStop(resolve))
  return { watch, warnings, stopped, checks: () => checks }
}

describe('the kill switch watch of a running run', () => {
  it('asks once to stop when the switch is pulled, saying which one, who, when and why', async () => {
    const { stopped, checks } = watchOver([clear, clear, pulled])
    expect(await stopped).toEqual({
      source: 'kill-switch',
      control: 'kill-switch',
      probe: 'ConfigMap steadystate-kill-switch, key stop, in namespace shop',
      value: {
        namespace: 'shop',
        configMap: 'steadystate-kill-switch',
        key: 'stop',
        reason: 'incident',
        by: 'alice',
        at: '2024-05-01T10:00:00.000Z',
      },
      reason: 'the kill switch is pulled',
    })
    const after = checks()
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(checks()).toBe(after)
  })

  it(`bears a switch it cannot read ${UNREADABLE_CHECKS_TO_STOP - 1} times, stops at ${UNREADABLE_CHECKS_TO_STOP} in a row`, async () => {
    const { stopped, warnings } = watchOver([
      unreadable,
      unreadable,
      clear,
      unreadable,
      unreadable,
      unreadable,
    ])
    const request = await stopped
    expect(request.reason).toBe('cannot read the kill switch; 3 checks in a row could not read it')
    expect(request.value).toBeNull()
    expect(warnings).toEqual([
      'cannot read the kill switch (check 1; the run stops after 3 in a row)',
      'cannot read the kill switch (check 2; the run stops after 3 in a row)',
      'cannot read the kill switch (check 1; the run stops after 3 in a row)',
      'cannot read the kill switch (check 2; the run stops after 3 in a row)',
    ])
  })

  it('hands a stop asked before anyone listened to the first listener; stops reading once stopped', async () => {
    const watch = new KillSwitchWatch(() => Promise.resolve(pulled), 0.01, {
      info: () => undefined,
      warn: () => undefined,
    })
    await new Promise((resolve) => setTimeout(resolve, 50))
    const heard: StopRequest[] = []
    watch.onStop((request) => heard.push(request))
    expect(heard.map((request) => request.reason)).toEqual(['the kill switch is pulled'])

    const { watch: quiet, checks } = watchOver([clear])
    await new Promise((resolve) => setTimeout(resolve, 50))
    await quiet.stop()
    const after = checks()
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(checks()).toBe(after)
  })
})
