import { resolve } from 'node:path'
import { notRunJournal, writeJournal } from '@steadystate/core'
import type { CommandIO } from './commands/run.ts'
import { VERSION } from './version.ts'

/**
 * A wrong flag still leaves a journal behind (status `aborted`, the usage error in it), so a pipeline
 * that publishes journal.json always finds one. The path is read leniently from the raw arguments.
 */
export async function writeUsageJournal(args: string[], io: CommandIO, message: string): Promise<void> {
  let path = 'journal.json'
  let source = '(unknown experiment)'
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? ''
    if (arg === '--journal-path' && args[index + 1] !== undefined) path = args[++index] ?? path
    else if (arg.startsWith('--journal-path=')) path = arg.slice('--journal-path='.length)
    else if (!arg.startsWith('-') && source === '(unknown experiment)') source = arg
  }
  try {
    await writeJournal(resolve(io.cwd, path), notRunJournal(source, 'USAGE', message, VERSION))
  } catch {
    // The usage error is what matters; a journal we cannot write adds nothing.
  }
}
