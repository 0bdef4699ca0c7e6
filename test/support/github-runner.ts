import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseText } from '@steadystate/core'
import { REPO_ROOT } from './paths.ts'
import { killTree, stopWhenTestEnds } from './processes.ts'

/**
 * Runs the committed GitHub Action bundle the way the runner does: `node24 dist/<entry>.js` with the
 * inputs as INPUT_<ID> variables (hyphens kept, action.yml's defaults filled in), fresh
 * GITHUB_OUTPUT / GITHUB_STATE / GITHUB_STEP_SUMMARY files per step, and the main step's saved state
 * handed to the post step as STATE_* variables.
 */
export const ACTION_DIST = join(REPO_ROOT, 'packages/github-action/dist')

let node24: string | undefined

/** The Node 24 binary the runner would use (`scripts/node24` installs it the first time). */
export function node24Path(): string {
  node24 ??= execFileSync(join(REPO_ROOT, 'scripts/node24'), { encoding: 'utf8' }).trim()
  return node24
}

interface ActionMetadata {
  inputs: Record<string, { default?: string }>
}

/** action.yml's input defaults, which the runner passes for inputs a workflow leaves out. */
export async function actionDefaults(): Promise<Record<string, string>> {
  const parsed = await parseText(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8'), 'yaml')
  if (!parsed.ok) throw new Error(`action.yml: ${parsed.error}`)
  const metadata = parsed.value as ActionMetadata
  return Object.fromEntries(
    Object.entries(metadata.inputs).flatMap(([name, input]) =>
      input.default === undefined ? [] : [[name, input.default]],
    ),
  )
}

export interface StepResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  /** Parsed from the step's GITHUB_OUTPUT file. */
  outputs: Record<string, string>
  /** Parsed from the step's GITHUB_STATE file (what the post step will see). */
  state: Record<string, string>
  summary: string
  /** When the process ended, ms since the step started. */
  elapsedMs: number
}

export interface Step {
  child: ChildProcess
  done: Promise<StepResult>
  /** Resolves once stdout matches `pattern`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>
}

export interface StepOptions {
  workspace: string
  inputs?: Record<string, string>
  env?: Record<string, string>
  /** The main step's state, for a post step. */
  state?: Record<string, string>
  /** Another copy of the bundle. @default ACTION_DIST */
  dist?: string
}

/** Starts one step of the action: `main` (dist/index.js) or `post` (dist/post.js). */
export async function startStep(entry: 'main' | 'post', options: StepOptions): Promise<Step> {
  const files = {
    GITHUB_OUTPUT: join(options.workspace, `.runner-${entry}-output`),
    GITHUB_STATE: join(options.workspace, `.runner-${entry}-state`),
    GITHUB_STEP_SUMMARY: join(options.workspace, `.runner-${entry}-summary`),
  }
  for (const file of Object.values(files)) writeFileSync(file, '')
  const inputs = { ...(await actionDefaults()), ...options.inputs }
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(INPUT_|STATE_|GITHUB_|RUNNER_)/.test(name)),
  )
  const env = {
    ...inherited,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: options.workspace,
    RUNNER_TEMP: options.workspace,
    ...files,
    ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [inputVariable(name), value])),
    ...Object.fromEntries(
      Object.entries(options.state ?? {}).map(([name, value]) => [`STATE_${name}`, value]),
    ),
    ...options.env,
  }
  const started = Date.now()
  const script = join(options.dist ?? ACTION_DIST, entry === 'main' ? 'index.js' : 'post.js')
  // The runner starts the action in the workspace, not in the repository that holds the action.
  const child = spawn(node24Path(), [script], {
    cwd: options.workspace,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  stopWhenTestEnds(child)
  let stdout = ''
  let stderr = ''
  const waiters: { pattern: RegExp; resolve: () => void }[] = []
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
    for (const waiter of [...waiters]) {
      if (!waiter.pattern.test(stdout)) continue
      waiters.splice(waiters.indexOf(waiter), 1)
      waiter.resolve()
    }
  })
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const done = new Promise<StepResult>((resolve) => {
    child.on('close', (code, signal) => {
      resolve({
        code,
        signal,
        stdout,
        stderr,
        outputs: parseFileCommands(readFileSync(files.GITHUB_OUTPUT, 'utf8')),
        state: parseFileCommands(readFileSync(files.GITHUB_STATE, 'utf8')),
        summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
        elapsedMs: Date.now() - started,
      })
    })
  })
  return {
    child,
    done,
    waitFor(pattern, timeoutMs = 20_000) {
      if (pattern.test(stdout)) return Promise.resolve()
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`timed out waiting for ${pattern}; stdout so far:\n${stdout}\n${stderr}`)),
          timeoutMs,
        )
        waiters.push({
          pattern,
          resolve: () => {
            clearTimeout(timer)
            resolve()
          },
        })
      })
    },
  }
}

export async function runStep(entry: 'main' | 'post', options: StepOptions): Promise<StepResult> {
  return (await startStep(entry, options)).done
}

/** The runner's variable for an input: `INPUT_` + the id upper-cased, spaces as `_`, hyphens kept. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

/**
 * Reads an environment file as the runner does: `name<<delimiter` heredocs (what @actions/core
 * writes) and plain `name=value` lines; the last value of a name wins.
 */
export function parseFileCommands(text: string): Record<string, string> {
  const values: Record<string, string> = {}
  const lines = text.split('\n')
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? ''
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc !== null) {
      const [, name = '', delimiter] = heredoc
      const end = lines.indexOf(delimiter ?? '', index + 1)
      if (end < 0) throw new Error(`unterminated heredoc for ${name}`)
      values[name] = lines.slice(index + 1, end).join('\n')
      index = end
    } else if (line.includes('=')) {
      values[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1)
    }
  }
  return values
}

/**
 * Cancels a step as the runner does: SIGINT to the action's process only, SIGTERM 7.5 s later, and
 * 2.5 s after that a kill of the whole process tree. Returns what was sent, in order.
 */
export async function cancelStep(step: Step): Promise<NodeJS.Signals[]> {
  const sent: NodeJS.Signals[] = []
  let exited = step.child.exitCode !== null || step.child.signalCode !== null
  void step.done.then(() => (exited = true))
  const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
  const waitUpTo = async (ms: number): Promise<void> => {
    const deadline = Date.now() + ms
    while (!exited && Date.now() < deadline) await pause(50)
  }
  step.child.kill('SIGINT')
  sent.push('SIGINT')
  await waitUpTo(7_500)
  if (exited) return sent
  step.child.kill('SIGTERM')
  sent.push('SIGTERM')
  await waitUpTo(2_500)
  if (exited) return sent
  killTree(step.child.pid ?? 0)
  sent.push('SIGKILL')
  return sent
}
