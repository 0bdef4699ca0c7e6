import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse, stringify } from 'yaml'
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
import { deploySeedWorkloads, removeSeedWorkloads } from '../../packages/kubernetes/test/fixtures.ts'
import { readJournal, tempDir } from '../support/cli.ts'
import { imageLikeBin, interpolateComponent, loadComponent, readDotenv, runJob } from '../support/gitlab.ts'
import { kubectl } from '../support/kubectl.ts'
import { heldLease } from '../support/kubernetes-experiments.ts'
import { CONFORMANCE } from '../support/paths.ts'

const SEED = join(CONFORMANCE, 'seed/experiment.json')
const AGENT_CONTEXT = 'platform/k8s-agents:staging'

interface KubeconfigFile {
  clusters: { name: string; cluster: Record<string, unknown> }[]
  contexts: { name: string; context: { cluster: string; user: string } }[]
  'current-context': string
}

/**
 * A kubeconfig shaped like the GitLab agent's: the cluster under the agent's context name, and a
 * current context that points nowhere, so only the kube-context input can make the run work.
 */
function agentKubeconfig(source: string, dir: string): string {
  const config = parse(readFileSync(source, 'utf8')) as KubeconfigFile
  const real = config.contexts.find((context) => context.name === config['current-context'])!
  config.clusters.push({ name: 'nowhere', cluster: { server: 'https://127.0.0.1:9' } })
  config.contexts = [
    { name: AGENT_CONTEXT, context: real.context },
    { name: 'nowhere', context: { cluster: 'nowhere', user: real.context.user } },
  ]
  config['current-context'] = 'nowhere'
  const path = join(dir, 'agent-kubeconfig.yaml')
  writeFileSync(path, stringify(config))
  return path
}

/**
 * The component's job script, run as the runner would (bash, CI_PROJECT_DIR, the job variables),
 * with the built CLI on PATH, against the seed experiment's workloads in `default` (the seed names
 * no namespace).
 */
describe('the GitLab component against a real cluster', () => {
  const kubeconfig = inject('kubeconfig')

  beforeEach(async () => {
    await deploySeedWorkloads(kubeconfig, 'statefulset')
  })

  afterEach(async () => {
    await removeSeedWorkloads(kubeconfig)
  })

  function seedProject(): { dir: string; bin: string } {
    const dir = tempDir('steadystate-gitlab-k8s-')
    copyFileSync(SEED, join(dir, 'experiment.json'))
    return { dir, bin: imageLikeBin(join(dir, '.runner')) }
  }

  it('runs the seed with the default inputs: one pod terminated, held, journal, PDF, JUnit, dotenv', async () => {
    const { dir, bin } = seedProject()
    const job = interpolateComponent(loadComponent())
    const result = await runJob(job, { projectDir: dir, bin, env: { KUBECONFIG: kubeconfig } })
    expect(result.code, result.output).toBe(0)

    const journal = readJournal(join(dir, 'journal.json'))
    expect(journal.status).toBe('completed')
    expect(journal.deviated).toBe(false)
    expect(journal.steadystate?.verdict.kind).toBe('held')
    expect(journal.run[0]?.output).toEqual([expect.stringMatching(/^my-app-[0-9]$/)])
    expect(readFileSync(join(dir, 'steadystate-report.pdf')).subarray(0, 5).toString()).toBe('%PDF-')
    const junit = readFileSync(join(dir, 'steadystate-junit.xml'), 'utf8')
    expect(junit).toContain('terminate-db-pod')
    expect(junit).toMatch(/<testsuite[^>]* failures="0"/)
    expect(readDotenv(join(dir, 'steadystate.env'))).toMatchObject({
      STEADYSTATE_STATUS: 'completed',
      STEADYSTATE_DEVIATED: 'false',
      STEADYSTATE_VERDICT: 'held',
    })
  })

  it("uses the GitLab agent's context named by kube-context, not the kubeconfig's current context", async () => {
    const { dir, bin } = seedProject()
    const agentConfig = agentKubeconfig(kubeconfig, dir)

    const withContext = interpolateComponent(loadComponent(), { 'kube-context': AGENT_CONTEXT })
    const result = await runJob(withContext, { projectDir: dir, bin, env: { KUBECONFIG: agentConfig } })
    expect(result.code, result.output).toBe(0)
    expect(result.output).toContain(`Kubernetes context: ${AGENT_CONTEXT}`)
    expect(readDotenv(join(dir, 'steadystate.env')).STEADYSTATE_VERDICT).toBe('held')

    // Without the input, the current context is used: nothing listens there, so the job fails.
    const without = await runJob(interpolateComponent(loadComponent()), {
      projectDir: dir,
      bin,
      env: { KUBECONFIG: agentConfig },
    })
    expect(without.code).toBe(1)
    expect(readDotenv(join(dir, 'steadystate.env')).STEADYSTATE_STATUS).not.toBe('completed')
  })

  it('passes the lock inputs: a lock another run holds fails the job at once, saying who holds it', async () => {
    const { dir, bin } = seedProject()
    await kubectl(
      kubeconfig,
      ['-n', 'default', 'apply', '-f', '-'],
      heldLease('gitlab-chaos', '20250101-000000-07e4a0', 'host elsewhere'),
    )
    try {
      const job = interpolateComponent(loadComponent(), { lock: 'gitlab-chaos', 'lock-timeout': 1 })
      const result = await runJob(job, { projectDir: dir, bin, env: { KUBECONFIG: kubeconfig } })
      expect(result.code, result.output).toBe(1)
      expect(result.output).toContain('--lock gitlab-chaos --lock-timeout 1')
      const journal = readJournal(join(dir, 'journal.json'))
      expect(journal.steadystate?.error?.code).toBe('LOCKED')
      expect(journal.steadystate?.error?.message).toContain(
        'is held by run 20250101-000000-07e4a0 (host elsewhere)',
      )
      expect(readDotenv(join(dir, 'steadystate.env'))).toMatchObject({ STEADYSTATE_STATUS: 'aborted' })
    } finally {
      await kubectl(kubeconfig, ['-n', 'default', 'delete', 'lease', 'gitlab-chaos'])
    }
  })
})
