import type { V1Pod } from '@kubernetes/client-node'
import { describe, expect, it } from 'vitest'
import type { KubeClient } from '../client/rest.ts'
import { RecoveryTracker } from './tracker.ts'

const OWNER = { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'my-app', uid: 'sts-uid', controller: true }

/** A pod as the watch delivers it: parsed JSON, timestamps as strings. */
function pod(uid: string, state: { ready?: boolean; node?: boolean; deleting?: boolean } = {}): V1Pod {
  return JSON.parse(
    JSON.stringify({
      metadata: {
        name: 'my-app-9',
        namespace: 'default',
        uid,
        ownerReferences: [OWNER],
        ...(state.deleting === true ? { deletionTimestamp: '2026-12-06T05:38:10Z' } : {}),
      },
      spec: { containers: [], ...(state.node === true ? { nodeName: 'kwok-node-0' } : {}) },
      status: {
        conditions: [
          {
            type: 'Ready',
            status: state.ready === true ? 'True' : 'False',
            lastTransitionTime: '2026-12-06T05:38:11Z',
          },
        ],
      },
    }),
  ) as V1Pod
}

/** The tracker below never reaches the API: its signal is aborted before it would watch. */
const NO_CLIENT = JSON.parse('{}') as KubeClient

const DELETED_AT = Date.parse('2026-12-06T05:38:10.778Z')

describe('RecoveryTracker', () => {
  it('takes the next new pod when the first replacement is deleted before it is Ready (the seed hang)', () => {
    // The event order a StatefulSet produced in a seed run that then waited 300 s for a pod that
    // no longer existed: a first replacement, deleted at once, then the real one.
    const victim = pod('old-uid', { ready: true, node: true })
    const tracker = new RecoveryTracker('default', ['old-uid'])
    tracker.addVictim(victim, DELETED_AT)
    const events: [string, V1Pod][] = [
      ['MODIFIED', pod('old-uid', { ready: true, node: true, deleting: true })],
      ['DELETED', pod('old-uid', { ready: true, node: true, deleting: true })],
      ['ADDED', pod('first-uid')],
      ['MODIFIED', pod('first-uid', { deleting: true })],
      ['DELETED', pod('first-uid', { deleting: true })],
      ['ADDED', pod('second-uid')],
      ['MODIFIED', pod('second-uid', { node: true })],
      ['MODIFIED', pod('second-uid', { node: true, ready: true })],
    ]
    events.forEach(([type, object], index) => {
      expect(tracker.complete()).toBe(false)
      tracker.handle(type, object, DELETED_AT + 100 * (index + 1))
    })
    expect(tracker.complete()).toBe(true)
  })

  it('keeps the first replacement when it becomes Ready, and ignores later pods', () => {
    const tracker = new RecoveryTracker('default', ['old-uid'])
    tracker.addVictim(pod('old-uid', { ready: true }), DELETED_AT)
    tracker.handle('ADDED', pod('first-uid'), DELETED_AT + 100)
    tracker.handle('MODIFIED', pod('first-uid', { node: true }), DELETED_AT + 200)
    tracker.handle('MODIFIED', pod('first-uid', { node: true, ready: true }), DELETED_AT + 300)
    tracker.handle('DELETED', pod('first-uid', { deleting: true }), DELETED_AT + 400)
    tracker.handle('ADDED', pod('second-uid', { node: true, ready: true }), DELETED_AT + 500)
    expect(tracker.complete()).toBe(true)
  })

  it('reports the replacement that became Ready, with times from the deletion', async () => {
    const tracker = new RecoveryTracker('default', ['old-uid'])
    tracker.addVictim(pod('old-uid', { ready: true }), DELETED_AT)
    tracker.handle('ADDED', pod('first-uid', { node: true }), DELETED_AT + 100)
    tracker.handle('DELETED', pod('first-uid', { deleting: true }), DELETED_AT + 200)
    tracker.handle('ADDED', pod('second-uid'), DELETED_AT + 300)
    tracker.handle('MODIFIED', pod('second-uid', { node: true }), DELETED_AT + 400)
    tracker.handle('MODIFIED', pod('second-uid', { node: true, ready: true }), DELETED_AT + 500)
    // A watch that is already aborted ends at once with what was seen.
    const controller = new AbortController()
    controller.abort('SIGTERM')
    const report = await tracker.run(NO_CLIENT, undefined, undefined, 300, controller.signal)
    expect(report).toMatchObject({
      recoverySeconds: 0.5,
      unrecovered: [],
      timedOut: false,
      interrupted: false,
      victims: [
        {
          pod: 'my-app-9',
          replacement: 'my-app-9',
          scheduledSeconds: 0.4,
          readySeconds: 0.5,
          recovered: true,
        },
      ],
    })
  })

  it('says when it was stopped before the replacements were Ready', async () => {
    const tracker = new RecoveryTracker('default', ['old-uid'])
    tracker.addVictim(pod('old-uid', { ready: true }), DELETED_AT)
    const controller = new AbortController()
    controller.abort('SIGTERM')
    const report = await tracker.run(NO_CLIENT, undefined, undefined, 300, controller.signal)
    expect(report).toMatchObject({ unrecovered: ['my-app-9'], timedOut: false, interrupted: true })
  })
})
