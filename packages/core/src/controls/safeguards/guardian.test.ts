import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { testRegistry } from '../../../test-support/test-registry.ts'
import { experimentOf } from '../../experiment/normalize.ts'
import { prepareRun, type RunOptions } from '../../run/run-experiment.ts'
import type { RunState } from '../../run/run-state.ts'
import { Guardian, type Trip } from './guardian.ts'
import { runSafeguards, startSafeguards } from './watch.ts'

/**
 * The guardian on its own, on a run prepared by the engine (no phases run): a probe is "healthy"
 * while a file exists, and the test removes the file to make it trip.
 */
const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

interface Setup {
  state: RunState
  options: RunOptions
  experiment: ReturnType<typeof experimentOf>
  healthy: string
  stops: Error[]
}

async function setUp(probes: Record<string, unknown>[]): Promise<Setup> {
  const dir = mkdtempSync(join(tmpdir(), 'guardian-'))
  dirs.push(dir)
  const healthy = join(dir, 'healthy')
  writeFileSync(healthy, '')
  const experiment = experimentOf({
    title: 'guarded',
    description: 'the guardian on its own',
    controls: [
      {
        name: 'guard',
        provider: {
          type: 'python',
          module: 'chaosaddons.controls.safeguards',
          arguments: {
            probes: probes.map((probe, index) => ({
              type: 'probe',
              name: `probe-${index + 1}`,
              tolerance: 0,
              provider: { type: 'process', path: 'test', arguments: ['-f', healthy] },
              ...probe,
            })),
          },
        },
      },
    ],
    method: [{ type: 'action', name: 'a', provider: { type: 'process', path: 'true' } }],
  })
  const options: RunOptions = {
    source: 'guarded.json',
    registry: testRegistry().registry,
    env: { PATH: process.env.PATH },
    cwd: dir,
    version: 'test',
  }
  const prepared = await prepareRun(experiment, options)
  if (prepared.kind !== 'ready') throw new Error(JSON.stringify(prepared.result.journal.steadystate?.error))
  const stops: Error[] = []
  // The engine's stopRun aborts the run; here it is only counted.
  const state: RunState = { ...prepared.state, stopRun: (reason) => stops.push(reason) }
  return { state, options, experiment, healthy, stops }
}

async function until(what: string, condition: () => boolean): Promise<void> {
  for (let tries = 0; tries < 500 && !condition(); tries++)
    await new Promise((resolve) => setTimeout(resolve, 10))
  if (!condition()) throw new Error(`never happened: ${what}`)
}

function guardian(setup: Setup): { guardian: Guardian; trips: Trip[] } {
  const trips: Trip[] = []
  const probes = runSafeguards(setup.experiment, setup.options)
  return { guardian: new Guardian(setup.state, probes, (trip) => trips.push(trip)), trips }
}

describe('the safeguards guardian', () => {
  it('runs pre-checks before start() returns, and trips on one whose tolerance is not met', async () => {
    const setup = await setUp([{}, { name: 'broken', provider: { type: 'process', path: 'false' } }])
    const { guardian: guard, trips } = guardian(setup)
    await guard.start()
    expect(guard.checks.map((check) => [check.probe, check.mode, check.ok])).toEqual(
      expect.arrayContaining([
        ['probe-1', 'pre-check', true],
        ['broken', 'pre-check', false],
      ]),
    )
    expect(trips.map((trip) => [trip.probe.name, trip.reason])).toEqual([
      ['broken', 'expected exit status 0 but the process exited with 1'],
    ])
    await guard.stop()
  })

  it('repeats a frequency probe until stopped; no check counts after stop()', async () => {
    const setup = await setUp([{ frequency: 0.02 }])
    const { guardian: guard, trips } = guardian(setup)
    await guard.start()
    await until('three checks', () => guard.checks.length >= 3)
    expect(guard.checks.every((check) => check.mode === 'repeating' && check.ok)).toBe(true)
    await guard.stop()
    const counted = guard.checks.length
    rmSync(setup.healthy)
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(guard.checks).toHaveLength(counted)
    expect(trips).toEqual([])
  })

  it('trips once on a repeating probe, however many checks fail after it', async () => {
    const setup = await setUp([{ frequency: 0.01 }])
    const { guardian: guard, trips } = guardian(setup)
    await guard.start()
    await until('a first check', () => guard.checks.length >= 1)
    rmSync(setup.healthy)
    await until('three failed checks', () => guard.checks.filter((check) => !check.ok).length >= 3)
    await guard.stop()
    expect(trips).toHaveLength(1)
    expect(trips[0]?.probe).toMatchObject({ name: 'probe-1', control: 'guard', mode: 'repeating' })
    expect(existsSync(setup.healthy)).toBe(false)
  })

  it('runs a background probe once, alongside: its answer trips the run until stop() is asked', async () => {
    const setup = await setUp([{ background: true, provider: { type: 'process', path: 'false' } }])
    const { guardian: guard, trips } = guardian(setup)
    await guard.start()
    await until('its answer', () => guard.checks.length === 1)
    expect(trips.map((trip) => trip.probe.mode)).toEqual(['background'])
    await guard.stop()
    expect(guard.checks.map((check) => [check.mode, check.ok])).toEqual([['background', false]])
  })

  it('waits for a background probe at stop(): its late answer is recorded, and no longer trips', async () => {
    const slow = { type: 'process', path: 'sh', arguments: ['-c', 'sleep 0.2; exit 1'] }
    const setup = await setUp([{ background: true, provider: slow }])
    const { guardian: guard, trips } = guardian(setup)
    await guard.start()
    // start() does not wait for it: it runs alongside the run.
    expect(guard.checks).toEqual([])
    await guard.stop()
    expect(guard.checks.map((check) => [check.mode, check.ok])).toEqual([['background', false]])
    expect(trips).toEqual([])
  })

  it('through startSafeguards: a trip records why, says so, and stops the run once', async () => {
    const setup = await setUp([{ frequency: 0.01 }])
    const tripped: Trip[] = []
    const events: string[] = []
    const state: RunState = {
      ...setup.state,
      emit: (event) => {
        if (event.type === 'warning' || event.type === 'info') events.push(event.message)
      },
    }
    rmSync(setup.healthy)
    const guard = await startSafeguards(state, setup.experiment, setup.options, (trip) => tripped.push(trip))
    await until('three failed checks', () => (guard?.checks.length ?? 0) >= 3)
    await guard?.stop()
    expect(tripped).toHaveLength(1)
    expect(setup.stops.map((error) => error.message)).toEqual(["safeguard 'probe-1' tripped"])
    expect(events[0]).toBe("safeguards watching the run: 'probe-1' (every 0.01 s)")
    expect(events.filter((message) => message.includes('tripped'))).toEqual([
      expect.stringMatching(
        /^safeguard 'probe-1' of control 'guard' tripped: .*; stopping the run$/,
      ) as string,
    ])
  })
})
