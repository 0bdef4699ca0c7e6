import { setFailed } from '@actions/core'
import { surviveClosedOutput } from '@steadystate/cli/job'
import { run } from './main.ts'

// This file is always bundled on its own into dist/index.js, so its URL locates the bundle's fonts.
// The one error boundary: anything thrown is a bug, reported as the step's failure.
// A runner that stops reading the step's output must not take the run (and its rollbacks) down.
surviveClosedOutput(process.stdout, process.stderr)
await run(new URL('.', import.meta.url)).catch((error: unknown) => {
  setFailed(
    `steadystate: internal error, please report it: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  )
})
