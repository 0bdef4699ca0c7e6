import { main } from './index.ts'
import { surviveClosedOutput } from './output/streams.ts'

surviveClosedOutput(process.stdout, process.stderr)

/**
 * The executable. First SIGINT/SIGTERM: the engine stops the current activity and runs the rollbacks.
 * Second: a reminder that rollbacks are running. Third: write the last journal checkpoint and exit.
 */
const controller = new AbortController()
let signals = 0
let beforeForcedExit: (() => void) | undefined
const onSignal = (signal: NodeJS.Signals): void => {
  signals++
  if (signals === 1) {
    controller.abort(signal)
    return
  }
  if (signals === 2) {
    process.stderr.write(
      `received ${signal} again: rollbacks are still running; send it once more to exit now\n`,
    )
    return
  }
  process.stderr.write(
    `received ${signal} a third time: writing the journal and exiting without finishing the rollbacks\n`,
  )
  try {
    beforeForcedExit?.()
  } finally {
    process.exit(1)
  }
}
process.on('SIGINT', onSignal)
process.on('SIGTERM', onSignal)

const code = await main(process.argv.slice(2), {
  stdout: { write: (text) => process.stdout.write(text), isTTY: process.stdout.isTTY },
  stderr: { write: (text) => process.stderr.write(text), isTTY: process.stderr.isTTY },
  env: process.env,
  cwd: process.cwd(),
  signal: controller.signal,
  onForcedExit: (flush) => {
    beforeForcedExit = flush
  },
})
process.exitCode = code
