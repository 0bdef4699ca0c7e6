import { describe, expect, it } from 'vitest'
import {
  checkNodeBlastRadius,
  DEFAULT_MAX_NODES,
  deletionPick,
  nodesHostingPods,
  pickNodes,
  readMaxNodes,
} from './nodes.ts'
import { seededRandom } from './random.ts'

const node = (name: string) => ({ metadata: { name } })
const pod = (name: string, nodeName?: string) => ({
  metadata: { name },
  ...(nodeName === undefined ? {} : { spec: { nodeName } }),
})

describe('nodesHostingPods', () => {
  it('keeps each hosting node once, in list order', () => {
    const nodes = [node('a'), node('b'), node('c')]
    const pods = [pod('p1', 'c'), pod('p2', 'a'), pod('p3', 'c'), pod('p4', 'c'), pod('pending')]
    expect(nodesHostingPods(nodes, pods).map((n) => n.metadata?.name)).toEqual(['a', 'c'])
  })
})

describe('pickNodes', () => {
  const nodes = ['a', 'b', 'c', 'd']
  it('takes the first, all, or count distinct nodes', () => {
    expect(pickNodes(nodes, { first: true, count: undefined }, Math.random)).toEqual(['a'])
    expect(pickNodes(nodes, { first: false, count: undefined }, Math.random)).toEqual(nodes)
    for (let seed = 0; seed < 50; seed++) {
      const picked = pickNodes(nodes, { first: false, count: 3 }, seededRandom(seed))
      expect(new Set(picked).size).toBe(3)
    }
    expect(pickNodes(nodes, { first: false, count: 9 }, seededRandom(1)).sort()).toEqual(nodes)
  })

  it('is reproducible with a seed', () => {
    const pick = (): string[] => pickNodes(nodes, { first: false, count: 2 }, seededRandom(42))
    expect(pick()).toEqual(pick())
  })
})

describe('deletionPick', () => {
  it('follows the reference’s documented rules', () => {
    expect(deletionPick(false, false, undefined)).toEqual({ first: true, count: undefined })
    expect(deletionPick(false, false, 0)).toEqual({ first: true, count: undefined })
    expect(deletionPick(false, true, 3)).toEqual({ first: false, count: 1 })
    expect(deletionPick(false, false, 2)).toEqual({ first: false, count: 2 })
    expect(deletionPick(true, true, 2)).toEqual({ first: false, count: undefined })
  })
})

describe('readMaxNodes', () => {
  it('reads the configuration, then the environment, then the default', () => {
    expect(readMaxNodes({}, {})).toBe(DEFAULT_MAX_NODES)
    expect(readMaxNodes({}, { STEADYSTATE_MAX_NODES: '3' })).toBe(3)
    expect(readMaxNodes({ steadystate_guardrails: { max_nodes: 2 } }, { STEADYSTATE_MAX_NODES: '3' })).toBe(2)
    expect(() => readMaxNodes({ steadystate_guardrails: { max_nodes: 'many' } }, {})).toThrow(
      'guardrail max_nodes must be a whole number of at least 0, got "many"',
    )
  })
})

describe('checkNodeBlastRadius', () => {
  it('refuses every node of the cluster unless all is set', () => {
    expect(() => checkNodeBlastRadius('drain', ['a', 'b'], 2, false, 5)).toThrow(
      'this would drain every node of the cluster (a, b); narrow the selection, or set "all": true to do that on purpose',
    )
    expect(() => checkNodeBlastRadius('drain', ['a', 'b'], 2, true, 5)).not.toThrow()
  })

  it('refuses more nodes than the cap, all or not', () => {
    expect(() => checkNodeBlastRadius('delete', ['a', 'b'], 5, true, 1)).toThrow(
      /this would delete 2 nodes \(a, b\), more than the guardrail allows \(1\)/,
    )
    expect(() => checkNodeBlastRadius('delete', ['a'], 5, false, 1)).not.toThrow()
  })
})
