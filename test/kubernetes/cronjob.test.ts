import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { seedWorkloads } from '../../packages/kubernetes/test/fixtures.ts'
import { readJournal, tempDir } from '../support/cli.ts'
import { buildah, buildImage, runInContainer } from '../support/image.ts'
import {
  createNamespace,
  deleteNamespace,
  kubectl,
  kubectlJson,
  listPods,
  useNamespace,
  waitUntil,
} from '../support/kubectl.ts'
import { REPO_ROOT } from '../support/paths.ts'
import { killTree } from '../support/processes.ts'
import { commandOf, cronJobPodSpec, startContainerCommand } from '../support/cronjob.ts'
import { imageLikeBin } from '../support/gitlab.ts'
import { scaleExperiment } from '../support/kubernetes-experiments.ts'

const RBAC = join(REPO_ROOT, 'deploy/rbac/namespace-chaos.yaml')
const CRONJOB = join(REPO_ROOT, 'deploy/cronjob')
const VERSION = (
  JSON.parse(readFileSync(join(REPO_ROOT, 'packages/cli/package.json'), 'utf8')) as { version: string }
).version

interface EnvVar {
  name: string
  value?: string
  valueFrom?: { fieldRef?: { fieldPath: string } }
}
interface Container {
  image: string
  command: string[]
  args: string[]
  env: EnvVar[]
  volumeMounts: { name: string; mountPath: string; readOnly?: boolean }[]
  securityContext: Record<string, unknown>
}
interface Volume {
  name: string
  configMap?: { name: string }
  persistentVolumeClaim?: { claimName: string }
  emptyDir?: object
  projected?: { sources: { serviceAccountToken?: object }[] }
}
interface Pod {
  metadata: { name: string; namespace: string; labels: Record<string, string> }
  spec: {
    serviceAccountName: string
    restartPolicy: string
    securityContext: { runAsUser: number; runAsGroup: number; runAsNonRoot: boolean }
    initContainers: Container[]
    containers: Container[]
    volumes: Volume[]
  }
}

/** The value of a pod's environment variable, resolved as the kubelet does (downward API included). */
function resolveEnv(pod: Pod, variable: EnvVar): string {
  if (variable.value !== undefined) return variable.value
  const path = variable.valueFrom?.fieldRef?.fieldPath
  if (path === 'metadata.namespace') return pod.metadata.namespace
  const label = /^metadata\.labels\['(.+)'\]$/.exec(path ?? '')?.[1]
  if (label !== undefined && pod.metadata.labels[label] !== undefined) return pod.metadata.labels[label]
  throw new Error(`cannot resolve env ${variable.name} (${JSON.stringify(variable.valueFrom)})`)
}

/** Kubernetes' $(VAR) expansion of command and args. */
const expand = (text: string, env: Record<string, string>) =>
  text.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (whole, name: string) => env[name] ?? whole)

function openDir(path: string, mode = 0o755): string {
  mkdirSync(path, { recursive: true })
  chmodSync(path, mode)
  return path
}

describe('the in-cluster CronJob (deploy/cronjob), on a real API server', () => {
  const kubeconfig = inject('kubeconfig')
  let namespace: string
  let pod: Pod

  beforeAll(async () => {
    namespace = await createNamespace(kubeconfig, 'steadystate-cron')
  })

  afterAll(async () => {
    if (namespace !== undefined) await deleteNamespace(kubeconfig, namespace)
  })

  it('is accepted by the API server in a server-side dry run, with the least-privilege RBAC', async () => {
    const output = await kubectl(kubeconfig, [
      '-n',
      namespace,
      'apply',
      '--dry-run=server',
      '-f',
      RBAC,
      '-f',
      CRONJOB,
    ])
    expect(output.trim().split('\n').sort()).toEqual([
      'configmap/steadystate-experiment created (server dry run)',
      'cronjob.batch/steadystate created (server dry run)',
      'persistentvolumeclaim/steadystate-journals created (server dry run)',
      'role.rbac.authorization.k8s.io/steadystate-chaos created (server dry run)',
      'rolebinding.rbac.authorization.k8s.io/steadystate-chaos created (server dry run)',
      'serviceaccount/steadystate created (server dry run)',
    ])
    expect(await kubectl(kubeconfig, ['-n', namespace, 'get', 'cronjobs', '-o', 'name'])).toBe('')
  })

  it('creates a Job from the CronJob whose pod runs the CLI with the experiment, as the ServiceAccount', async () => {
    await kubectl(kubeconfig, ['-n', namespace, 'apply', '-f', RBAC, '-f', CRONJOB])
    const cronjob = await kubectlJson<{
      spec: { schedule: string; concurrencyPolicy: string; jobTemplate: { spec: { backoffLimit: number } } }
    }>(kubeconfig, ['-n', namespace, 'get', 'cronjob', 'steadystate'])
    expect(cronjob.spec).toMatchObject({
      schedule: '*/15 * * * *',
      concurrencyPolicy: 'Forbid',
      jobTemplate: { spec: { backoffLimit: 0 } },
    })

    await kubectl(kubeconfig, [
      '-n',
      namespace,
      'create',
      'job',
      '--from=cronjob/steadystate',
      'steadystate-manual',
    ])
    const pods = await waitUntil(
      'the Job to create its pod',
      () =>
        kubectlJson<{ items: Pod[] }>(kubeconfig, [
          '-n',
          namespace,
          'get',
          'pods',
          '-l',
          'job-name=steadystate-manual',
        ]),
      (list) => list.items.length === 1,
    )
    pod = pods.items[0]!
    const container = pod.spec.containers[0]!
    expect(pod.spec.serviceAccountName).toBe('steadystate')
    expect(pod.spec.restartPolicy).toBe('Never')
    expect(pod.spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10001 })
    expect(container.image).toBe(`ghcr.io/steadystate/steadystate:${VERSION}`)
    expect(container.command).toEqual(['steadystate'])
    expect(container.args).toEqual([
      'run',
      '/etc/steadystate/experiment.json',
      '--journal-path',
      '/var/lib/steadystate/journals/$(JOB_NAME).json',
      '--rollback-timeout',
      '300',
      '--lock-timeout',
      '60',
      '--fail-on-deviation',
    ])
    expect(
      resolveEnv(
        pod,
        container.env.find((e) => e.name === 'JOB_NAME')!,
      ),
    ).toBe('steadystate-manual')
    expect(
      resolveEnv(
        pod,
        container.env.find((e) => e.name === 'POD_NAMESPACE')!,
      ),
    ).toBe(namespace)
    expect(container.securityContext).toMatchObject({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
    })
    // Before the run: the rollbacks the previous run left pending, from its journal in the volume.
    const init = pod.spec.initContainers[0]!
    expect(init.image).toBe(container.image)
    expect(init.command).toEqual(['bash', '-c'])
    expect(init.args[0]).toMatch(/steadystate rollback "\$previous" --if-pending/)
    // Then the records of runs abandoned with their runner, in the pod's namespace.
    expect(init.args[0]).toMatch(
      /steadystate recover --namespace "\$POD_NAMESPACE" --experiment \/etc\/steadystate\/experiment.json --journal-dir \/var\/lib\/steadystate\/journals/,
    )
    expect(init.volumeMounts).toContainEqual({
      name: 'experiment',
      mountPath: '/etc/steadystate',
      readOnly: true,
    })
    expect(init.volumeMounts).toContainEqual({ name: 'journals', mountPath: '/var/lib/steadystate/journals' })
    expect(init.securityContext).toMatchObject({ readOnlyRootFilesystem: true })
    expect(container.volumeMounts).toEqual(
      expect.arrayContaining([
        { name: 'experiment', mountPath: '/etc/steadystate', readOnly: true },
        { name: 'journals', mountPath: '/var/lib/steadystate/journals' },
        { name: 'tmp', mountPath: '/tmp' },
      ]),
    )
    expect(pod.spec.volumes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'experiment',
          configMap: expect.objectContaining({ name: 'steadystate-experiment' }),
        }),
        expect.objectContaining({
          name: 'journals',
          persistentVolumeClaim: { claimName: 'steadystate-journals' },
        }),
      ]),
    )
  })

  it(
    'runs that pod spec in the image as the kubelet would: in-cluster token, least privilege, journal kept',
    async () => {
      expect(pod, 'the previous test creates the pod').toBeDefined()
      await kubectl(
        kubeconfig,
        ['-n', namespace, 'apply', '-f', '-'],
        seedWorkloads({ podsFrom: 'statefulset' }),
      )
      const image = await buildImage()
      const container = pod.spec.containers[0]!
      expect(image).toBe(container.image)

      // What the kubelet would mount: the ConfigMap, the claim, the emptyDir and the ServiceAccount token.
      const root = tempDir('steadystate-pod-')
      chmodSync(root, 0o755)
      const config = parse(readFileSync(kubeconfig, 'utf8')) as {
        clusters: { cluster: { server: string; 'certificate-authority-data': string } }[]
      }
      const cluster = config.clusters[0]!.cluster
      const server = new URL(cluster.server)
      const hostDirs = new Map<string, string>()
      for (const volume of pod.spec.volumes) {
        const dir = join(root, volume.name)
        if (volume.configMap !== undefined) {
          const data = (
            await kubectlJson<{ data: Record<string, string> }>(kubeconfig, [
              '-n',
              namespace,
              'get',
              'configmap',
              volume.configMap.name,
            ])
          ).data
          openDir(dir)
          for (const [file, text] of Object.entries(data)) writeFileSync(join(dir, file), text)
        } else if (volume.persistentVolumeClaim !== undefined || volume.emptyDir !== undefined) {
          openDir(dir, 0o777)
        } else if (volume.projected?.sources.some((source) => source.serviceAccountToken !== undefined)) {
          openDir(dir)
          const token = await kubectl(kubeconfig, [
            '-n',
            namespace,
            'create',
            'token',
            pod.spec.serviceAccountName,
          ])
          writeFileSync(join(dir, 'token'), token.trim())
          writeFileSync(join(dir, 'ca.crt'), Buffer.from(cluster['certificate-authority-data'], 'base64'))
          writeFileSync(join(dir, 'namespace'), namespace)
        } else {
          throw new Error(`volume ${volume.name}: no stand-in for ${JSON.stringify(volume)}`)
        }
        hostDirs.set(volume.name, dir)
      }
      const env = Object.fromEntries(
        container.env.map((variable) => [variable.name, resolveEnv(pod, variable)]),
      )
      const command = [...container.command, ...container.args].map((part) => expand(part, env))
      // /var/run is a symlink to /run in Debian, which buildah's chroot isolation does not follow
      // for a bind mount's target: mount at the resolved path.
      const volumes = container.volumeMounts.map(
        (mount) =>
          `${hostDirs.get(mount.name)!}:${mount.mountPath.replace(/^\/var\/run\//, '/run/')}${mount.readOnly === true ? ':ro' : ''}`,
      )

      await waitUntil(
        '10 Ready my-app pods',
        () => listPods(kubeconfig, namespace, 'app=my-app'),
        (pods) => pods.filter((p) => p.ready).length === 10,
        60_000,
      )
      const before = await listPods(kubeconfig, namespace, 'app=my-app')
      const working = (await buildah(['from', '--pull=never', image])).trim()
      const init = pod.spec.initContainers[0]!
      const initCommand = [...init.command, ...init.args]
      const initVolumes = init.volumeMounts.map(
        (mount) =>
          `${hostDirs.get(mount.name)!}:${mount.mountPath.replace(/^\/var\/run\//, '/run/')}${mount.readOnly === true ? ':ro' : ''}`,
      )
      const user = `${pod.spec.securityContext.runAsUser}:${pod.spec.securityContext.runAsGroup}`
      const initEnv = {
        POD_NAME: pod.metadata.name,
        POD_NAMESPACE: namespace,
        CHAOSTOOLKIT_IN_POD: 'true',
        KUBERNETES_SERVICE_HOST: server.hostname,
        KUBERNETES_SERVICE_PORT: server.port,
      }
      try {
        const first = await runInContainer(working, initCommand, { volumes: initVolumes, env: initEnv, user })
        expect(first.code, `${first.stdout}${first.stderr}`).toBe(0)
        expect(first.stdout).toContain('no previous journal: nothing to roll back')
        expect(first.stderr).toContain(`no run records in namespace ${namespace}`)
        const result = await runInContainer(working, command, {
          volumes,
          env: { ...env, KUBERNETES_SERVICE_HOST: server.hostname, KUBERNETES_SERVICE_PORT: server.port },
          user,
        })
        expect(result.code, `${result.stdout}${result.stderr}`).toBe(0)
        expect(result.stderr).toContain('HELD')
        // The next pod's init container: the run finished, nothing is pending.
        const next = await runInContainer(working, initCommand, { volumes: initVolumes, env: initEnv, user })
        expect(next.code, `${next.stdout}${next.stderr}`).toBe(0)
        expect(next.stderr).toContain('nothing to roll back: the run finished (status completed)')
        expect(next.stderr).toContain(`no run records in namespace ${namespace}`)
      } finally {
        await buildah(['rm', working])
      }
      const journal = readJournal(join(hostDirs.get('journals')!, 'steadystate-manual.json'))
      expect(journal.status).toBe('completed')
      expect(journal.steadystate?.verdict.kind).toBe('held')
      const [victim] = journal.run[0]?.output as string[]
      expect(victim).toMatch(/^my-app-[0-9]$/)
      // The victim was the CronJob namespace's pod (the Role grants nothing elsewhere): replaced since.
      const after = await listPods(kubeconfig, namespace, 'app=my-app')
      expect(after.find((p) => p.name === victim)?.uid).not.toBe(before.find((p) => p.name === victim)?.uid)
    },
    30 * 60_000,
  )
})

describe('the CronJob’s init container, when the journal volume was lost with a killed run', () => {
  const kubeconfig = inject('kubeconfig')
  const namespace = useNamespace(kubeconfig, 'steadystate-cron-lost')

  it('recovers the run from its record in the cluster before the next run', async () => {
    const ns = namespace()
    await kubectl(kubeconfig, [
      '-n',
      ns,
      'create',
      'deployment',
      'web',
      '--image=registry.invalid/web:1',
      '--replicas=2',
    ])
    const replicas = async () =>
      Number(
        await kubectl(kubeconfig, ['-n', ns, 'get', 'deployment', 'web', '-o', 'jsonpath={.spec.replicas}']),
      )
    const dir = tempDir('steadystate-cron-lost-')
    const paths = { journals: join(dir, 'journals'), experiment: join(dir, 'experiment.json') }
    mkdirSync(paths.journals)
    writeFileSync(paths.experiment, JSON.stringify(scaleExperiment(ns, 120)))
    const bin = imageLikeBin(dir)
    const { init, main } = cronJobPodSpec()
    // The pod's cluster, through the test's kubeconfig (the image test above uses the pod's token).
    const pod = (name: string) => ({
      KUBECONFIG: kubeconfig,
      KUBERNETES_SERVICE_HOST: '127.0.0.1',
      POD_NAMESPACE: ns,
      POD_NAME: name,
    })

    const first = await startContainerCommand(commandOf(init, paths, {}), pod('steadystate-1-a'), bin).done
    expect(first.code, first.output).toBe(0)
    expect(first.output).toContain(`no run records in namespace ${ns}`)

    const run = startContainerCommand(
      commandOf(main, paths, { JOB_NAME: 'steadystate-1' }),
      pod('steadystate-1-a'),
      bin,
    )
    await run.waitFor(/scaled Deployment 'web'/)
    killTree(run.child.pid ?? 0)
    await run.done
    rmSync(paths.journals, { recursive: true, force: true })
    mkdirSync(paths.journals)
    expect(await replicas()).toBe(0)

    // The killed run's lock expires (its lease, 30 s) before its record counts as abandoned.
    await waitUntil(
      'the killed run’s lock to expire',
      async () =>
        (
          await kubectlJson<{ items: { spec: { renewTime?: string; leaseDurationSeconds?: number } }[] }>(
            kubeconfig,
            ['-n', ns, 'get', 'leases'],
          )
        ).items,
      (leases) =>
        leases.every(
          (lease) =>
            Date.now() - Date.parse(lease.spec.renewTime ?? '') >
            ((lease.spec.leaseDurationSeconds ?? 0) + 1) * 1000,
        ),
      60_000,
    )
    const next = await startContainerCommand(commandOf(init, paths, {}), pod('steadystate-2-b'), bin).done
    expect(next.code, next.output).toBe(0)
    expect(next.output).toContain('no previous journal: nothing to roll back')
    expect(next.output).toMatch(/every rollback succeeded; the record is deleted/)
    expect(await replicas()).toBe(2)
    const [recovered] = readdirSync(paths.journals)
    const journal = readJournal(join(paths.journals, recovered ?? ''))
    expect(journal.status).toBe('interrupted')
    expect(journal.steadystate?.recovered?.by).toBe('CronJob pod steadystate-2-b, before its run')

    // And the pod's run goes ahead (a short hold this time).
    writeFileSync(paths.experiment, JSON.stringify(scaleExperiment(ns, 0)))
    const again = await startContainerCommand(
      commandOf(main, paths, { JOB_NAME: 'steadystate-2' }),
      pod('steadystate-2-b'),
      bin,
    ).done
    expect(again.code, again.output).toBe(0)
    expect(readJournal(join(paths.journals, 'steadystate-2.json')).status).toBe('completed')
  }, 180_000)
})
