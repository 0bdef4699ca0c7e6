import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { readJournal, runCli, tempDir } from '../support/cli.ts'
import { docSnippet } from '../support/doc-snippets.ts'
import { kubectl, kubectlJson, kubectlPath, waitUntil } from '../support/kubectl.ts'
import { CLI_BIN, REPO_ROOT } from '../support/paths.ts'
import { trivialExperiment } from '../support/experiments.ts'

/**
 * The Kubernetes snippets of docs/in-cluster.md and docs/octopus.md, run as written against the
 * loopback cluster, in the namespace they name (`shop`), which here enforces the `restricted` Pod
 * Security Standard. Pods never run under kwok, so what needs a running container (`logs -f`,
 * `cp`) is left out and said so in test/e2e/doc-snippet-inventory.ts.
 */

const NAMESPACE = 'shop'

describe('the Kubernetes snippets of docs/, as written, in a namespace enforcing the restricted Pod Security Standard', () => {
  const admin = inject('kubeconfig')
  let env: Record<string, string>
  /** A PersistentVolume for the journals claim: this cluster has no provisioner. */
  const volume = `shop-journals-${process.pid}`

  /** Runs snippet text with bash, kubectl on PATH, the kubeconfig's namespace `shop`. */
  function bash(snippet: string, cwd: string) {
    const result = spawnSync('bash', ['-euo', 'pipefail', '-c', snippet], { cwd, encoding: 'utf8', env })
    return { code: result.status, stdout: result.stdout, output: `${result.stdout}${result.stderr}` }
  }

  beforeAll(async () => {
    await kubectl(admin, ['delete', 'namespace', NAMESPACE, '--ignore-not-found', '--wait=true'])
    await kubectl(admin, ['create', 'namespace', NAMESPACE])
    await kubectl(admin, ['label', 'namespace', NAMESPACE, 'pod-security.kubernetes.io/enforce=restricted'])
    // The user's own kubeconfig, whose context points at the namespace (`kubectl patch` names none).
    const kubeconfig = join(tempDir('steadystate-doc-kubeconfig-'), 'config')
    copyFileSync(admin, kubeconfig)
    await kubectl(kubeconfig, ['config', 'set-context', '--current', `--namespace=${NAMESPACE}`])
    const bin = tempDir('steadystate-doc-bin-')
    symlinkSync(kubectlPath() === 'kubectl' ? '/usr/bin/kubectl' : kubectlPath(), join(bin, 'kubectl'))
    symlinkSync(CLI_BIN, join(bin, 'steadystate'))
    env = { ...process.env, KUBECONFIG: kubeconfig, PATH: `${bin}:${process.env.PATH ?? ''}` }
    await kubectl(
      admin,
      ['apply', '-f', '-'],
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'PersistentVolume',
        metadata: { name: volume },
        spec: {
          capacity: { storage: '1Gi' },
          accessModes: ['ReadWriteOnce'],
          hostPath: { path: `/tmp/${volume}` },
          claimRef: { namespace: NAMESPACE, name: 'steadystate-journals' },
        },
      }),
    )
  })

  afterAll(async () => {
    await kubectl(admin, ['delete', 'namespace', NAMESPACE, '--ignore-not-found', '--wait=false'])
    await kubectl(admin, ['delete', 'persistentvolume', volume, '--ignore-not-found', '--wait=false'])
  })

  it('octopus.md: the RBAC applied in <namespace>, and a token for the target', () => {
    const apply = docSnippet('docs/octopus.md', 'kubectl -n <namespace> apply').text.replace(
      '<namespace>',
      NAMESPACE,
    )
    expect(bash(apply, REPO_ROOT)).toMatchObject({ code: 0 })
    const token = docSnippet('docs/octopus.md', 'kubectl -n <namespace> create token').text.replace(
      '<namespace>',
      NAMESPACE,
    )
    const created = bash(token, REPO_ROOT)
    expect(created.code, created.output).toBe(0)
    expect(created.stdout.trim()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/)
  })

  it('in-cluster.md: the CronJob applied and a run created now, whose pod the namespace admits', async () => {
    const snippet = docSnippet('docs/in-cluster.md', 'kubectl -n shop apply').text
    const lines = snippet.split('\n').filter((line) => line !== '')
    expect(lines[2]).toMatch(/^kubectl -n shop logs -f job\/steadystate-now$/)
    const result = bash(lines.slice(0, 2).join('\n'), REPO_ROOT)
    expect(result.code, result.output).toBe(0)
    expect(result.output).toContain('cronjob.batch/steadystate created')
    expect(result.output).toContain('job.batch/steadystate-now created')
    // The Job controller creates the pod through admission: under `restricted`, only a compliant one.
    const pods = await waitUntil(
      'the pod of job steadystate-now',
      () =>
        kubectlJson<{ items: unknown[] }>(admin, [
          '-n',
          NAMESPACE,
          'get',
          'pods',
          '-l',
          'batch.kubernetes.io/job-name=steadystate-now',
        ]),
      (list) => list.items.length === 1,
      30_000,
    )
    expect(pods.items).toHaveLength(1)
  })

  it('in-cluster.md: the experiment ConfigMap replaced from a file', async () => {
    const cwd = tempDir('steadystate-doc-configmap-')
    mkdirSync(join(cwd, 'chaos'))
    const experiment = '{"title": "mine", "description": "d", "method": []}\n'
    writeFileSync(join(cwd, 'chaos/experiment.json'), experiment)
    const result = bash(docSnippet('docs/in-cluster.md', 'kubectl -n shop create configmap').text, cwd)
    expect(result.code, result.output).toBe(0)
    const configMap = await kubectlJson<{ data: Record<string, string> }>(admin, [
      '-n',
      NAMESPACE,
      'get',
      'configmap',
      'steadystate-experiment',
    ])
    expect(configMap.data['experiment.json']).toBe(experiment)
  })

  it('in-cluster.md: the schedule changed with kubectl patch', async () => {
    const result = bash(docSnippet('docs/in-cluster.md', 'kubectl patch cronjob').text, REPO_ROOT)
    expect(result.code, result.output).toBe(0)
    const cronJob = await kubectlJson<{ spec: { schedule: string } }>(admin, [
      '-n',
      NAMESPACE,
      'get',
      'cronjob',
      'steadystate',
    ])
    expect(cronJob.spec.schedule).toBe('*/5 * * * *')
  })

  it('in-cluster.md: the journals read back through a pod the restricted namespace admits, then one trends report', async () => {
    const snippet = docSnippet('docs/in-cluster.md', 'kubectl -n shop run journals').text
    const [run, wait, copy, report] = snippet.split(/\n(?=kubectl|steadystate)/)
    expect(copy).toMatch(
      /^kubectl -n shop cp journals:\/journals \.\/journals && kubectl -n shop delete pod journals\n?$/,
    )
    const cwd = tempDir('steadystate-doc-journals-')
    const started = bash(`${run}\n${wait}`, cwd)
    expect(started.code, started.output).toBe(0)
    expect(started.output).toContain('pod/journals condition met')
    // kwok runs no container to copy from: the journals `cp` would bring, from two runs.
    mkdirSync(join(cwd, 'journals'))
    const experiment = join(cwd, 'experiment.json')
    writeFileSync(experiment, trivialExperiment('continuous chaos'))
    for (const job of ['steadystate-1', 'steadystate-2']) {
      await runCli(['run', experiment, '--journal-path', join(cwd, 'journals', `${job}.json`)], { cwd })
      expect(readJournal(join(cwd, 'journals', `${job}.json`)).status).toBe('completed')
    }
    const finished = bash(`kubectl -n shop delete pod journals\n${report}`, cwd)
    expect(finished.code, finished.output).toBe(0)
    expect(readFileSync(join(cwd, 'trends.pdf')).subarray(0, 5).toString()).toBe('%PDF-')
    // The namespace does enforce the standard: the same pod without its security contexts is refused.
    const bare = bash(
      'kubectl -n shop run bare --restart=Never --image=ghcr.io/steadystate/steadystate:0.1.0 --dry-run=server',
      cwd,
    )
    expect(bare.code).not.toBe(0)
    expect(bare.output).toMatch(/violates PodSecurity "restricted:latest"/)
  })
})
