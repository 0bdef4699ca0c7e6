import { describe, expect, it } from 'vitest'
import { toApiKeys } from './node-actions.ts'
import { nodeConditions } from './node-probes.ts'

describe('toApiKeys', () => {
  it('turns the reference’s Python attribute names into API names, top level only', () => {
    expect(
      toApiKeys({
        generate_name: 'chaos-',
        labels: { 'team_name/x': 'a_b' },
        pod_cidr: '10.0.0.0/24',
        provider_id: 'kwok://n',
        unschedulable: true,
        ownerReferences: [],
      }),
    ).toEqual({
      generateName: 'chaos-',
      labels: { 'team_name/x': 'a_b' },
      podCIDR: '10.0.0.0/24',
      providerID: 'kwok://n',
      unschedulable: true,
      ownerReferences: [],
    })
  })
})

describe('nodeConditions', () => {
  it('lists each node with its condition statuses', () => {
    const nodes = [
      {
        metadata: { name: 'a' },
        status: {
          conditions: [
            { type: 'Ready', status: 'True' },
            { type: 'PIDPressure', status: 'False' },
          ],
        },
      },
      { metadata: { name: 'b' } },
    ]
    expect(nodeConditions(nodes)).toEqual([{ name: 'a', Ready: 'True', PIDPressure: 'False' }, { name: 'b' }])
  })
})
