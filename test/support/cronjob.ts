import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { REPO_ROOT } from './paths.ts'

/**
 * The in-cluster CronJob's commands (deploy/cronjob/cronjob.yaml), run outside a pod: its mounts at
 * local paths, $(VAR) expanded as the kubelet does, `steadystate` from a bin folder on PATH.
 */
export interface Container {
  command: string[]
  args: string[]
}
interface CronJob {
  spec: {
    jobTemplate: { spec: { template: { spec: { initContainers: Container[]; containers: Container[] } } } }
  }
}

const JOURNALS = '/var/lib/steadystate/journals'
const EXPERIMENT = '/etc/steadystate/experiment.json'

export function cronJobPodSpec(): { init: Container; main: Container } {
  const cronjob = parse(readFileSync(join(REPO_ROOT, 'deploy/cronjob/cronjob.yaml'), 'utf8')) as CronJob
  const spec = cronjob.spec.jobTemplate.spec.template.spec
  return { init: spec.initContainers[0]!, main: spec.containers[0]! }
}

/** The container's command with the pod's mounts at local paths and $(VAR) expanded. */
export function commandOf(
  container: Container,
  paths: { journals: string; experiment: string },
  env: Record<string, string>,
): string[] {
  return [...container.command, ...container.args].map((part) =>
    part
      .replaceAll(JOURNALS, paths.journals)
      .replaceAll(EXPERIMENT, paths.experiment)
      .replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (whole, name: string) => env[name] ?? whole),
  )
}

/** Starts one of those commands with `bin` first on PATH; stdout and stderr together. */
export function startContainerCommand(argv: string[], env: Record<string, string>, bin: string) {
  const child = spawn(argv[0]!, argv.slice(1), {
    env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}`, CI: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const done = new Promise<{ code: number | null; output: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, output })),
  )
  return {
    child,
    done,
    /** Resolves once the output matches `pattern`. */
    async waitFor(pattern: RegExp, timeoutMs = 30_000): Promise<void> {
      const deadline = Date.now() + timeoutMs
      while (!pattern.test(output)) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; output:\n${output}`)
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    },
  }
}
