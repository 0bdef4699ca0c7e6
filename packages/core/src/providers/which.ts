import { accessSync, constants, statSync } from 'node:fs'
import { homedir } from 'node:os'
import { delimiter, isAbsolute, join, resolve } from 'node:path'
import type { Environment } from '../config/configuration.ts'

/** Python's `os.path.expanduser` for the current user. */
export function expandUser(path: string, env: Environment): string {
  if (path === '~' || path.startsWith('~/')) return (env.HOME ?? homedir()) + path.slice(1)
  return path
}

/**
 * Synchronous, as Python's is, and without an exception for the usual miss: a lookup stats every
 * PATH directory until it finds the program, and an asynchronous stat (a thread-pool round trip,
 * an Error per miss) costs ten times the stat itself, several milliseconds per activity.
 */
function isExecutableFile(path: string): boolean {
  try {
    if (statSync(path, { throwIfNoEntry: false })?.isFile() !== true) return false
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/**
 * Python's `shutil.which`: a path with a directory part is checked as is, a bare name on PATH.
 * The lookup itself is synchronous (see `isExecutableFile`); callers get a promise.
 */
export function which(command: string, env: Environment, cwd: string): Promise<string | undefined> {
  return Promise.resolve(findExecutable(expandUser(command, env), env, cwd))
}

function findExecutable(command: string, env: Environment, cwd: string): string | undefined {
  if (command.includes('/')) {
    const full = isAbsolute(command) ? command : resolve(cwd, command)
    return isExecutableFile(full) ? full : undefined
  }
  for (const directory of (env.PATH ?? '').split(delimiter)) {
    if (directory === '') continue
    const candidate = join(isAbsolute(directory) ? directory : resolve(cwd, directory), command)
    if (isExecutableFile(candidate)) return candidate
  }
  return undefined
}
