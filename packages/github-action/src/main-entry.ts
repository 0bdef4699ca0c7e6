import { setFailed } from '@actions/core'
import { surviveClosedOutput } from '@steadystate/cli'
import { run } from './main.ts'

/**
 * The main step's one error boundary: anything thrown is a bug, reported as the step's failure. A
 * runner that stops reading the step's output must not take the run (and its rollbacks) down.
 */
export async function runMain(distUrl: URL): Promise<void> {
  surviveClosedOutput(process.stdout, process.stderr)
  await run(distUrl).catch((error: unknown) => {
    setFailed(
      `steadystate: internal error, please report it: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    )
  })
}
