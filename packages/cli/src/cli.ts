import { rmSync } from 'node:fs'
import { commandName, main } from './index.ts'
import { surviveClosedOutput } from './output/streams.ts'
import { createSignalHandling } from './signals.ts'

surviveClosedOutput(process.stdout, process.stderr)

/** The executable: wires the process's signals, streams and exit code to `main` (see signals.ts). */
const argv = process.argv.slice(2)
// Commands that play rollbacks finish them on the first signal; the others stop at once.
const graceful = new Set(['run', 'rollback', 'recover'])
const signals = createSignalHandling(graceful.has(commandName(argv) ?? '') ? 'graceful' : 'immediate', {
  write: (text) => process.stderr.write(text),
  exit: (code) => process.exit(code),
  removeFile: (path) => rmSync(path, { force: true }),
})
process.on('SIGINT', signals.handle)
process.on('SIGTERM', signals.handle)

const code = await main(argv, {
  stdout: { write: (text) => process.stdout.write(text), isTTY: process.stdout.isTTY },
  stderr: { write: (text) => process.stderr.write(text), isTTY: process.stderr.isTTY },
  env: process.env,
  cwd: process.cwd(),
  signal: signals.signal,
  onForcedExit: signals.onForcedExit,
  temporaryFiles: signals.temporaryFiles,
})
process.exitCode = code
