import { RunResources, type ModuleCallContext } from '@steadystate/core'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { kubectl } from '../../../test/support/kubectl.ts'
import { json, kubernetesRegistry } from './call.ts'

/** Writes a manifest (an object as JSON, or YAML text) to a fresh file and returns its path. */
export function specFile(content: unknown, extension: 'json' | 'yaml' | 'yml' = 'json'): string {
  const path = join(mkdtempSync(join(tmpdir(), 'spec-')), `spec.${extension}`)
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content))
  return path
}

/** The object as kubectl sees it, or undefined when it does not exist. */
export async function getObject<T = Record<string, unknown>>(
  kubeconfig: string,
  args: string[],
): Promise<T | undefined> {
  const out = await kubectl(kubeconfig, [...args, '--ignore-not-found', '-o', 'json'])
  return out.trim() === '' ? undefined : (JSON.parse(out) as T)
}

/** Runs a function's dry-run description the way the engine does in `--dry` runs. */
export async function dryRunK8s(
  kubeconfig: string,
  module: string,
  func: string,
  args: Record<string, unknown>,
  configuration: Record<string, unknown> = {},
): Promise<string> {
  const dryRun = (await kubernetesRegistry().modules.implementation(module))?.dryRun?.[func]
  if (dryRun === undefined) throw new Error(`${module}.${func} has no dry run`)
  const context: ModuleCallContext = {
    activityName: func,
    activityType: 'action',
    configuration: json(configuration),
    secrets: {},
    scopedSecrets: undefined,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, KUBECONFIG: kubeconfig },
    cwd: process.cwd(),
    signal: AbortSignal.timeout(60_000),
    log: { info: () => undefined, warn: () => undefined },
    measure: () => undefined,
    defer: () => undefined,
    resources: new RunResources(),
  }
  return dryRun(json(args), context)
}

/** A pod template kwok runs (the image is never pulled). */
export function podTemplate(labels: Record<string, string>, extra: Record<string, unknown> = {}): unknown {
  return {
    metadata: { labels },
    spec: { containers: [{ name: 'app', image: 'registry.invalid/steadystate/app:1' }], ...extra },
  }
}

export function statefulSetManifest(name: string, replicas: number): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name, labels: { app: name } },
    spec: {
      replicas,
      serviceName: name,
      podManagementPolicy: 'Parallel',
      selector: { matchLabels: { app: name } },
      template: podTemplate({ app: name }),
    },
  }
}

/**
 * Marks a pod not Ready through its status. kwok only makes Pending pods Ready, so a Running pod
 * stays not Ready until it is replaced: a deterministic "degraded" workload without a kubelet.
 */
export async function makeUnready(kubeconfig: string, ns: string, pod: string): Promise<void> {
  await kubectl(kubeconfig, [
    '-n',
    ns,
    'patch',
    'pod',
    pod,
    '--subresource=status',
    '--type=strategic',
    '-p',
    JSON.stringify({ status: { conditions: [{ type: 'Ready', status: 'False' }] } }),
  ])
}
