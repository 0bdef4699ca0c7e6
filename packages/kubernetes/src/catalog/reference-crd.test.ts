import { readFileSync } from 'node:fs'
import type { JsonValue } from '@steadystate/model'
import { describe, expect, it } from 'vitest'
import { kubernetesModules } from '../index.ts'

interface ReferenceActivity {
  mod: string
  name: string
  type: 'action' | 'probe'
  arguments: { name: string; default?: JsonValue }[]
}

/** What the reference's own discovery says of its crd and chaosmesh modules (see `source` in the file). */
const REFERENCE = (
  JSON.parse(readFileSync(new URL('testdata/reference-crd-chaosmesh.json', import.meta.url), 'utf8')) as {
    activities: ReferenceActivity[]
  }
).activities

/** Optional arguments steadystate adds after the reference's (see the README's differences). */
const ADDED: Record<string, string[]> = { reorder_packets: ['latency'] }

const MODULES = [...new Set(REFERENCE.map((activity) => activity.mod))]
const definitions = kubernetesModules()

describe('chaosk8s.crd and chaosk8s.chaosmesh against the reference’s discovery', () => {
  it('declares the same modules and functions, with the same kinds', () => {
    expect(MODULES.sort()).toEqual([
      'chaosk8s.chaosmesh.network.actions',
      'chaosk8s.chaosmesh.network.probes',
      'chaosk8s.chaosmesh.stress.actions',
      'chaosk8s.chaosmesh.stress.probes',
      'chaosk8s.crd.actions',
      'chaosk8s.crd.probes',
    ])
    for (const module of MODULES) {
      const ours = definitions.find((definition) => definition.module === module)?.functions ?? []
      const theirs = REFERENCE.filter((activity) => activity.mod === module)
      expect(ours.map((spec) => `${spec.kind} ${spec.name}`).sort(), module).toEqual(
        theirs.map((activity) => `${activity.type} ${activity.name}`).sort(),
      )
    }
  })

  it('takes the same arguments in the same order, with the same defaults; required exactly when the reference has no default', () => {
    for (const activity of REFERENCE) {
      const spec = definitions
        .find((definition) => definition.module === activity.mod)
        ?.functions.find((candidate) => candidate.name === activity.name)
      const ours = (spec?.arguments ?? []).map((argument) => ({
        name: argument.name,
        ...(argument.required ? {} : { default: argument.default ?? null }),
      }))
      const added = ADDED[activity.name] ?? []
      expect(
        ours.filter((argument) => !added.includes(argument.name)),
        `${activity.mod}.${activity.name}`,
      ).toEqual(activity.arguments)
      expect(ours.slice(ours.length - added.length).map((argument) => argument.name)).toEqual(added)
    }
  })
})
