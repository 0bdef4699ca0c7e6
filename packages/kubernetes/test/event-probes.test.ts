import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
import { createNamespace, deleteNamespace, kubectl } from '../../../test/support/kubectl.ts'
import { callK8s } from './call.ts'

interface EventList {
  kind: string
  apiVersion: string
  items: { metadata: { name: string; namespace: string }; reason: string; regarding: { name: string } }[]
  metadata: { continue?: string }
}

function event(ns: string, name: string, reason: string): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace: ns, labels: { source: 'steadystate-test', event: name } },
    involvedObject: { kind: 'Pod', name: 'web-0', namespace: ns },
    reason,
    message: `${reason} for the test`,
    type: 'Warning',
    firstTimestamp: new Date().toISOString(),
    lastTimestamp: new Date().toISOString(),
    count: 1,
    source: { component: 'steadystate-test' },
  })
}

describe('chaosk8s.event.probes against a real API server', () => {
  const kubeconfig = inject('kubeconfig')
  let ns: string
  beforeEach(async () => {
    ns = await createNamespace(kubeconfig, 'events')
    for (const [name, reason] of [
      ['first', 'Killing'],
      ['second', 'BackOff'],
    ] as const)
      await kubectl(kubeconfig, ['-n', ns, 'create', '-f', '-'], event(ns, name, reason))
  })
  afterEach(async () => {
    await deleteNamespace(kubeconfig, ns)
  })

  it('get_events returns the events.k8s.io list, filtered by field and label selectors', async () => {
    const inNamespace = await callK8s(kubeconfig, 'chaosk8s.event.probes', 'get_events', {
      field_selector: `metadata.namespace=${ns}`,
    })
    const list = inNamespace.output as unknown as EventList
    expect(list.kind).toBe('EventList')
    expect(list.apiVersion).toBe('events.k8s.io/v1')
    expect(list.items.map((item) => item.metadata.name).sort()).toEqual(['first', 'second'])
    expect(list.items.every((item) => item.regarding.name === 'web-0')).toBe(true)

    const byReason = await callK8s(kubeconfig, 'chaosk8s.event.probes', 'get_events', {
      field_selector: `metadata.namespace=${ns},reason=Killing`,
    })
    expect((byReason.output as unknown as EventList).items.map((item) => item.metadata.name)).toEqual([
      'first',
    ])

    const byLabel = await callK8s(kubeconfig, 'chaosk8s.event.probes', 'get_events', {
      label_selector: 'source=steadystate-test,event=second',
      field_selector: `metadata.namespace=${ns}`,
    })
    expect((byLabel.output as unknown as EventList).items.map((item) => item.reason)).toEqual(['BackOff'])
  })

  it('get_events honours limit (the API says where to continue)', async () => {
    const limited = await callK8s(kubeconfig, 'chaosk8s.event.probes', 'get_events', {
      field_selector: `metadata.namespace=${ns}`,
      limit: 1,
    })
    const list = limited.output as unknown as EventList
    expect(list.items).toHaveLength(1)
    expect(list.metadata.continue).toEqual(expect.any(String))
  })
})
