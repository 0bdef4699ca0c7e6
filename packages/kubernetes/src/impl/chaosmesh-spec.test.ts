import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { networkChaos, type NetworkFault } from './chaosmesh-network-spec.ts'
import { stressChaos, type Stressor } from './chaosmesh-stress-spec.ts'
import { affectedCount } from './chaosmesh-selection.ts'
import { describeChaos } from './chaosmesh-summary.ts'

type Manifest = {
  metadata: Record<string, unknown>
  spec: Record<string, unknown> & { stressors?: { memory?: Record<string, unknown> } }
}

interface ReferenceCase {
  func: string
  arguments: Record<string, unknown>
  namespace?: string
  manifest?: Manifest
  error?: string
}

/** The manifests the reference builds (recorded from chaostoolkit-kubernetes 0.39.0, see `source`). */
const CASES = (
  JSON.parse(
    readFileSync(new URL('testdata/reference-chaosmesh-manifests.json', import.meta.url), 'utf8'),
  ) as { cases: ReferenceCase[] }
).cases

const DEFAULTS = { ns: 'default', mode: 'one', direction: 'to', target_mode: 'one', duration: '30s' }

function build(func: string, args: Record<string, unknown>) {
  const withDefaults = { ...DEFAULTS, ...args }
  return func.startsWith('stress_')
    ? stressChaos(func as Stressor, withDefaults)
    : networkChaos(func as NetworkFault, withDefaults)
}

function referenceCase(func: string, name: string): ReferenceCase & { manifest: Manifest } {
  const found = CASES.find((candidate) => candidate.func === func && candidate.arguments.name === name)
  if (found?.manifest === undefined) throw new Error(`no reference manifest for ${func} ${name}`)
  return found as ReferenceCase & { manifest: Manifest }
}

/**
 * The reference's manifest with the fixes every one of ours has: `metadata.namespace` instead of the
 * non-Kubernetes `metadata.ns`, and no `target` unless one was asked for.
 */
function fixed(reference: Manifest, keepTarget = false): Manifest {
  const copy = structuredClone(reference)
  copy.metadata = { name: copy.metadata.name, namespace: copy.metadata.ns }
  if (!keepTarget) delete copy.spec.target
  return copy
}

describe('Chaos Mesh manifests, compared with the reference’s', () => {
  it('add_latency: the reference’s NetworkChaos, in metadata.namespace, without the stray target', () => {
    const { arguments: args, manifest } = referenceCase('add_latency', 'web-delay')
    expect(build('add_latency', args)).toEqual(fixed(manifest))
  })

  it('set_loss: selectors as lists and mappings; fixed-percent keeps its value', () => {
    const { arguments: args, manifest } = referenceCase('set_loss', 'loss')
    expect(build('set_loss', args)).toEqual(fixed(manifest))
  })

  it('set_bandwidth: action bandwidth, not the reference’s "bandwdith" (which Chaos Mesh refuses)', () => {
    const { arguments: args, manifest } = referenceCase('set_bandwidth', 'bw')
    expect(manifest.spec.action).toBe('bandwdith')
    const expected = fixed(manifest)
    expected.spec.action = 'bandwidth'
    expect(build('set_bandwidth', args)).toEqual(expected)
  })

  it('reorder_packets: a delay with delay.reorder (Chaos Mesh has no reorder action); gap is a number', () => {
    const { arguments: args, manifest } = referenceCase('reorder_packets', 'reorder')
    expect(manifest.spec.action).toBe('reorder')
    const expected = fixed(manifest)
    delete expected.spec.reorder
    expected.spec.action = 'delay'
    expected.spec.delay = { latency: '10ms', reorder: { reorder: '25', gap: 5 } }
    expect(build('reorder_packets', { ...args, latency: '10ms' })).toEqual(expected)
    expect(() => build('reorder_packets', args)).toThrow(
      `reorder_packets needs 'latency' (e.g. "10ms"): Chaos Mesh refuses this fault without it`,
    )
  })

  it('duplicate_packets: an explicit target is kept (direction both needs one)', () => {
    const { arguments: args, manifest } = referenceCase('duplicate_packets', 'dup')
    expect(build('duplicate_packets', args)).toEqual(fixed(manifest, true))
  })

  it('corrupt_packets: mode fixed gets its value (the reference drops it and Chaos Mesh refuses that)', () => {
    const { arguments: args, manifest } = referenceCase('corrupt_packets', 'corrupt')
    expect(manifest.spec.value).toBeUndefined()
    const expected = fixed(manifest)
    expected.spec.value = '2'
    expect(build('corrupt_packets', args)).toEqual(expected)
  })

  it('stress_cpu: no direction (not a StressChaos field)', () => {
    const { arguments: args, manifest } = referenceCase('stress_cpu', 'cpu')
    const expected = fixed(manifest)
    delete expected.spec.direction
    expect(build('stress_cpu', args)).toEqual(expected)
  })

  it('stress_memory: the growth time reaches memStress as --time; no null fields', () => {
    const { arguments: args, manifest } = referenceCase('stress_memory', 'mem')
    const expected = fixed(manifest)
    delete expected.spec.direction
    delete expected.spec.containerNames
    const memory = expected.spec.stressors?.memory ?? {}
    delete memory.time
    memory.options = ['--time', '10s']
    expect(build('stress_memory', args)).toEqual(expected)
  })

  it('stress_memory without workers: a clear error (Chaos Mesh refuses it; the reference sends null)', () => {
    const { arguments: args, manifest } = referenceCase('stress_memory', 'mem-default')
    expect(manifest.spec.stressors?.memory?.workers).toBeNull()
    expect(() => build('stress_memory', args)).toThrow(
      "stress_memory needs 'workers' (1-8192): Chaos Mesh runs no stressor without workers",
    )
    expect(build('stress_memory', { ...args, stressng_stressors: '--vm 1' }).spec).toEqual({
      selector: {},
      mode: 'one',
      stressngStressors: '--vm 1',
      duration: '30s',
    })
  })

  it('a label selector that is not key=value: a clear error (the reference crashes with a ValueError)', () => {
    const reference = CASES.find((candidate) => candidate.arguments.name === 'bad')
    expect(reference?.error).toBe('ValueError: not enough values to unpack (expected 2, got 1)')
    expect(() => build('add_latency', { name: 'bad', label_selectors: 'app', latency: '1ms' })).toThrow(
      `argument 'label_selectors': 'app' is not key=value (expected e.g. "app=web,tier=front")`,
    )
  })
})

describe('Chaos Mesh argument checks', () => {
  const latency = (args: Record<string, unknown>) => () =>
    build('add_latency', { name: 'x', latency: '1ms', ...args })

  it('refuses what Chaos Mesh would refuse, saying what is expected', () => {
    expect(latency({ mode: 'some' })).toThrow(
      `argument 'mode' must be one of one, all, fixed, fixed-percent, random-max-percent, got "some"`,
    )
    expect(latency({ mode: 'fixed' })).toThrow("mode 'fixed' needs 'mode_value': how many pods")
    expect(latency({ mode: 'fixed', mode_value: 0 })).toThrow(
      "argument 'mode_value' must be a whole number from 1 to",
    )
    expect(latency({ mode: 'random-max-percent', mode_value: '150' })).toThrow(
      'argument \'mode_value\' must be a whole number from 1 to 100, got "150"',
    )
    expect(latency({ latency: 100 })).toThrow(
      `argument 'latency' must be a duration such as "100ms" or "1.5s", got 100`,
    )
    expect(latency({ correlation: 'most' })).toThrow("argument 'correlation' must be a percentage")
    expect(latency({ direction: 'up' })).toThrow("argument 'direction' must be one of to, from, both")
    expect(latency({ direction: 'from' })).toThrow(
      "direction 'from' needs target pods: give target_label_selectors, target_namespaces_selectors or target_annotations_selectors",
    )
    expect(latency({ direction: 'both', target_label_selectors: 'app=db', external_targets: 'a.b' })).toThrow(
      "external_targets work only with direction 'to'",
    )
    expect(latency({ label_selectors: { app: 1 } })).toThrow(
      "argument 'label_selectors': the value of 'app' must be a string, got 1",
    )
    expect(() => build('add_latency', { name: 'x' })).toThrow(
      `add_latency needs 'latency' (e.g. "100ms"): Chaos Mesh refuses this fault without it`,
    )
    expect(() => build('set_bandwidth', { name: 'x', rate: '1 mega', limit: 1, buffer: 1 })).toThrow(
      "argument 'rate' must be a whole number with a unit",
    )
    expect(() => build('set_bandwidth', { name: 'x', rate: '1mbps', limit: 0, buffer: 1 })).toThrow(
      "argument 'limit' must be a whole number from 1 to 4294967295, got 0",
    )
    expect(() => build('stress_cpu', { name: 'x', workers: 2, load: 120 })).toThrow(
      "argument 'load' must be a whole number from 0 to 100, got 120",
    )
    expect(() => build('stress_memory', { name: 'x', workers: 1, size: 'lots' })).toThrow(
      `argument 'size' must be a size such as "256MB" or a percentage such as "25%", got "lots"`,
    )
    expect(() => build('stress_cpu', { name: 'x', workers: 1, load: 1, duration: '5 minutes' })).toThrow(
      `argument 'duration' must be a duration such as "30s" or "1m30s", got "5 minutes"`,
    )
  })

  it('accepts numbers where Chaos Mesh wants strings, and trims list items', () => {
    const object = build('set_loss', {
      name: 'x',
      loss: 25,
      correlation: 0,
      mode: 'fixed',
      mode_value: 3,
      namespaces_selectors: ' a , b ,',
      target_mode: 'all',
    })
    expect(object.spec).toEqual({
      action: 'loss',
      loss: { loss: '25', correlation: '0' },
      selector: { namespaces: ['a', 'b'] },
      mode: 'fixed',
      value: '3',
      direction: 'to',
      // target_mode other than the default "one" asks for a target, as in the reference.
      target: { selector: {}, mode: 'all' },
    })
  })
})

describe('describeChaos', () => {
  it('says what the fault does to which pods, for the log and dry runs', () => {
    expect(
      describeChaos(
        build('add_latency', { name: 'x', ns: 'shop', latency: '100ms', label_selectors: 'app=web' }),
      ),
    ).toBe('delay 100ms on one pod labelled app=web in namespace shop (all traffic)')
    expect(
      describeChaos(
        build('set_loss', {
          name: 'x',
          loss: '30',
          mode: 'fixed-percent',
          mode_value: 50,
          direction: 'both',
          target_label_selectors: 'app=db',
          target_namespaces_selectors: ['data'],
        }),
      ),
    ).toBe(
      'lose 30% of the packets on 50% of the pods in namespace default (traffic to and from one pod labelled app=db in namespace data)',
    )
    expect(describeChaos(build('stress_cpu', { name: 'x', workers: 2, load: 80, mode: 'all' }))).toBe(
      'load the CPU (2 worker(s) at 80%) for 30s on every pod in namespace default',
    )
  })
})

describe('affectedCount', () => {
  it('counts the pods a Chaos Mesh mode picks, as Chaos Mesh rounds (the most, for random-max-percent)', () => {
    expect(affectedCount('one', undefined, 4)).toBe(1)
    expect(affectedCount('one', undefined, 0)).toBe(0)
    expect(affectedCount('all', undefined, 4)).toBe(4)
    expect(affectedCount('fixed', '3', 2)).toBe(2)
    expect(affectedCount('fixed-percent', '50', 5)).toBe(2)
    expect(affectedCount('random-max-percent', '10', 5)).toBe(0)
  })
})
