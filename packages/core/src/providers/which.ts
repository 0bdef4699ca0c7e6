import { constants } from 'node:fs'
import { access, stat } from 'node:fs/promises'
import { homedir } from 'node:os'
import { delimiter, isAbsolute, join, resolve } from 'node:path'
import type { Environment } from '../config/configuration.ts'

/** Python's `os.path.expanduser` for the current user. */
export function expandUser(path: string, env: Environment): string {
  if (path === '~' || path.startsWith('~/')) return (env.HOME ?? homedir()) + path.slice(1)
  return path
}

async function isExecutableFile(path: string): Promise<boolean> {
  try {
    const info = await stat(path)
    if (!info.isFile()) return false
    await access(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** Python's `shutil.which`: a path with a directory part is checked as is, a bare name on PATH. */
export async function which(command: string, env: Environment, cwd: string): Promise<string | undefined> {
  const expanded = expandUser(command, env)
  if (expanded.includes('/')) {
    const full = isAbsolute(expanded) ? expanded : resolve(cwd, expanded)
    return (await isExecutableFile(full)) ? full : undefined
  }
  for (const directory of (env.PATH ?? '').split(delimiter)) {
    if (directory === '') continue
    const candidate = join(isAbsolute(directory) ? directory : resolve(cwd, directory), expanded)
    if (await isExecutableFile(candidate)) return candidate
  }
  return undefined
}
