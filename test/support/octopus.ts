import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseServiceMessages, type CalamariMessage } from './calamari.ts'
import { steadystateOnPath } from './octopus-path.ts'
import { REPO_ROOT } from './paths.ts'
import { stopWhenTestEnds } from './processes.ts'

/**
 * Runs the committed Octopus step template's ScriptBody as Octopus does: written to a file and
 * sourced by a bootstrap that defines Calamari's helper functions (test/support/octopus/bootstrap.sh),
 * with the parameters as Octopus variables. The service messages it prints are decoded for assertions.
 */

export const TEMPLATE_PATH = join(REPO_ROOT, 'step-templates/steadystate-run-experiment.json')
export const BOOTSTRAP = join(REPO_ROOT, 'test/support/octopus/bootstrap.sh')

interface TemplateFile {
  Properties: Record<string, string>
  Parameters: { Name: string; DefaultValue: string | null }[]
}

export function readTemplate(): TemplateFile {
  return JSON.parse(readFileSync(TEMPLATE_PATH, 'utf8')) as TemplateFile
}

/** A service message as Calamari reads it (see calamari.ts): its name and decoded attributes. */
export type ServiceMessage = CalamariMessage

export interface StepRun {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  messages: ServiceMessage[]
  artifacts: { path: string; name: string; length: number }[]
  outputVariables: Record<string, string>
  /** fail_step's message: what Octopus shows as the step's result. */
  resultMessage: string | undefined
  /** Lines written between ##octopus[stdout-highlight] / [stdout-warning] and [stdout-default]. */
  highlights: string[]
  warnings: string[]
}

export interface StepOptions {
  /** Octopus variables by full name; the template's parameters default to their DefaultValue. */
  variables?: Record<string, string>
  /** The working directory Octopus runs the step in. */
  cwd: string
  /** The step's environment, and nothing else from the test's (PATH defaults to steadystateOnPath()). */
  env?: Record<string, string>
}

export interface StepProcess {
  child: ChildProcess
  done: Promise<StepRun>
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>
}

export { parseServiceMessages }

function linesAt(stdout: string, level: 'highlight' | 'warning'): string[] {
  const lines: string[] = []
  let current = 'default'
  for (const line of stdout.split('\n')) {
    const switched = /^##octopus\[stdout-(\w+)\]$/.exec(line)
    if (switched !== null) current = switched[1]!
    else if (current === level) lines.push(line)
  }
  return lines
}

export function summarizeStep(
  result: Omit<
    StepRun,
    'messages' | 'artifacts' | 'outputVariables' | 'resultMessage' | 'highlights' | 'warnings'
  >,
): StepRun {
  const messages = parseServiceMessages(result.stdout)
  const named = (name: string) => messages.filter((message) => message.name === name)
  return {
    ...result,
    messages,
    artifacts: named('createArtifact').map(({ attributes }) => ({
      path: attributes.path ?? '',
      name: attributes.name ?? '',
      length: Number(attributes.length),
    })),
    outputVariables: Object.fromEntries(
      named('setVariable').map(({ attributes }) => [attributes.name ?? '', attributes.value ?? '']),
    ),
    resultMessage: named('resultMessage').at(-1)?.attributes.message,
    highlights: linesAt(result.stdout, 'highlight'),
    warnings: linesAt(result.stdout, 'warning'),
  }
}

/**
 * The step as Octopus hands it to Calamari, in a directory of its own: the template's ScriptBody as
 * Script.sh, and one file per variable (the template's parameters default to their DefaultValue).
 */
export function stepTask(overrides: Record<string, string> = {}): {
  task: string
  variablesDir: string
  script: string
} {
  const task = mkdtempSync(join(tmpdir(), 'octopus-task-'))
  const variablesDir = join(task, 'variables')
  mkdirSync(variablesDir)
  const template = readTemplate()
  const variables: Record<string, string> = {
    ...Object.fromEntries(template.Parameters.map((p) => [p.Name, p.DefaultValue ?? ''])),
    ...overrides,
  }
  for (const [name, value] of Object.entries(variables))
    writeFileSync(join(variablesDir, Buffer.from(name).toString('base64url')), value)
  const script = join(task, 'Script.sh')
  writeFileSync(script, template.Properties['Octopus.Action.Script.ScriptBody'] ?? '')
  return { task, variablesDir, script }
}

/** Starts the step with bash on this machine, as Calamari on a worker. */
export function startStep(options: StepOptions): StepProcess {
  const { task, variablesDir, script } = stepTask(options.variables)
  const child = spawn('/bin/bash', [BOOTSTRAP, variablesDir, script], {
    cwd: options.cwd,
    env: { PATH: steadystateOnPath(), HOME: task, ...options.env },
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
  const done = new Promise<StepRun>((resolve) => {
    child.on('close', (code, signal) => resolve(summarizeStep({ code, signal, stdout, stderr })))
  })
  return {
    child,
    done,
    waitForOutput(pattern, timeoutMs = 30_000) {
      if (pattern.test(stdout)) return Promise.resolve()
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`timed out waiting for ${pattern}; output so far:\n${stdout}`)),
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

export function runStep(options: StepOptions): Promise<StepRun> {
  return startStep(options).done
}
