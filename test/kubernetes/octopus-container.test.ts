import { chmodSync, copyFileSync, createReadStream, mkdirSync, readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { dirname, join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'
import { deploySeedWorkloads, removeSeedWorkloads } from '../../packages/kubernetes/test/fixtures.ts'
import { readJournal, tempDir } from '../support/cli.ts'
import { buildah, buildImage, runInContainer } from '../support/image.ts'
import { kubectl, listPods } from '../support/kubectl.ts'
import { stepTask, summarizeStep, type StepRun } from '../support/octopus.ts'
import { CONFORMANCE, REPO_ROOT } from '../support/paths.ts'
import { releaseFiles, type ReleaseFiles } from '../support/release.ts'

/**
 * The Octopus step template inside the steadystate image's -kubectl variant, used as an execution
 * container for a Kubernetes target: a stand-in of Calamari prepares the target's kubeconfig in the
 * container with `kubectl config` (test/support/octopus/kubernetes-context.sh), with the token of
 * the least-privilege ServiceAccount (deploy/rbac/namespace-chaos.yaml) as the target's Token
 * account, then sources the step's script. The seed experiment, unchanged, runs against the
 * loopback cluster with each way Steadystate.Install can get steadystate there.
 */

const SEED = join(CONFORMANCE, 'seed/experiment.json')
const CALAMARI = join(REPO_ROOT, 'test/support/octopus')
const PACKAGE_PATH = 'Octopus.Action.Package[Steadystate.ExperimentPackage].ExtractedPath'

interface KubeconfigJson {
  clusters: { cluster: { server: string; 'certificate-authority-data': string } }[]
}

// Each test runs a container on the image storage that every worktree's image builds share, so a
// run may wait for another's build to release it: minutes, not the project's 90 s.
describe(
  'the Octopus step in the -kubectl image as an execution container, against a real cluster',
  { timeout: 10 * 60_000 },
  () => {
    const admin = inject('kubeconfig')
    let image: string
    let container: string
    let release: ReleaseFiles
    let target: Record<string, string>
    let server: Server
    let tarballUrl: string

    beforeAll(async () => {
      process.stderr.write('building the image and its -kubectl variant (cached after the first time)…\n')
      image = await buildImage('kubectl')
      container = (await buildah(['from', '--pull=never', image])).trim()
      release = await releaseFiles()
      chmodSync(dirname(release.standalone), 0o755)
      // The Kubernetes target: the cluster's URL and CA, and a Token account of the least-privilege
      // ServiceAccount in `default`, where the seed experiment acts.
      await kubectl(admin, [
        '-n',
        'default',
        'apply',
        '-f',
        join(REPO_ROOT, 'deploy/rbac/namespace-chaos.yaml'),
      ])
      const token = (await kubectl(admin, ['-n', 'default', 'create', 'token', 'steadystate'])).trim()
      const view = JSON.parse(
        await kubectl(admin, ['config', 'view', '--minify', '--raw', '--flatten', '-o', 'json']),
      ) as KubeconfigJson
      const cluster = view.clusters[0]!.cluster
      target = {
        'Octopus.Action.Kubernetes.ClusterUrl': cluster.server,
        'Octopus.Action.Kubernetes.Namespace': 'default',
        'Octopus.Action.Kubernetes.CertificateAuthority': 'Certificates-1',
        'Certificates-1.CertificatePem': Buffer.from(
          cluster['certificate-authority-data'],
          'base64',
        ).toString(),
        'Octopus.Account.AccountType': 'Token',
        'Octopus.Account.Token': token,
      }
      // Where a worker would download the release tarball and its SHA256SUMS from (the container
      // shares the host's network).
      const tarball = `/steadystate-${release.version}.tar.gz`
      server = createServer((request, response) => {
        const file = { [tarball]: release.standalone, '/SHA256SUMS': release.checksums }[request.url ?? '']
        if (file === undefined) return void response.writeHead(404).end()
        response.writeHead(200, { 'content-type': 'application/octet-stream' })
        createReadStream(file).pipe(response)
      })
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      tarballUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}${tarball}`
    }, 60 * 60_000)

    afterAll(async () => {
      if (container !== undefined) await buildah(['rm', container])
      await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())))
      await kubectl(admin, [
        '-n',
        'default',
        'delete',
        '-f',
        join(REPO_ROOT, 'deploy/rbac/namespace-chaos.yaml'),
        '--ignore-not-found',
      ])
    })

    afterEach(async () => {
      await removeSeedWorkloads(admin)
    })

    /** One runbook run in the container: the seed in a package, Steadystate.Install as given. */
    async function runSeed(install: string | undefined): Promise<{ run: StepRun; work: string }> {
      const work = tempDir('octopus-container-work-')
      const extracted = tempDir('octopus-container-package-')
      mkdirSync(join(extracted, 'chaos'))
      copyFileSync(SEED, join(extracted, 'chaos/experiment.json'))
      for (const dir of [work, extracted, join(extracted, 'chaos')]) chmodSync(dir, 0o777)
      const { task } = stepTask({
        ...target,
        [PACKAGE_PATH]: '/package',
        'Steadystate.Experiment': 'chaos/experiment.json',
        ...(install === undefined ? {} : { 'Steadystate.Install': install }),
      })
      chmodSync(task, 0o755)
      const result = await runInContainer(
        container,
        ['bash', '/calamari/kubernetes-context.sh', '/octopus/variables', '/octopus/Script.sh'],
        {
          volumes: [
            `${work}:/work`,
            `${extracted}:/package:ro`,
            `${task}:/octopus:ro`,
            `${CALAMARI}:/calamari:ro`,
            `${dirname(release.standalone)}:/release:ro`,
          ],
          workdir: '/work',
        },
      )
      return { run: summarizeStep({ ...result, signal: null }), work }
    }

    /** The seed held: one my-app pod terminated through the Octopus kubeconfig, artifacts attached. */
    function expectSeedHeld(run: StepRun, work: string): void {
      expect(run.code, run.stdout + run.stderr).toBe(0)
      expect(run.stdout).toContain(
        'Kubernetes: the kubeconfig Octopus prepared for the target (/work/kubectl-octo.yml)',
      )
      expect(run.artifacts.map((a) => [a.name, a.path])).toEqual([
        ['journal.json', '/work/journal.json'],
        ['report.pdf', '/work/report.pdf'],
      ])
      expect(run.outputVariables).toMatchObject({ Status: 'completed', Verdict: 'held' })
      const journal = readJournal(join(work, 'journal.json'))
      expect(journal.run[0]?.output).toEqual([expect.stringMatching(/^my-app-[0-9]$/)])
      expect(readFileSync(join(work, 'report.pdf')).subarray(0, 5).toString()).toBe('%PDF-')
      // The kubeconfig is Octopus's: token user, the cluster's CA, mode 0600.
      const kubeconfig = readFileSync(join(work, 'kubectl-octo.yml'), 'utf8')
      expect(kubeconfig).toMatch(/current-context: octocontext/)
      expect(kubeconfig).toMatch(/certificate-authority-data: /)
    }

    it('has kubectl and steadystate, and the default install (the image version) needs nothing more', async () => {
      // The names docs/container-image.md gives: the variant's tag, and `kubectl version --client`.
      expect(image).toBe(`ghcr.io/steadystate/steadystate:${release.version}-kubectl`)
      const tools = await runInContainer(container, [
        'bash',
        '-c',
        'kubectl version --client; steadystate --version',
      ])
      expect(tools.code, tools.stderr).toBe(0)
      expect(tools.stdout).toMatch(/^Client Version: v1\.\d+\.\d+\n/)
      expect(tools.stdout).toContain(`\n${release.version}\n`)
      await deploySeedWorkloads(admin, 'statefulset')
      const { run, work } = await runSeed(undefined)
      expectSeedHeld(run, work)
      expect(run.stdout).toContain(
        `steadystate: /usr/local/bin/steadystate, the version @steadystate/cli@${release.version} names`,
      )
      expect((await listPods(admin, 'default', 'app=my-app')).filter((p) => !p.deleting)).toHaveLength(10)
    })

    it('PATH: the steadystate in the image', async () => {
      await deploySeedWorkloads(admin, 'statefulset')
      const { run, work } = await runSeed('PATH')
      expectSeedHeld(run, work)
      expect(run.stdout).toContain('steadystate: /usr/local/bin/steadystate\n')
    })

    it('a tarball path on the worker, unpacked with the Node.js of the image', async () => {
      await deploySeedWorkloads(admin, 'statefulset')
      const path = `/release/steadystate-${release.version}.tar.gz`
      const { run, work } = await runSeed(path)
      expectSeedHeld(run, work)
      expect(run.stdout).toContain(
        `steadystate: unpacking ${path} into /home/steadystate/.cache/steadystate/octopus/`,
      )
    })

    it('a tarball URL, downloaded with the Node.js of the image (it has neither curl nor wget) and checked', async () => {
      await deploySeedWorkloads(admin, 'statefulset')
      const { run, work } = await runSeed(tarballUrl)
      expectSeedHeld(run, work)
      expect(run.stdout).toMatch(
        /steadystate: unpacking \S+ into \S+ \(Node\.js [\d.]+\)\nsteadystate: the SHA-256 of \S+ matches \S+\/SHA256SUMS \([0-9a-f]{64}\)\n|steadystate: \S+, unpacked by an earlier run/,
      )
    })

    it('an npm package of another version: the image has no npm, so the step fails naming the three ways', async () => {
      const { run } = await runSeed(`file:/release/steadystate-cli-${release.version}.tgz`)
      expect(run.code).toBe(1)
      expect(run.resultMessage).toMatch(
        /^npm is missing beside Node\.js 24\.[\d.]+, so file:\S+ cannot be installed\. Steadystate\.Install says where steadystate comes from, in one of three ways: PATH/,
      )
      expect(run.artifacts).toEqual([])
    })
  },
)
