import { spawnSync } from 'node:child_process'
import { chmodSync, cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { readJournal, runCli, startCli, tempDir } from '../support/cli.ts'
import { runStep } from '../support/github-runner.ts'
import { bridgeWorkdir, BRIDGE_FIXTURES, runSideBySide } from '../support/python-bridge.ts'
import { processEnds } from '../../packages/core/src/providers/python-bridge/testing.ts'
import { referenceChaosBin } from '../support/reference-chaostoolkit.ts'

const HELD = join(BRIDGE_FIXTURES, 'held.json')
const DEVIATES = join(BRIDGE_FIXTURES, 'deviates.json')

describe('the Python bridge through the built CLI, side by side with chaos run', () => {
  let chaosBin: string
  beforeAll(async () => {
    // The first run installs the reference Chaos Toolkit and its extensions (minutes), then cached.
    chaosBin = await referenceChaosBin()
  }, 900_000)

  it('user modules, the standard library and chaostoolkit-addons: the same journal as chaos run', async () => {
    const { ours, theirs } = await runSideBySide(chaosBin, HELD)
    expect([ours.result.code, ours.journal.status, ours.journal.deviated]).toEqual([0, 'completed', false])
    const byName = Object.fromEntries(ours.journal.run.map((run) => [run.activity.name, run]))
    // The reference journal encoder's conversions: tuples, dates, decimals.
    expect(byName.summary?.output).toEqual({
      healthy: true,
      dependencies: ['db', 'cache'],
      checked: '2024-05-01',
      ratio: '0.25',
      latency: 50,
    })
    // Secrets reach the function only for the scopes the provider lists.
    expect([byName['token-scoped']?.output, byName['token-not-listed']?.output]).toEqual([true, false])
    expect(byName.refuses?.exception?.at(-1)).toBe(
      'chaoslib.exceptions.ActivityFailed: RuntimeError: the load balancer said no\n',
    )
    expect(byName['cannot-inject']?.exception?.at(-1)).toBe(
      'chaoslib.exceptions.ActivityFailed: faults.FaultError: the fault could not be injected\n',
    )
    // The whole traceback has the reference's shape: the function's frame, then the ActivityFailed.
    expect(byName.refuses?.exception?.join('')).toMatch(
      /^Traceback \(most recent call last\):\n[\s\S]*faults\.py", line \d+, in refuse\n[\s\S]*RuntimeError: the load balancer said no\n\nDuring handling of the above exception, another exception occurred:\n\nchaoslib/,
    )
    expect(theirs.journal.rollbacks.map((run) => run.status)).toEqual(['succeeded'])
    // The function's print and logging are in the log; the log never holds the token.
    expect(ours.result.stderr).toMatch(/degrade: python: degraded the service/)
    expect(ours.result.stderr).toMatch(/degrade: python: INFO faults: latency set to 50 ms/)
    expect(ours.result.stderr).toMatch(/Python worker started in \d+ ms: .*chaostoolkit-lib 1\.44\.0/)
    expect(ours.result.stderr).not.toContain('eighteen-char-tok!')
  })

  it('a deviation seen by a Python probe, rolled back in Python: the same outcome (exit 1)', async () => {
    const { ours } = await runSideBySide(chaosBin, DEVIATES)
    expect([ours.result.code, ours.journal.status, ours.journal.deviated]).toEqual([1, 'completed', true])
    expect(ours.journal.rollbacks.map((run) => run.output)).toEqual(['restored', true])
  })

  it('an invalid bridged activity is refused by both, with the reference’s messages', async () => {
    const dir = bridgeWorkdir()
    const experiment = join(dir.cwd, 'invalid.json')
    writeFileSync(
      experiment,
      JSON.stringify({
        title: 't',
        description: 'd',
        method: [
          { type: 'action', name: 'no-such', provider: { type: 'python', module: 'faults', func: 'nope' } },
          {
            type: 'action',
            name: 'missing-arg',
            provider: { type: 'python', module: 'faults', func: 'degrade' },
          },
        ],
      }),
    )
    const ours = await runCli(['validate', experiment], {
      cwd: dir.cwd,
      env: { ...dir.env, STEADYSTATE_PYTHON: join(chaosBin, 'python') },
    })
    expect(ours.code).toBe(1)
    expect(ours.stderr).toContain(
      "method[0].provider.func: The python module 'faults' does not expose a function called 'nope' in action 'no-such'",
    )
    expect(ours.stderr).toContain(
      "method[1].provider.arguments: required argument 'latency' is missing from activity 'degrade'",
    )
    // chaos validate stops at the first problem, with the same words.
    const theirs = spawnSync(
      join(chaosBin, 'chaos'),
      ['--no-version-check', '--no-log-file', 'validate', experiment],
      {
        cwd: dir.cwd,
        env: { ...process.env, ...dir.env },
        encoding: 'utf8',
      },
    )
    expect(theirs.status).toBe(1)
    expect(theirs.stdout + theirs.stderr).toContain(
      "The python module 'faults' does not expose a function called 'nope' in action 'no-such'",
    )
  })
})

describe('the Python bridge without chaostoolkit-lib, and when Python is not needed', () => {
  it('runs user modules and the standard library with a plain python3, with the same texts', async () => {
    const dir = bridgeWorkdir()
    const experiment = JSON.parse(readFileSync(HELD, 'utf8')) as { method: { name: string }[] }
    // chaostoolkit-addons is not in a plain python3; everything else needs nothing but the stdlib.
    experiment.method = experiment.method.filter((activity) => activity.name !== 'idle')
    const path = join(dir.cwd, 'experiment.json')
    writeFileSync(path, JSON.stringify(experiment))
    const result = await runCli(['run', path], {
      cwd: dir.cwd,
      env: { ...dir.env, STEADYSTATE_PYTHON: 'python3' },
    })
    expect(result.code, result.stderr).toBe(0)
    const journal = readJournal(join(dir.cwd, 'journal.json'))
    expect(result.stderr).toMatch(/Python worker started in \d+ ms: .*without chaostoolkit-lib/)
    expect(journal.run.find((run) => run.activity.name === 'refuses')?.exception?.at(-1)).toBe(
      'chaoslib.exceptions.ActivityFailed: RuntimeError: the load balancer said no\n',
    )
    expect(journal.run.find((run) => run.activity.name === 'state-file-exists')?.output).toBe(true)
  })

  it('a run whose python activities are all native starts no Python, and a bridged one does', async () => {
    const dir = tempDir('steadystate-no-python-')
    const marker = join(dir, 'python-was-started')
    // A python that says when it is started, then is the real one.
    const python = join(dir, 'python')
    writeFileSync(python, `#!/bin/sh\ntouch '${marker}'\nexec python3 "$@"\n`)
    chmodSync(python, 0o755)
    const native = join(dir, 'native.json')
    writeFileSync(
      native,
      JSON.stringify({
        title: 'native only',
        description: 'process, http and a native python module',
        method: [
          { type: 'action', name: 'echo', provider: { type: 'process', path: 'true' } },
          {
            type: 'probe',
            name: 'prometheus',
            provider: {
              type: 'python',
              module: 'chaosprometheus.probes',
              func: 'query',
              arguments: { query: 'up' },
              secrets: ['prometheus'],
            },
          },
        ],
        secrets: { prometheus: { prometheus_base_url: 'http://127.0.0.1:9' } },
      }),
    )
    const env = { STEADYSTATE_PYTHON: python }
    expect((await runCli(['validate', native], { cwd: dir, env })).code).toBe(0)
    const run = await runCli(['run', native], { cwd: dir, env })
    expect(run.code, run.stderr).toBe(0)
    expect(existsSync(marker)).toBe(false)
    const bridged = join(dir, 'bridged.json')
    writeFileSync(
      bridged,
      JSON.stringify({
        title: 'bridged',
        description: 'one standard-library function',
        method: [
          {
            type: 'probe',
            name: 'exists',
            provider: { type: 'python', module: 'os.path', func: 'exists', arguments: { path: '/' } },
          },
        ],
      }),
    )
    expect((await runCli(['run', bridged], { cwd: dir, env })).code).toBe(0)
    expect(existsSync(marker)).toBe(true)
  })

  it('a dry run of actions runs no bridged action, as for native modules', async () => {
    const dir = bridgeWorkdir()
    const result = await runCli(['run', DEVIATES, '--dry', 'actions'], {
      cwd: dir.cwd,
      env: { ...dir.env, STEADYSTATE_PYTHON: 'python3' },
    })
    expect(result.code, result.stderr).toBe(0)
    const journal = readJournal(join(dir.cwd, 'journal.json'))
    expect(journal.run.map((run) => [run.status, run.output])).toEqual([['succeeded', null]])
    expect(JSON.parse(readFileSync(join(dir.cwd, 'service-state.json'), 'utf8'))).toEqual({
      healthy: true,
      latency: 10,
    })
  })
})

describe('timeouts and interruptions inside a Python activity', () => {
  it('an activity timeout stops the worker and its children; the next Python activity gets a new worker', async () => {
    const dir = bridgeWorkdir()
    const marker = join(dir.cwd, 'child.pid')
    const experiment = join(dir.cwd, 'timeout.json')
    writeFileSync(
      experiment,
      JSON.stringify({
        title: 'a Python call longer than its timeout',
        description: 'the worker is killed and replaced',
        method: [
          {
            type: 'action',
            name: 'hangs',
            timeout: 1,
            provider: { type: 'python', module: 'faults', func: 'hang', arguments: { seconds: 300, marker } },
          },
          {
            type: 'action',
            name: 'after',
            provider: { type: 'python', module: 'faults', func: 'nap', arguments: { seconds: 0 } },
          },
        ],
      }),
    )
    const result = await runCli(['run', experiment], {
      cwd: dir.cwd,
      env: { ...dir.env, STEADYSTATE_PYTHON: 'python3' },
    })
    const journal = readJournal(join(dir.cwd, 'journal.json'))
    expect(journal.run.map((run) => run.status)).toEqual(['failed', 'succeeded'])
    expect(journal.run[0]?.exception?.at(-1)).toBe(
      'chaoslib.exceptions.ActivityFailed: activity took longer than its timeout of 1 s\n',
    )
    expect(journal.run[0]?.exception?.join('')).toMatch(
      /stopped the Python worker running 'faults.hang' and its processes/,
    )
    expect(result.stderr.match(/Python worker started/g)).toHaveLength(2)
    expect(await processEnds(Number(readFileSync(marker, 'utf8')))).toBe(true)
  })

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal} inside a long Python activity kills the worker's tree, and the Python rollback still runs`, async () => {
      const dir = bridgeWorkdir()
      const marker = join(dir.cwd, 'child.pid')
      const experiment = join(dir.cwd, 'interrupted.json')
      writeFileSync(
        experiment,
        JSON.stringify({
          title: 'interrupted in Python',
          description: 'a long Python activity, interrupted',
          method: [
            {
              type: 'action',
              name: 'break',
              provider: { type: 'python', module: 'faults', func: 'break_service' },
            },
            {
              type: 'action',
              name: 'hangs',
              provider: {
                type: 'python',
                module: 'faults',
                func: 'hang',
                arguments: { seconds: 300, marker },
              },
            },
          ],
          rollbacks: [
            {
              type: 'action',
              name: 'restore',
              provider: { type: 'python', module: 'faults', func: 'restore' },
            },
          ],
        }),
      )
      const run = startCli(['run', experiment], {
        cwd: dir.cwd,
        env: { ...dir.env, STEADYSTATE_PYTHON: 'python3' },
      })
      await run.waitFor(/running action 'hangs'/)
      while (!existsSync(marker)) await new Promise((resolve) => setTimeout(resolve, 50))
      const child = Number(readFileSync(marker, 'utf8'))
      run.child.kill(signal)
      const result = await run.done
      const journal = readJournal(join(dir.cwd, 'journal.json'))
      expect(journal.status, result.stderr).toBe('interrupted')
      expect(journal.run.map((entry) => entry.status)).toEqual(['succeeded', 'failed'])
      expect(journal.rollbacks.map((entry) => [entry.status, entry.output])).toEqual([
        ['succeeded', 'restored'],
      ])
      expect(JSON.parse(readFileSync(join(dir.cwd, 'service-state.json'), 'utf8'))).toEqual({
        healthy: true,
        latency: 10,
      })
      expect(await processEnds(child)).toBe(true)
    })
  }
})

describe('the worker ships inside the bundles', () => {
  it('the committed GitHub Action runs a Python activity with a python3 installed in an earlier step', async () => {
    const workspace = tempDir('steadystate-gha-python-')
    cpSync(join(BRIDGE_FIXTURES, 'workdir'), workspace, { recursive: true })
    writeFileSync(
      join(workspace, 'experiment.json'),
      JSON.stringify({
        title: 'bridged in the Action',
        description: 'a user module and the standard library',
        'steady-state-hypothesis': {
          title: 'healthy',
          probes: [
            {
              type: 'probe',
              name: 'healthy',
              tolerance: true,
              provider: { type: 'python', module: 'checks', func: 'service_healthy' },
            },
          ],
        },
        method: [
          {
            type: 'probe',
            name: 'exists',
            provider: {
              type: 'python',
              module: 'os.path',
              func: 'exists',
              arguments: { path: 'service-state.json' },
            },
          },
        ],
      }),
    )
    // What `pip install` in a step before the Action leaves: python3 on PATH, PYTHONPATH in the env.
    const result = await runStep('main', {
      workspace,
      inputs: { experiment: 'experiment.json' },
      env: { PYTHONPATH: '.' },
    })
    expect(result.code, result.stdout + result.stderr).toBe(0)
    expect(result.outputs.verdict).toBe('held')
    expect(result.stdout).toMatch(/Python worker started in \d+ ms/)
    expect(readJournal(join(workspace, 'journal.json')).run[0]?.output).toBe(true)
  })
})
