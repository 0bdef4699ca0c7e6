import { isRecord } from '@steadystate/model'
import type { ChaosObject } from './chaosmesh-object.ts'

type Spec = Record<string, unknown>

function record(value: unknown): Spec {
  return isRecord(value) ? value : {}
}

/** A scalar as text; anything else (absent, an object) as `fallback`. */
function text(value: unknown, fallback = ''): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : fallback
}

function pairs(map: unknown): string {
  return Object.entries(record(map))
    .map(([key, value]) => `${key}=${text(value)}`)
    .join(',')
}

/** "one pod", "3 pods", "up to 50% of the pods" … labelled …, in namespace(s) …. */
export function describePods(selection: Spec, ownNamespace: string): string {
  const value = text(selection.value)
  const how: Record<string, string> = {
    one: 'one pod',
    all: 'every pod',
    fixed: `${value} pod(s)`,
    'fixed-percent': `${value}% of the pods`,
    'random-max-percent': `up to ${value}% of the pods`,
  }
  const selector = record(selection.selector)
  const namespaces = Array.isArray(selector.namespaces) ? selector.namespaces.map(String) : [ownNamespace]
  const parts = [how[text(selection.mode)] ?? text(selection.mode)]
  if (selector.labelSelectors !== undefined) parts.push(`labelled ${pairs(selector.labelSelectors)}`)
  if (selector.annotationSelectors !== undefined)
    parts.push(`annotated ${pairs(selector.annotationSelectors)}`)
  parts.push(`in namespace${namespaces.length > 1 ? 's' : ''} ${namespaces.join(', ')}`)
  return parts.join(' ')
}

function networkEffect(spec: Spec): string {
  const delay = record(spec.delay)
  const reorder = record(delay.reorder)
  switch (spec.action) {
    case 'delay':
      return spec.delay !== undefined && delay.reorder !== undefined
        ? `reorder ${text(reorder.reorder)}% of the packets (others delayed ${text(delay.latency)})`
        : `delay ${text(delay.latency)}`
    case 'loss':
      return `lose ${text(record(spec.loss).loss)}% of the packets`
    case 'duplicate':
      return `duplicate ${text(record(spec.duplicate).duplicate)}% of the packets`
    case 'corrupt':
      return `corrupt ${text(record(spec.corrupt).corrupt)}% of the packets`
    case 'bandwidth':
      return `limit the bandwidth to ${text(record(spec.bandwidth).rate)}`
    default:
      return text(spec.action)
  }
}

function stressEffect(spec: Spec): string {
  const stressors = record(spec.stressors)
  const effects: string[] = []
  if (stressors.cpu !== undefined) {
    const cpu = record(stressors.cpu)
    effects.push(`load the CPU (${text(cpu.workers)} worker(s) at ${text(cpu.load)}%)`)
  }
  if (stressors.memory !== undefined) {
    const memory = record(stressors.memory)
    effects.push(`consume memory (${text(memory.workers)} worker(s), ${text(memory.size, 'all available')})`)
  }
  if (typeof spec.stressngStressors === 'string') effects.push(`run stress-ng ${spec.stressngStressors}`)
  return `${effects.join(' and ')} for ${text(spec.duration, 'ever')}`
}

/** What the fault does and to which pods, for the log and dry runs. */
export function describeChaos(object: ChaosObject): string {
  const spec = object.spec
  const effect = object.kind === 'NetworkChaos' ? networkEffect(spec) : stressEffect(spec)
  const pods = describePods(spec, object.metadata.namespace)
  if (object.kind !== 'NetworkChaos') return `${effect} on ${pods}`
  const peers = [
    ...(spec.target === undefined ? [] : [describePods(record(spec.target), object.metadata.namespace)]),
    ...(Array.isArray(spec.externalTargets) ? spec.externalTargets.map(String) : []),
  ]
  const direction = spec.direction === 'both' ? 'to and from' : text(spec.direction, 'to')
  const traffic = peers.length === 0 ? 'all traffic' : `traffic ${direction} ${peers.join(' and ')}`
  return `${effect} on ${pods} (${traffic})`
}
