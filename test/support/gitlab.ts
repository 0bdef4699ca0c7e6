import { spawn, type ChildProcess } from 'node:child_process'
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseAllDocuments } from 'yaml'
import { CLI_BIN, REPO_ROOT } from './paths.ts'
import { stopWhenTestEnds } from './processes.ts'

/** The GitLab CI/CD component of this repository. */
export const COMPONENT = join(REPO_ROOT, 'templates/run.yml')

type Json = string | number | boolean | null | Json[] | { [key: string]: Json }

export interface InputSpec {
  type?: 'string' | 'number' | 'boolean' | 'array'
  default?: Json
  options?: Json[]
  regex?: string
  description?: string
}

export interface Component {
  inputs: Record<string, InputSpec>
  /** The document after the `---`: jobs, with `$[[ inputs.x ]]` not yet interpolated. */
  content: Record<string, Json>
}

export interface Job {
  name: string
  variables: Record<string, string>
  script: string[]
  definition: Record<string, Json>
}

const INTERPOLATION = /\$\[\[\s*inputs\.([A-Za-z0-9_-]+)\s*\]\]/g

export function loadComponent(path = COMPONENT): Component {
  const documents = parseAllDocuments(readFileSync(path, 'utf8'))
  if (!Array.isArray(documents) || documents.length !== 2)
    throw new Error(`${path}: a component is a spec header, ---, then the jobs`)
  const [header, content] = documents.map((document) => document.toJS() as Record<string, Json>)
  const spec = header?.spec as { inputs?: Record<string, InputSpec> } | undefined
  return { inputs: spec?.inputs ?? {}, content: content ?? {} }
}

/** What GitLab does when the component is included: checks the inputs, then interpolates them. */
export function interpolateComponent(component: Component, given: Record<string, Json> = {}): Job {
  const inputs = resolveInputs(component.inputs, given)
  const jobs = Object.entries(interpolate(component.content, inputs) as Record<string, Json>)
  if (jobs.length !== 1) throw new Error(`expected one job, found ${jobs.length}`)
  const [name, definition] = jobs[0] as [string, Record<string, Json>]
  const variables = Object.fromEntries(
    Object.entries((definition.variables ?? {}) as Record<string, Json>).map(([key, value]) => {
      // As GitLab's ci.json allows: strings, numbers and booleans, which the job sees as text.
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
        throw new Error(`variable ${key}: not a string, number or boolean: ${JSON.stringify(value)}`)
      return [key, String(value)]
    }),
  )
  return { name, variables, script: definition.script as string[], definition }
}

function resolveInputs(spec: Record<string, InputSpec>, given: Record<string, Json>): Record<string, Json> {
  for (const key of Object.keys(given)) {
    if (!(key in spec)) throw new Error(`unknown input: ${key}`)
  }
  return Object.fromEntries(
    Object.entries(spec).map(([key, input]) => {
      const value = given[key] ?? input.default
      if (value === undefined) throw new Error(`input ${key} is mandatory`)
      const type = input.type ?? 'string'
      const actual = Array.isArray(value) ? 'array' : typeof value
      if (actual !== type) throw new Error(`input ${key}: expected a ${type}, got ${JSON.stringify(value)}`)
      if (input.options !== undefined && !input.options.includes(value))
        throw new Error(`input ${key}: ${JSON.stringify(value)} is not one of the options`)
      if (
        input.regex !== undefined &&
        !new RegExp(input.regex).test(typeof value === 'string' ? value : JSON.stringify(value))
      )
        throw new Error(`input ${key}: ${JSON.stringify(value)} does not match ${input.regex}`)
      return [key, value]
    }),
  )
}

/** A value that is one interpolation keeps its type; inside a longer string it is stringified. */
function interpolate(value: Json, inputs: Record<string, Json>): Json {
  if (typeof value === 'string') {
    const lookup = (name: string): Json => {
      const found = inputs[name]
      if (found === undefined) throw new Error(`unknown interpolation key: inputs.${name}`)
      return found
    }
    const whole = /^\$\[\[\s*inputs\.([A-Za-z0-9_-]+)\s*\]\]$/.exec(value)
    if (whole?.[1] !== undefined) return lookup(whole[1])
    return value.replace(INTERPOLATION, (_, name: string) => {
      const found = lookup(name)
      return typeof found === 'string' ? found : JSON.stringify(found)
    })
  }
  if (Array.isArray(value)) return value.map((item) => interpolate(item, inputs))
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        interpolate(key, inputs) as string,
        interpolate(item, inputs),
      ]),
    )
  }
  return value
}

/**
 * A directory to put first on PATH, standing in for the image: `steadystate` (the built CLI) and
 * `steadystate-gitlab` (the helper the image ships), so the job script runs as in the image.
 */
export function imageLikeBin(dir: string): string {
  const bin = join(dir, 'bin')
  mkdirSync(bin, { recursive: true })
  writeFileSync(join(bin, 'steadystate'), `#!/bin/sh\nexec "${process.execPath}" "${CLI_BIN}" "$@"\n`)
  chmodSync(join(bin, 'steadystate'), 0o755)
  symlinkSync(join(REPO_ROOT, 'packages/gitlab/bin/steadystate-gitlab'), join(bin, 'steadystate-gitlab'))
  return bin
}

export interface JobResult {
  /** The script's exit code: the job's result (after_script's never changes it). */
  code: number | null
  /** The script's and after_script's output. */
  output: string
  afterScript: { code: number | null; output: string } | undefined
}

export interface JobOptions {
  projectDir: string
  bin: string
  env?: Record<string, string>
}

/**
 * Starts one part of the job as the GitLab runner does with bash: the lines in order under
 * `set -eo pipefail`, in CI_PROJECT_DIR, with the job's variables in the environment.
 */
export function startScript(
  job: Job,
  part: 'script' | 'after_script',
  options: JobOptions,
): {
  child: ChildProcess
  done: Promise<{ code: number | null; output: string }>
  waitFor(pattern: RegExp): Promise<void>
} {
  const lines = part === 'script' ? job.script : ((job.definition.after_script ?? []) as string[])
  const child = spawn('bash', ['-c', ['set -eo pipefail', ...lines].join('\n')], {
    cwd: options.projectDir,
    env: {
      ...process.env,
      PATH: `${options.bin}:${process.env.PATH ?? ''}`,
      CI: 'true',
      GITLAB_CI: 'true',
      CI_PROJECT_DIR: options.projectDir,
      CI_JOB_NAME: job.name,
      CI_JOB_ID: '4242',
      NO_COLOR: '1',
      ...job.variables,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  stopWhenTestEnds(child)
  let output = ''
  const waiters: { pattern: RegExp; resolve: () => void }[] = []
  const collect = (chunk: Buffer): void => {
    output += chunk.toString()
    for (const waiter of [...waiters]) {
      if (!waiter.pattern.test(output)) continue
      waiters.splice(waiters.indexOf(waiter), 1)
      waiter.resolve()
    }
  }
  child.stdout.on('data', collect)
  child.stderr.on('data', collect)
  return {
    child,
    done: new Promise((resolve) => child.on('close', (code) => resolve({ code, output }))),
    waitFor: (pattern) =>
      pattern.test(output) ? Promise.resolve() : new Promise((resolve) => waiters.push({ pattern, resolve })),
  }
}

/** Runs the job's script, then its after_script (which GitLab runs whatever the script's outcome). */
export async function runJob(job: Job, options: JobOptions): Promise<JobResult> {
  const script = await startScript(job, 'script', options).done
  const afterScript =
    job.definition.after_script === undefined ? undefined : await runAfterScript(job, options)
  return { code: script.code, output: script.output + (afterScript?.output ?? ''), afterScript }
}

export function runAfterScript(
  job: Job,
  options: JobOptions,
): Promise<{ code: number | null; output: string }> {
  return startScript(job, 'after_script', options).done
}

/** The dotenv report as GitLab reads it: KEY=VALUE lines. */
export function readDotenv(path: string): Record<string, string> {
  return Object.fromEntries(
    readFileSync(path, 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  )
}
