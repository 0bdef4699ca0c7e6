import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { maskerForms } from '@steadystate/core'
import { beforeAll, describe, expect, it } from 'vitest'
import { readJournal, tempDir } from '../support/cli.ts'
import { cancelStep, node24Path, runStep, startStep } from '../support/github-runner.ts'
import { killTree } from '../support/processes.ts'

/**
 * The committed action bundle, run as the runner runs it (Node 24, INPUT_* variables, environment
 * files), on process-only experiments written into a fresh workspace for each test.
 */
const sh = (script: string) => ({ type: 'process', path: 'sh', arguments: ['-c', script] })

function write(workspace: string, name: string, doc: Record<string, unknown>): string {
  const path = join(workspace, name)
  mkdirSync(join(path, '..'), { recursive: true })
  writeFileSync(path, JSON.stringify(doc, null, 2))
  return name
}

/** Holds when `hold` is true, deviates after the method when false. */
function experiment(parts: { hold?: boolean; method?: unknown[]; rollbacks?: unknown[] } = {}) {
  const expected = parts.hold === false ? 'broken' : 'fine'
  return {
    title: 'the app stays fine',
    description: 'a process-only experiment for the GitHub Action tests',
    'steady-state-hypothesis': {
      title: 'the app is fine',
      probes: [
        {
          type: 'probe',
          name: 'app-is-fine',
          tolerance: { type: 'regex', pattern: `^${expected}`, target: 'stdout' },
          provider: sh('echo fine'),
        },
      ],
    },
    method: parts.method ?? [{ type: 'action', name: 'poke', provider: sh('true') }],
    rollbacks: parts.rollbacks ?? [{ type: 'action', name: 'repair', provider: sh('touch repaired') }],
  }
}

async function waitForFile(path: string): Promise<void> {
  for (let waited = 0; !existsSync(path); waited += 20) {
    if (waited > 10_000) throw new Error(`${path} did not appear`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** Log lines (not workflow commands) and commands of a step's stdout, in order. */
function lines(stdout: string): string[] {
  return stdout.split('\n').filter((line) => line !== '')
}

beforeAll(() => {
  // Installs Node 24 from the npm registry the first time; the runner's runtime for `using: node24`.
  expect(node24Path()).toMatch(/node$/)
})

describe('the GitHub Action (dist/index.js on Node 24, as the runner runs it)', () => {
  it('held: outputs, a job summary with the verdict and tables, journal, PDF and JUnit, exit 0', async () => {
    const workspace = tempDir('steadystate-gha-')
    const chaos = join(workspace, 'chaos')
    write(workspace, 'chaos/experiment.json', {
      ...experiment({
        method: [
          {
            type: 'action',
            name: 'record-context',
            provider: sh('printf "%s %s" "$KUBERNETES_CONTEXT" "${greeting}" > seen.txt'),
          },
        ],
      }),
      configuration: { greeting: 'overridden by vars' },
    })
    const result = await runStep('main', {
      workspace,
      inputs: {
        experiment: 'experiment.json',
        'working-directory': 'chaos',
        'kube-context': 'staging',
        vars: 'greeting=hello',
        'junit-path': 'reports/junit.xml',
      },
    })
    expect(result.code, result.stdout + result.stderr).toBe(0)
    expect(result.outputs).toEqual({
      status: 'completed',
      deviated: 'false',
      verdict: 'held',
      'journal-path': join(chaos, 'journal.json'),
      'report-path': join(chaos, 'report.pdf'),
      'junit-path': join(chaos, 'reports/junit.xml'),
    })
    // kube-context reaches the engine as KUBERNETES_CONTEXT; vars override configuration; activities
    // run in working-directory.
    expect(readFileSync(join(chaos, 'seen.txt'), 'utf8')).toBe('staging hello')
    expect(readJournal(join(chaos, 'journal.json')).steadystate?.verdict.kind).toBe('held')
    expect(readFileSync(join(chaos, 'report.pdf')).subarray(0, 5).toString()).toBe('%PDF-')
    expect(readFileSync(join(chaos, 'reports/junit.xml'), 'utf8')).toMatch(/^<\?xml[\s\S]*<testsuite /)
    expect(result.summary).toContain('**Verdict: STEADY STATE HELD** (held)')
    expect(result.summary).toContain('| Phase | Probe | Tolerance | Value | Result | Duration |')
    expect(result.summary).toMatch(/\| 1 \| record-context \| action \| `process sh` \| ok \|/)
    expect(result.summary).toContain(
      'Journal: `chaos/journal.json` · Report: `chaos/report.pdf` · JUnit: `chaos/reports/junit.xml`',
    )
    expect(lines(result.stdout)).toContain(
      '::notice title=Steady state held,file=chaos/experiment.json::The steady state held before and after the method.',
    )
    // Each phase is a collapsible group.
    expect(result.stdout).toMatch(/^::group::Method \(1 activity\)\n[\s\S]*?^::endgroup::$/m)
    // For the post step: the settings, so it can roll back whatever the journal says is pending.
    expect(JSON.parse(result.state.inputs ?? '{}')).toMatchObject({
      journalPath: join(chaos, 'journal.json'),
    })
  })

  it('masks every resolved secret (inline, env, var file) before the first log line, and never prints one', async () => {
    const workspace = tempDir('steadystate-gha-')
    const secrets = {
      inline: 'inline-secret-4f2a',
      env: 'env-secret-9b1c',
      file: 'file-secret-7d3e',
      quoted: 'quote"d-secret-2c8d',
    }
    write(workspace, 'vars.json', { secrets: { vault: { password: secrets.file } } })
    const doc = {
      ...experiment({
        method: [
          {
            type: 'action',
            name: 'echo-secrets',
            provider: sh('echo "${token} ${api_key} ${password} ${quoted}"'),
          },
          { type: 'action', name: 'fails-with-secret', provider: sh('echo ${token} >&2; exit 3') },
        ],
      }),
      secrets: {
        api: { token: secrets.inline, api_key: { type: 'env', key: 'API_KEY' }, quoted: secrets.quoted },
      },
    }
    write(workspace, 'experiment.json', doc)
    const result = await runStep('main', {
      workspace,
      inputs: { experiment: 'experiment.json', 'var-files': 'vars.json', 'fail-on-deviation': 'false' },
      env: { API_KEY: secrets.env },
    })
    const output = lines(result.stdout)
    // As the runner reads command data: %0D, %0A, then %25 unescaped.
    const masks = output
      .filter((line) => line.startsWith('::add-mask::'))
      .map((line) => line.slice(12).replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%'))
    // Every form a program may print a secret in (JSON-escaped, percent-encoded, base64).
    expect(new Set(masks)).toEqual(new Set(Object.values(secrets).flatMap(maskerForms)))
    expect(masks).toContain('quote\\"d-secret-2c8d')
    // Every mask comes before the first line that is not a workflow command.
    const firstLog = output.findIndex((line) => !line.startsWith('::'))
    const lastMask = output.findLastIndex((line) => line.startsWith('::add-mask::'))
    expect(firstLog).toBeGreaterThan(lastMask)
    const unmasked = output.filter((line) => !line.startsWith('::add-mask::')).join('\n')
    for (const value of Object.values(secrets)) {
      expect(unmasked).not.toContain(value)
      expect(result.stderr).not.toContain(value)
      expect(result.summary).not.toContain(value)
      expect(readFileSync(join(workspace, 'journal.json'), 'utf8')).not.toContain(value)
    }
    expect(unmasked).toContain('running action \'echo-secrets\' (process: sh -c echo "*** *** *** ***")')
    expect(result.code).toBe(0)
  })

  it('deviated with fail-on-deviation (the default): error annotations on the experiment file, exit 1', async () => {
    const workspace = tempDir('steadystate-gha-')
    write(workspace, 'experiment.json', experiment({ hold: false }))
    const result = await runStep('main', {
      workspace,
      inputs: { experiment: 'experiment.json', 'hypothesis-strategy': 'after-method-only' },
    })
    expect(result.code).toBe(1)
    expect(result.outputs).toMatchObject({ status: 'completed', deviated: 'true', verdict: 'deviated' })
    const output = lines(result.stdout)
    expect(output).toContain(
      '::error title=Steady state not met after the method,file=experiment.json::probe \'app-is-fine\' did not meet its tolerance (value {"status":0,"stdout":"fine\\n","stderr":""})',
    )
    expect(output.at(-1)).toBe(
      `::error::chaos experiment deviated: The steady state deviated after the method (probe 'app-is-fine': pattern "^broken" was not found in the value's "stdout" "fine\\n").`,
    )
    expect(result.summary).toContain('**Verdict: STEADY STATE DEVIATED** (deviated)')
    expect(existsSync(join(workspace, 'repaired'))).toBe(true)
  })

  it('deviated with fail-on-deviation false: warnings, a note in the summary, exit 0', async () => {
    const workspace = tempDir('steadystate-gha-')
    write(workspace, 'experiment.json', experiment({ hold: false }))
    const result = await runStep('main', {
      workspace,
      inputs: {
        experiment: 'experiment.json',
        'hypothesis-strategy': 'after-method-only',
        'fail-on-deviation': 'false',
      },
    })
    expect(result.code).toBe(0)
    expect(result.outputs).toMatchObject({ deviated: 'true', verdict: 'deviated' })
    const output = lines(result.stdout)
    expect(output.filter((line) => line.startsWith('::error'))).toEqual([])
    expect(output).toContain(
      `::warning title=Chaos experiment deviated,file=experiment.json::The steady state deviated after the method (probe 'app-is-fine': pattern "^broken" was not found in the value's "stdout" "fine\\n").`,
    )
    expect(result.summary).toMatch(
      /^> \[!NOTE\]\n> This step passes although the verdict is \*\*deviated\*\*/,
    )
  })

  it('an invalid experiment: each problem an annotation, an aborted journal, exit 1', async () => {
    const workspace = tempDir('steadystate-gha-')
    const broken = experiment({
      method: [
        { type: 'action', name: 'no-such-tool', provider: { type: 'process', path: 'no-such-tool-xyz' } },
      ],
    })
    write(workspace, 'experiment.json', { ...broken, title: undefined })
    const result = await runStep('main', { workspace, inputs: { experiment: 'experiment.json' } })
    expect(result.code).toBe(1)
    expect(result.outputs).toMatchObject({
      status: 'aborted',
      verdict: 'aborted',
      'report-path': join(workspace, 'report.pdf'),
    })
    const errors = lines(result.stdout).filter((line) => line.startsWith('::error'))
    expect(errors).toEqual([
      '::error title=Invalid experiment,file=experiment.json::title: experiment requires a title',
      "::error title=Invalid experiment,file=experiment.json::method[0].provider.path: path 'no-such-tool-xyz' cannot be found, in activity 'no-such-tool'",
      expect.stringMatching(
        /^::error::chaos experiment aborted: The run was aborted \(.*not a valid experiment/,
      ),
    ])
    expect(readJournal(join(workspace, 'journal.json')).steadystate?.error?.code).toBe('EXPERIMENT_INVALID')
  })

  it('a missing experiment file or var file: still a journal (aborted), exit 1', async () => {
    const workspace = tempDir('steadystate-gha-')
    const missing = await runStep('main', { workspace, inputs: { experiment: 'nope.json' } })
    expect(missing.code).toBe(1)
    expect(readJournal(join(workspace, 'journal.json')).status).toBe('aborted')
    write(workspace, 'experiment.json', experiment())
    const badVars = await runStep('main', {
      workspace,
      inputs: { experiment: 'experiment.json', 'var-files': 'missing.yaml', 'journal-path': 'j2.json' },
    })
    expect(badVars.code).toBe(1)
    expect(readJournal(join(workspace, 'j2.json')).steadystate?.error?.code).toBe('USAGE')
    expect(lines(badVars.stdout).at(-1)).toMatch(
      /^::error::chaos experiment aborted: .*--var-file .*missing\.yaml: cannot read it/,
    )
  })

  it('invalid inputs: one annotation per input, nothing run, an aborted journal and outputs, no state for the post step, exit 1', async () => {
    const workspace = tempDir('steadystate-gha-')
    const result = await runStep('main', {
      workspace,
      inputs: { experiment: 'e.json', 'rollback-strategy': 'sometimes', 'fail-fast': 'yes', dry: 'bogus' },
    })
    expect(result.code).toBe(1)
    const output = lines(result.stdout)
    expect(output.filter((line) => line.startsWith('::error'))).toEqual([
      '::error title=Invalid input \'rollback-strategy\'::rollback-strategy: "sometimes" is not one of: default, always, never, deviated',
      '::error title=Invalid input \'fail-fast\'::fail-fast: "yes" is not a boolean: use true or false',
      '::error title=Invalid input \'dry\'::dry: "bogus" is not one of: probes, actions, activities, pause',
      '::error::invalid inputs: rollback-strategy, fail-fast, dry; nothing was run',
    ])
    // The same aborted journal the CLI writes for a wrong flag, and the outputs, as the docs promise.
    const journal = readJournal(join(workspace, 'journal.json'))
    expect(journal.status).toBe('aborted')
    expect(journal.experiment.title).toBe(join(workspace, 'e.json'))
    expect(journal.steadystate?.error).toEqual({
      code: 'USAGE',
      message:
        'invalid inputs: rollback-strategy: "sometimes" is not one of: default, always, never, deviated; fail-fast: "yes" is not a boolean: use true or false; dry: "bogus" is not one of: probes, actions, activities, pause',
    })
    expect(result.outputs).toMatchObject({
      status: 'aborted',
      verdict: 'aborted',
      'journal-path': join(workspace, 'journal.json'),
      'report-path': '',
    })
    expect(result.state).toEqual({})
    const post = await runStep('post', { workspace, state: result.state })
    expect(post.code).toBe(0)
    expect(post.stdout).toContain('the main step ran no experiment; nothing to roll back')
  })

  it('a closed stdout (EPIPE) does not take the step down: the run, its rollbacks and its journal go on', async () => {
    const workspace = tempDir('steadystate-gha-')
    write(workspace, 'experiment.json', experiment())
    const step = await startStep('main', { workspace, inputs: { experiment: 'experiment.json' } })
    step.child.stdout?.destroy()
    const result = await step.done
    expect(result.code, result.stderr).toBe(0)
    expect(readJournal(join(workspace, 'journal.json')).steadystate?.verdict.kind).toBe('held')
    expect(existsSync(join(workspace, 'repaired'))).toBe(true)
    expect(readdirSync(workspace).filter((name) => name.endsWith('.tmp'))).toEqual([])
    expect(result.outputs).toMatchObject({ verdict: 'held' })
  })
})

describe('cancellation (SIGINT, SIGTERM 7.5 s later, then a kill of the process tree)', () => {
  it('rolls back and writes an interrupted journal within the window; the post step has nothing to do', async () => {
    const workspace = tempDir('steadystate-gha-')
    write(
      workspace,
      'experiment.json',
      experiment({ method: [{ type: 'action', name: 'inject', provider: sh('touch injected; sleep 30') }] }),
    )
    const step = await startStep('main', { workspace, inputs: { experiment: 'experiment.json' } })
    await step.waitFor(/running action 'inject'/)
    const sent = await cancelStep(step)
    const result = await step.done
    expect(sent).toEqual(['SIGINT'])
    expect(result.code).toBe(1)
    const journal = readJournal(join(workspace, 'journal.json'))
    expect(journal.status).toBe('interrupted')
    expect(journal.steadystate?.interruption?.signal).toBe('SIGINT')
    expect(journal.rollbacks.map((run) => [run.activity.name, run.status])).toEqual([['repair', 'succeeded']])
    expect(existsSync(join(workspace, 'repaired'))).toBe(true)
    expect(result.outputs).toMatchObject({ status: 'interrupted', verdict: 'interrupted' })
    expect(lines(result.stdout).at(-1)).toMatch(
      /^::error::chaos experiment interrupted: The run was interrupted/,
    )
    const post = await runStep('post', { workspace, state: result.state })
    expect(post.code).toBe(0)
    expect(post.stdout).toContain(
      'nothing to roll back: the run finished (status interrupted) and played its rollbacks itself',
    )
  })

  it('rollbacks too slow for the window: after the kill the journal says which are pending, and the post step plays them', async () => {
    const workspace = tempDir('steadystate-gha-')
    // The rollback hangs the first time (in the main step, until the kill) and repairs the second.
    const rollback = sh('if [ -e attempted ]; then touch repaired; else touch attempted; sleep 30; fi')
    write(
      workspace,
      'experiment.json',
      experiment({
        method: [{ type: 'action', name: 'inject', provider: sh('sleep 30') }],
        rollbacks: [{ type: 'action', name: 'repair', provider: rollback }],
      }),
    )
    const step = await startStep('main', { workspace, inputs: { experiment: 'experiment.json' } })
    await step.waitFor(/running action 'inject'/)
    const sent = await cancelStep(step)
    const result = await step.done
    expect(sent).toEqual(['SIGINT', 'SIGTERM', 'SIGKILL'])
    expect(result.signal).toBe('SIGKILL')
    expect(result.elapsedMs).toBeLessThan(15_000)
    expect(result.stdout).toContain('received SIGTERM: the runner will kill this step in a moment')
    // The last checkpoint: in progress, interrupted during the method, the rollback running.
    const checkpoint = readJournal(join(workspace, 'journal.json'))
    expect(checkpoint.status).toBe('running')
    expect(checkpoint.steadystate?.verdict.kind).toBe('unfinished')
    expect(checkpoint.steadystate?.interruption?.phase).toBe('method')
    expect(checkpoint.steadystate?.progress).toMatchObject({
      phase: 'rollbacks',
      activity: 'repair',
      rollbacksPending: true,
    })
    expect(existsSync(join(workspace, 'repaired'))).toBe(false)

    const post = await runStep('post', { workspace, state: result.state })
    expect(post.code, post.stdout + post.stderr).toBe(0)
    expect(existsSync(join(workspace, 'repaired'))).toBe(true)
    expect(lines(post.stdout)).toContain(
      `::warning title=Rolled back in the post step::The main step stopped before its rollbacks had all run (the job was cancelled or timed out); the post step played 1 of them and added them to ${join(workspace, 'journal.json')}.`,
    )
    const journal = readJournal(join(workspace, 'journal.json'))
    expect(journal.status).toBe('interrupted')
    expect(journal.rollbacks.map((run) => [run.activity.name, run.status ?? 'killed'])).toEqual([
      ['repair', 'killed'],
      ['repair', 'succeeded'],
    ])
  })

  it('a step killed outright mid-method (SIGKILL): the post step plays the rollbacks and adds them to the journal', async () => {
    const workspace = tempDir('steadystate-gha-')
    write(
      workspace,
      'experiment.json',
      experiment({
        method: [{ type: 'action', name: 'inject', provider: sh('touch injected; sleep 30') }],
        rollbacks: [
          { type: 'action', name: 'repair', provider: sh('rm injected && touch repaired') },
          { type: 'action', name: 'check', provider: sh('test ! -e injected') },
        ],
      }),
    )
    const step = await startStep('main', { workspace, inputs: { experiment: 'experiment.json' } })
    await step.waitFor(/running action 'inject'/)
    await waitForFile(join(workspace, 'injected'))
    killTree(step.child.pid ?? 0)
    const result = await step.done
    expect(result.signal).toBe('SIGKILL')
    expect(existsSync(join(workspace, 'injected'))).toBe(true)
    // What a killed run leaves: a journal that says it did not finish, never an outcome.
    const killed = readJournal(join(workspace, 'journal.json'))
    expect(killed.status).toBe('running')
    expect(killed.steadystate?.verdict.kind).toBe('unfinished')

    const post = await runStep('post', { workspace, state: result.state })
    expect(post.code, post.stdout + post.stderr).toBe(0)
    expect(existsSync(join(workspace, 'injected'))).toBe(false)
    expect(existsSync(join(workspace, 'repaired'))).toBe(true)
    const journal = readJournal(join(workspace, 'journal.json'))
    expect(journal.status).toBe('interrupted')
    expect(journal.run.map((run) => [run.activity.name, run.status ?? 'killed'])).toEqual([
      ['inject', 'killed'],
    ])
    expect(journal.rollbacks.map((run) => [run.activity.name, run.status])).toEqual([
      ['repair', 'succeeded'],
      ['check', 'succeeded'],
    ])
    expect(journal.steadystate?.recovered?.by).toBe('the GitHub Action post step')
    expect(journal.steadystate?.interruption).toMatchObject({ phase: 'method' })
    expect(post.summary).toContain('<h3>Rollbacks played by the post step</h3>')
    expect(post.summary).toMatch(/<tr><td>repair<\/td><td>succeeded<\/td><td>-<\/td><\/tr>/)
    expect(post.outputs).toEqual({})
    // Safe to run twice (a re-run of the post step): nothing is pending any more.
    const again = await runStep('post', { workspace, state: result.state })
    expect(again.code).toBe(0)
    expect(again.stdout).toContain('nothing to roll back: its pending rollbacks were already played')
  })

  it('a rollback that fails in the post step fails the post step, and says so in the summary', async () => {
    const workspace = tempDir('steadystate-gha-')
    write(
      workspace,
      'experiment.json',
      experiment({
        method: [{ type: 'action', name: 'inject', provider: sh('touch injected; sleep 30') }],
        // A process that exits non-zero still "succeeds" (as in the Chaos Toolkit); a timeout fails.
        rollbacks: [{ type: 'action', name: 'repair', timeout: 0.5, provider: sh('sleep 5') }],
      }),
    )
    const step = await startStep('main', { workspace, inputs: { experiment: 'experiment.json' } })
    await step.waitFor(/running action 'inject'/)
    await waitForFile(join(workspace, 'injected'))
    killTree(step.child.pid ?? 0)
    const result = await step.done
    const post = await runStep('post', { workspace, state: result.state })
    expect(post.code).toBe(1)
    expect(lines(post.stdout).at(-1)).toBe(
      '::error::1 rollback(s) failed in the post step: check the system by hand',
    )
    expect(post.summary).toMatch(/<tr><td>repair<\/td><td>failed<\/td><td>[^<]+<\/td><\/tr>/)
  })
})
