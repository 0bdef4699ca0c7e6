import { existsSync, mkdtempSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * A fresh directory of links to the named commands of this machine's PATH, plus `links` (name →
 * target): a PATH holding those and nothing else, as on a worker with only what a test grants it.
 */
export function pathOf(commands: readonly string[], links: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'bare-path-'))
  // A command listed twice (by two groups of tools) is linked once.
  for (const command of new Set(commands)) symlinkSync(whichSystem(command), join(dir, command))
  for (const [name, target] of Object.entries(links)) symlinkSync(target, join(dir, name))
  return dir
}

function whichSystem(command: string): string {
  const dir = (process.env.PATH ?? '/usr/bin:/bin').split(':').find((d) => existsSync(join(d, command)))
  if (dir === undefined) throw new Error(`${command} is not on PATH`)
  return join(dir, command)
}
