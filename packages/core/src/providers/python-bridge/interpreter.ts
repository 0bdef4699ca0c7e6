import { join } from 'node:path'
import type { Environment } from '../../config/configuration.ts'
import { which } from '../which.ts'

/** Where the interpreter came from, for messages and `discover`. */
export type InterpreterSource = 'STEADYSTATE_PYTHON' | 'VIRTUAL_ENV' | 'PATH'

export type InterpreterChoice =
  | { kind: 'found'; path: string; source: InterpreterSource }
  /** `STEADYSTATE_PYTHON=none`: the user turned the bridge off. */
  | { kind: 'off' }
  | { kind: 'missing'; reason: string }

/**
 * The Python that runs bridged activities: `STEADYSTATE_PYTHON` (a path, or a command on PATH;
 * `none` turns the bridge off), else the active virtualenv's (`VIRTUAL_ENV`, as `chaos` installed
 * there would run), else `python3` on PATH.
 */
export async function chooseInterpreter(env: Environment, cwd: string): Promise<InterpreterChoice> {
  const named = env.STEADYSTATE_PYTHON
  if (named !== undefined && named !== '') {
    if (named.toLowerCase() === 'none') return { kind: 'off' }
    const path = await which(named, env, cwd)
    return path === undefined
      ? { kind: 'missing', reason: `STEADYSTATE_PYTHON=${named} is not an executable file` }
      : { kind: 'found', path, source: 'STEADYSTATE_PYTHON' }
  }
  const venv = env.VIRTUAL_ENV
  if (venv !== undefined && venv !== '') {
    const path = await which(join(venv, 'bin', 'python'), env, cwd)
    if (path !== undefined) return { kind: 'found', path, source: 'VIRTUAL_ENV' }
  }
  const path = await which('python3', env, cwd)
  if (path !== undefined) return { kind: 'found', path, source: 'PATH' }
  const noVenv = venv === undefined || venv === '' ? 'no VIRTUAL_ENV' : `no bin/python in VIRTUAL_ENV=${venv}`
  return {
    kind: 'missing',
    reason: `no Python found (STEADYSTATE_PYTHON is not set, ${noVenv}, no python3 on PATH)`,
  }
}

/** One line saying which interpreter runs bridged activities, or why none does. */
export function describeChoice(choice: InterpreterChoice): string {
  switch (choice.kind) {
    case 'found':
      return `${choice.path} (from ${choice.source === 'PATH' ? 'python3 on PATH' : choice.source})`
    case 'off':
      return 'none: the Python bridge is off (STEADYSTATE_PYTHON=none)'
    case 'missing':
      return choice.reason
  }
}
