import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadExperiment, validateExperiment } from '@steadystate/core'
import { createRegistry } from '../../packages/cli/src/registry.ts'
import { CONFORMANCE } from '../support/paths.ts'

const CORPUS = join(CONFORMANCE, 'corpus')

/** Reasons the reference's `chaos validate` would give too, on a machine without these things. */
const ACCEPTED_REASONS = [
  /could not find Python module '[^']+' in activity/,
  // A function the pinned chaosk8s 0.39 does not have either (e.g. from a fork of the driver).
  /The python module '[^']+' does not expose a function called '[^']+'/,
  /Configuration makes reference to an environment key that does not exist/,
  /Secrets make reference to an environment key that does not exist/,
  /path '[^']+' cannot be found, in activity/,
]

/**
 * The corpus experiments that query Prometheus through `chaosprometheus.probes`. Their Prometheus
 * activities validate; each is still rejected as a whole, for a reason the reference gives too:
 */
const PROMETHEUS_EXPERIMENTS: Record<string, string> = {
  'chaostoolkit-incubator__community-playground__from-local-to-automated-chaostoolkit__experiments__rollout-v1-service2.json':
    "env keys not set here; its own Python module 'load'; chaosk8s functions of a fork, not in 0.39",
  'chaostoolkit__chaostoolkit-samples__pod-should-be-restarted-when-service-is-unhealthy__experiment.json':
    "env keys not set here; the 'vegeta' program is not installed",
  'chaostoolkit__walkthrough__lab4__experiment.json':
    "its own Python module 'tolerances' (a file of the walkthrough); 'vegeta' is not installed",
  'chaostoolkit__walkthrough__lab5__experiment.json':
    "its own Python module 'tolerances' (a file of the walkthrough); 'vegeta' is not installed",
}

/** JSON paths of the activities (tolerance probes included) whose provider names a module under `prefix`. */
function activityPaths(value: unknown, prefix: string, path = ''): string[] {
  if (Array.isArray(value))
    return value.flatMap((item, index) => activityPaths(item, prefix, `${path}[${index}]`))
  if (value === null || typeof value !== 'object') return []
  const record = value as Record<string, unknown>
  const provider = record.provider as Record<string, unknown> | undefined
  const own = typeof provider?.module === 'string' && provider.module.startsWith(prefix) ? [path] : []
  return [
    ...own,
    ...Object.entries(record).flatMap(([key, item]) =>
      activityPaths(item, prefix, path === '' ? key : `${path}.${key}`),
    ),
  ]
}

function isJournal(document: Record<string, unknown>): boolean {
  return 'chaoslib-version' in document || ('experiment' in document && 'run' in document)
}

const files = readdirSync(CORPUS).filter((file) => /\.(json|ya?ml)$/.test(file))

describe('public corpus: every experiment loads, and validates or is rejected only for a reason the reference gives', () => {
  it('has files to check', () => {
    expect(files.length).toBeGreaterThan(20)
  })
  for (const file of files) {
    it(file, async () => {
      const { experiment } = await loadExperiment(join(CORPUS, file))
      if (isJournal(experiment) || file.endsWith('settings.yaml')) {
        // Journals and settings are for the report and loader tests; here they only need to parse.
        expect(Object.keys(experiment).length).toBeGreaterThan(0)
        return
      }
      const issues = await validateExperiment(experiment, {
        registry: createRegistry(),
        env: { PATH: process.env.PATH },
        cwd: CORPUS,
      })
      const errors = issues.filter((issue) => issue.severity === 'error')
      const unexpected = errors.filter(
        (issue) => !ACCEPTED_REASONS.some((reason) => reason.test(issue.message)),
      )
      expect(unexpected, JSON.stringify(unexpected, null, 2)).toEqual([])
      // Every rejection names the field it is about.
      for (const issue of errors) expect(issue.path).not.toBe('')
    })
  }

  it('has the Prometheus experiments, whose chaosprometheus activities all validate', async () => {
    expect(files).toEqual(expect.arrayContaining(Object.keys(PROMETHEUS_EXPERIMENTS)))
    for (const [file, remaining] of Object.entries(PROMETHEUS_EXPERIMENTS)) {
      const { experiment } = await loadExperiment(join(CORPUS, file))
      const prometheus = activityPaths(experiment, 'chaosprometheus.')
      expect(prometheus.length, file).toBeGreaterThan(0)
      const issues = await validateExperiment(experiment, {
        registry: createRegistry(),
        env: { PATH: process.env.PATH },
        cwd: CORPUS,
      })
      // A probe tolerance is an activity of its own (lab4's is the walkthrough's Python module).
      const onPrometheus = issues.filter((issue) =>
        prometheus.some(
          (path) =>
            (issue.path === path || issue.path.startsWith(`${path}.`)) &&
            !issue.path.startsWith(`${path}.tolerance`),
        ),
      )
      expect(onPrometheus, `${file}: ${JSON.stringify(onPrometheus)}`).toEqual([])
      // Still rejected, for the reasons written above (and accepted by the test above).
      const errors = issues.filter((issue) => issue.severity === 'error')
      expect(errors.length, `${file} (${remaining})`).toBeGreaterThan(0)
    }
  })
})
