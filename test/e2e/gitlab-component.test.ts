import { execFile, execFileSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { parseAllDocuments, stringify } from 'yaml'
import { beforeAll, describe, expect, it } from 'vitest'
import { readJournal, tempDir } from '../support/cli.ts'
import {
  COMPONENT,
  imageLikeBin,
  interpolateComponent,
  loadComponent,
  readDotenv,
  runAfterScript,
  runJob,
  startScript,
} from '../support/gitlab.ts'
import { killTree } from '../support/processes.ts'
import { REPO_ROOT } from '../support/paths.ts'

const run = promisify(execFile)
const EXAMPLE_PIPELINE = join(REPO_ROOT, 'examples/gitlab/.gitlab-ci.yml')
const VERSION = (
  JSON.parse(readFileSync(join(REPO_ROOT, 'packages/cli/package.json'), 'utf8')) as { version: string }
).version

/** Holds only when --var reached the run: the configured default would fail the probe. */
const HELD = {
  title: 'The greeting is configured',
  description: 'A process-only experiment for the component tests',
  configuration: { greeting: 'bye' },
  'steady-state-hypothesis': {
    title: 'the greeting is hello world',
    probes: [
      {
        type: 'probe',
        name: 'greeting-is-hello-world',
        tolerance: 0,
        provider: { type: 'process', path: 'sh', arguments: ['-c', 'test "${greeting}" = "hello world"'] },
      },
    ],
  },
  method: [
    {
      type: 'action',
      name: 'touch-a-file',
      provider: { type: 'process', path: 'touch', arguments: ['marker'] },
    },
  ],
}

/** Deviates: the method removes what the hypothesis checks. */
const DEVIATES = {
  title: 'The canary file survives',
  description: 'It does not: the method deletes it',
  'steady-state-hypothesis': {
    title: 'the canary exists',
    probes: [
      {
        type: 'probe',
        name: 'canary-exists',
        tolerance: 0,
        provider: { type: 'process', path: 'test', arguments: ['-f', 'canary'] },
      },
    ],
  },
  method: [
    {
      type: 'action',
      name: 'delete-canary',
      provider: { type: 'process', path: 'rm', arguments: ['canary'] },
    },
  ],
}

/** A project checkout: CI_PROJECT_DIR with the experiment at the component's default path. */
function project(experiment: object): { dir: string; bin: string } {
  const dir = tempDir('steadystate-gitlab-')
  writeFileSync(join(dir, 'experiment.json'), JSON.stringify(experiment))
  writeFileSync(join(dir, 'canary'), '')
  return { dir, bin: imageLikeBin(join(dir, '.runner')) }
}

describe('the GitLab CI/CD component (templates/run.yml)', () => {
  let checkJsonschema: string

  beforeAll(() => {
    // The shared, cached venv of Python linters (check-jsonschema vendors GitLab's ci.json).
    const bin = execFileSync(join(REPO_ROOT, 'scripts/python-tools'), { encoding: 'utf8' })
      .trim()
      .split('\n')
      .at(-1)
    checkJsonschema = join(bin ?? '', 'check-jsonschema')
  }, 600_000)

  /** Each YAML document in a file of its own: the schema describes one document. */
  async function validate(path: string): Promise<{ ok: boolean; output: string }> {
    const dir = tempDir('steadystate-schema-')
    const files = parseAllDocuments(readFileSync(path, 'utf8')).map((document, index) => {
      const file = join(dir, `document-${index}.yaml`)
      writeFileSync(file, document.toString())
      return file
    })
    try {
      const { stdout } = await run(checkJsonschema, ['--builtin-schema', 'vendor.gitlab-ci', ...files])
      return { ok: true, output: stdout }
    } catch (error) {
      const failure = error as { stdout?: string; stderr?: string }
      return { ok: false, output: `${failure.stdout ?? ''}${failure.stderr ?? ''}` }
    }
  }

  it("validates against GitLab's CI schema (check-jsonschema's vendored ci.json), header and jobs", async () => {
    const result = await validate(COMPONENT)
    expect(result.output).toMatch(/ok -- validation done/)
    expect(result.ok).toBe(true)
  })

  it('ships an example pipeline that validates too and runs the component on schedules only', async () => {
    const result = await validate(EXAMPLE_PIPELINE)
    expect(result.ok, result.output).toBe(true)
    const pipeline = parseAllDocuments(readFileSync(EXAMPLE_PIPELINE, 'utf8'))[0]?.toJS() as {
      include: { component: string; inputs: Record<string, unknown> }[]
      steadystate: { rules: { if: string }[] }
    }
    expect(pipeline.include[0]?.component).toBe(`$CI_SERVER_FQDN/steadystate/steadystate/run@${VERSION}`)
    expect(pipeline.steadystate.rules).toContainEqual({ if: '$CI_PIPELINE_SOURCE == "schedule"' })
  })

  it('is really checked by the schema: a wrong artifacts:when is rejected', async () => {
    const broken = join(tempDir('steadystate-schema-'), 'broken.yml')
    const [header, jobs] = parseAllDocuments(readFileSync(COMPONENT, 'utf8')).map((d) => d.toJS() as object)
    const job = Object.values(jobs as Record<string, { artifacts: { when: string } }>)[0]!
    job.artifacts.when = 'sometimes'
    writeFileSync(broken, `${stringify(header)}---\n${stringify(jobs)}`)
    const result = await validate(broken)
    expect(result.ok).toBe(false)
    expect(result.output).toMatch(/when/)
  })

  it('takes typed inputs, with the image pinned to the CLI version it was released with', () => {
    const { inputs } = loadComponent()
    expect(Object.keys(inputs)).toEqual(
      expect.arrayContaining([
        'job-name',
        'stage',
        'experiment',
        'journal-path',
        'report-path',
        'junit-path',
        'rollback-strategy',
        'hypothesis-strategy',
        'vars',
        'kube-context',
        'image-version',
        'fail-on-deviation',
      ]),
    )
    expect(inputs['fail-on-deviation']).toMatchObject({ type: 'boolean', default: true })
    expect(inputs['hypothesis-frequency']).toMatchObject({ type: 'number' })
    expect(inputs['rollback-strategy']?.options).toEqual(['default', 'always', 'never', 'deviated'])
    for (const [name, input] of Object.entries(inputs)) expect(input.description, name).toBeTruthy()
    // Paths are artifacts: an empty one would be rejected by GitLab when the pipeline is created.
    expect(() => interpolateComponent(loadComponent(), { 'report-path': '' })).toThrow(/does not match/)
    expect(() => interpolateComponent(loadComponent(), { 'rollback-strategy': 'sometimes' })).toThrow(
      /not one of the options/,
    )
    // One image name everywhere: the build script, the component and the CronJob.
    const imageName = /IMAGE_NAME="\$\{STEADYSTATE_IMAGE_NAME:-([^}]+)\}"/.exec(
      readFileSync(join(REPO_ROOT, 'scripts/image-lib.sh'), 'utf8'),
    )?.[1]
    expect(inputs.image?.default).toBe(imageName)
    expect(inputs['image-version']?.default).toBe(VERSION)
    expect(readFileSync(join(REPO_ROOT, 'deploy/cronjob/cronjob.yaml'), 'utf8')).toContain(
      `image: ${imageName}:${VERSION}`,
    )
  })

  it('keeps the journal, report and JUnit even when the job fails, with junit and dotenv reports', () => {
    const job = interpolateComponent(loadComponent())
    expect(job.name).toBe('steadystate')
    expect(job.definition).toMatchObject({
      stage: 'test',
      image: { name: `ghcr.io/steadystate/steadystate:${VERSION}` },
      interruptible: false,
      script: ['steadystate-gitlab'],
      after_script: ['steadystate-gitlab after'],
      artifacts: {
        when: 'always',
        paths: ['journal.json', 'steadystate-report.pdf', 'steadystate-junit.xml'],
        reports: { junit: 'steadystate-junit.xml', dotenv: 'steadystate.env' },
      },
    })
    expect(job.definition).not.toHaveProperty('variables.KUBECONFIG')
  })

  it('runs the experiment with the default inputs: exit 0, journal, PDF report, JUnit and dotenv', async () => {
    const { dir, bin } = project(HELD)
    const job = interpolateComponent(loadComponent(), { vars: 'greeting=hello world\nunused:int=3' })
    const result = await runJob(job, { projectDir: dir, bin })
    expect(result.code, result.output).toBe(0)
    const journal = readJournal(join(dir, 'journal.json'))
    expect(journal.status).toBe('completed')
    expect(journal.steadystate?.verdict.kind).toBe('held')
    expect(readFileSync(join(dir, 'steadystate-report.pdf')).subarray(0, 5).toString()).toBe('%PDF-')
    expect(readFileSync(join(dir, 'steadystate-junit.xml'), 'utf8')).toMatch(/<testsuite[^>]* failures="0"/)
    expect(readDotenv(join(dir, 'steadystate.env'))).toEqual({
      STEADYSTATE_STATUS: 'completed',
      STEADYSTATE_DEVIATED: 'false',
      STEADYSTATE_VERDICT: 'held',
      STEADYSTATE_SUMMARY: 'The steady state held before and after the method.',
      STEADYSTATE_ROLLBACKS_PENDING: 'false',
      STEADYSTATE_JOURNAL_PATH: join(dir, 'journal.json'),
      STEADYSTATE_REPORT_PATH: join(dir, 'steadystate-report.pdf'),
      STEADYSTATE_JUNIT_PATH: join(dir, 'steadystate-junit.xml'),
    })
    // after_script found nothing pending: the run played its own rollbacks.
    expect(result.afterScript?.output).toContain('nothing to roll back: the run finished (status completed)')
    expect(existsSync(join(dir, 'marker'))).toBe(true)
    // Collapsible sections, and the command line the job ran.
    expect(result.output).toMatch(/section_start:\d+:steadystate_setup\[collapsed=true\]/)
    expect(result.output).toContain('steadystate run experiment.json --journal-path journal.json')
  })

  it('fails the job when the steady state deviates; fail-on-deviation false lets it pass', async () => {
    const failing = project(DEVIATES)
    const strict = await runJob(interpolateComponent(loadComponent()), {
      projectDir: failing.dir,
      bin: failing.bin,
    })
    expect(strict.code, strict.output).toBe(1)
    expect(readDotenv(join(failing.dir, 'steadystate.env'))).toMatchObject({
      STEADYSTATE_STATUS: 'completed',
      STEADYSTATE_DEVIATED: 'true',
      STEADYSTATE_VERDICT: 'deviated',
    })
    expect(readFileSync(join(failing.dir, 'steadystate-junit.xml'), 'utf8')).toContain('<failure')

    const lenient = project(DEVIATES)
    const job = interpolateComponent(loadComponent(), { 'fail-on-deviation': false })
    const result = await runJob(job, { projectDir: lenient.dir, bin: lenient.bin })
    expect(result.code, result.output).toBe(0)
    expect(result.output).toContain(
      'verdict deviated: exit code 0, because --no-fail-on-deviation lets it pass',
    )
    expect(readDotenv(join(lenient.dir, 'steadystate.env')).STEADYSTATE_DEVIATED).toBe('true')
  })

  it('fails, still writing the artifacts and dotenv, when the experiment does not exist', async () => {
    const { dir, bin } = project(HELD)
    const job = interpolateComponent(loadComponent(), {
      experiment: 'chaos/missing.json',
      'journal-path': 'out/journal.json',
    })
    const result = await runJob(job, { projectDir: dir, bin })
    expect(result.code).toBe(1)
    expect(readJournal(join(dir, 'out/journal.json')).status).toBe('aborted')
    expect(existsSync(join(dir, 'steadystate-report.pdf'))).toBe(true)
    expect(readDotenv(join(dir, 'steadystate.env'))).toMatchObject({
      STEADYSTATE_STATUS: 'aborted',
      STEADYSTATE_VERDICT: 'aborted',
    })
  })

  it('a job killed mid-method (cancelled hard): after_script plays the pending rollbacks and rewrites the dotenv', async () => {
    const { dir, bin } = project({
      ...HELD,
      method: [
        {
          type: 'action',
          name: 'inject',
          provider: { type: 'process', path: 'sh', arguments: ['-c', 'touch fault; sleep 30'] },
        },
      ],
      rollbacks: [
        { type: 'action', name: 'repair', provider: { type: 'process', path: 'rm', arguments: ['fault'] } },
      ],
    })
    const job = interpolateComponent(loadComponent(), { vars: 'greeting=hello world' })
    const script = startScript(job, 'script', { projectDir: dir, bin })
    await script.waitFor(/running action 'inject'/)
    while (!existsSync(join(dir, 'fault'))) await new Promise((resolve) => setTimeout(resolve, 20))
    killTree(script.child.pid ?? 0)
    await script.done
    const killed = readJournal(join(dir, 'journal.json'))
    expect(killed.status).toBe('running')
    expect(killed.steadystate?.progress).toMatchObject({
      phase: 'method',
      activity: 'inject',
      rollbacksPending: true,
    })

    const after = await runAfterScript(job, { projectDir: dir, bin })
    expect(after.code, after.output).toBe(0)
    expect(existsSync(join(dir, 'fault'))).toBe(false)
    const journal = readJournal(join(dir, 'journal.json'))
    expect(journal.status).toBe('interrupted')
    expect(journal.steadystate?.recovered?.by).toBe("the GitLab job's after_script (job 4242)")
    expect(readDotenv(join(dir, 'steadystate.env'))).toMatchObject({
      STEADYSTATE_STATUS: 'interrupted',
      STEADYSTATE_VERDICT: 'interrupted',
      STEADYSTATE_ROLLBACKS_PENDING: 'false',
    })
    // A second after_script (a retried job) finds nothing pending.
    const again = await runAfterScript(job, { projectDir: dir, bin })
    expect(again.code).toBe(0)
    expect(again.output).toContain('nothing to roll back: its pending rollbacks were already played')
  })

  const GREETING = 'greeting=hello world'

  it('passes kill-switch-interval to the CLI as --kill-switch-interval, which judges its value', async () => {
    const { dir, bin } = project(HELD)
    const given = await runJob(
      interpolateComponent(loadComponent(), { vars: GREETING, 'kill-switch-interval': '2' }),
      {
        projectDir: dir,
        bin,
      },
    )
    expect(given.code, given.output).toBe(0)
    expect(given.output).toContain('--kill-switch-interval 2')
    const bad = await runJob(interpolateComponent(loadComponent(), { 'kill-switch-interval': 'often' }), {
      projectDir: dir,
      bin,
    })
    expect(bad.code).not.toBe(0)
    expect(bad.output).toContain('--kill-switch-interval "often" must be a positive number of seconds')
    expect(readDotenv(join(dir, 'steadystate.env'))).toMatchObject({ STEADYSTATE_STATUS: 'aborted' })
    // Empty (the default): no flag, STEADYSTATE_KILL_SWITCH_INTERVAL or the CLI's default decides.
    const unset = await runJob(interpolateComponent(loadComponent()), { projectDir: dir, bin })
    expect(unset.output).not.toContain('--kill-switch-interval')
  })

  it('never runs an input as shell: quotes and $(…) in values reach the CLI as text', async () => {
    const { dir, bin } = project(HELD)
    const job = interpolateComponent(loadComponent(), {
      vars: 'greeting=hello world',
      'report-path': "it's $(touch pwned).md",
    })
    const result = await runJob(job, { projectDir: dir, bin })
    expect(result.code, result.output).toBe(0)
    expect(existsSync(join(dir, "it's $(touch pwned).md"))).toBe(true)
    expect(existsSync(join(dir, 'pwned'))).toBe(false)
  })
})
