import { setFailed } from '@actions/core'
import { run } from './main.ts'

/** The main step's one error boundary: anything thrown is a bug, reported as the step's failure. */
export async function runMain(distUrl: URL): Promise<void> {
  await run(distUrl).catch((error: unknown) => {
    setFailed(
      `steadystate: internal error, please report it: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    )
  })
}
