import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseText, runExperiment, seededRandom, validateExperiment } from '@steadystate/core'
import { createRegistry } from '../../packages/cli/src/registry.ts'
import { corpusFiles, skipWithoutCorpus } from '../support/corpus.ts'
import { CONFORMANCE, SEED_EXPERIMENT } from '../support/paths.ts'

const WEIRD: unknown[] = [
  null,
  0,
  -1,
  1.5,
  '',
  '${missing}',
  '${',
  [],
  {},
  [null],
  { type: 'env', key: 'NOPE' },
  true,
  'x'.repeat(300),
  { ref: 'nothing' },
  { type: 'regex', pattern: '(' },
  { type: 'jsonpath', path: '$[' },
  { type: 'probe' },
  { type: 'range', range: ['a', null] },
]

function pick(next: () => number): unknown {
  return WEIRD[Math.floor(next() * WEIRD.length)]
}

function mutate(value: unknown, next: () => number, depth = 0): unknown {
  if (depth > 0 && next() < 0.08) return pick(next)
  if (Array.isArray(value)) {
    const copy = value.map((item: unknown) => (next() < 0.3 ? mutate(item, next, depth + 1) : item))
    if (next() < 0.1) copy.splice(Math.floor(next() * (copy.length + 1)), 0, pick(next))
    if (next() < 0.1 && copy.length > 0) copy.splice(Math.floor(next() * copy.length), 1)
    return copy
  }
  if (value !== null && typeof value === 'object') {
    const copy = new Map(Object.entries(value))
    for (const [key, item] of copy) {
      const roll = next()
      if (roll < 0.06) copy.delete(key)
      else if (roll < 0.4) copy.set(key, mutate(item, next, depth + 1))
    }
    return Object.fromEntries(copy)
  }
  return value
}

const readObject = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>

/** The repository's own experiments: the reference runs' and the seed. */
function fixtureSeeds(): Record<string, unknown>[] {
  const runs = join(CONFORMANCE, 'reference-runs')
  return [
    ...readdirSync(runs).map((name) => readObject(join(runs, name, 'experiment.json'))),
    readObject(SEED_EXPERIMENT),
  ]
}

/** The experiments of the optional public corpus (its journals are not experiments), if present. */
function corpusSeeds(): Record<string, unknown>[] {
  return corpusFiles()
    .filter(({ name }) => name.endsWith('.json'))
    .map(({ path }) => readObject(path))
    .filter((document) => !('chaoslib-version' in document))
}

describe('fuzz: mutated experiments are accepted or rejected with a message, never a crash', () => {
  const registry = createRegistry()
  const fromCorpus = corpusSeeds()
  const bases = [...fromCorpus, ...fixtureSeeds()]

  it('mutates the public corpus too', (context) => {
    skipWithoutCorpus(context)
    expect(fromCorpus.length).toBeGreaterThan(15)
  })

  it('parsing survives mutated text', { timeout: 120_000 }, async () => {
    const next = seededRandom(7)
    for (let index = 0; index < 2000; index++) {
      const chars = Array.from(JSON.stringify(bases[index % bases.length]))
      for (let edits = 0; edits < 3; edits++) {
        chars[Math.floor(next() * chars.length)] = String.fromCharCode(32 + Math.floor(next() * 95))
      }
      for (const format of ['json', 'yaml'] as const) {
        const result = await parseText(chars.join(''), format)
        if (!result.ok) expect(result.error.length).toBeGreaterThan(5)
      }
    }
  })

  it('validate and a dry run survive thousands of mutated experiments', { timeout: 180_000 }, async () => {
    const next = seededRandom(42)
    let rejected = 0
    for (let index = 0; index < 2500; index++) {
      const experiment = mutate(bases[index % bases.length], next) as Record<string, unknown>
      const issues = await validateExperiment(experiment, { registry, env: {}, cwd: '/' })
      for (const issue of issues) expect(typeof issue.message).toBe('string')
      if (issues.some((issue) => issue.severity === 'error')) rejected++
      const { journal } = await runExperiment(experiment, {
        source: `fuzz-${index}`,
        registry,
        env: {},
        cwd: '/',
        version: 'fuzz',
        dry: 'activities',
        skipValidation: index % 2 === 0,
        rollbackTimeoutSeconds: 5,
      })
      expect(['completed', 'failed', 'aborted', 'interrupted']).toContain(journal.status)
      expect(journal.steadystate?.verdict.summary.length).toBeGreaterThan(0)
    }
    expect(rejected).toBeGreaterThan(100)
  })
})
