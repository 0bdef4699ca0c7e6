import { setFailed } from '@actions/core'
import { surviveClosedOutput } from '@steadystate/cli'
import { post } from './post.ts'

/** The post step's one error boundary, as the main step's (main-entry.ts). */
export async function runPost(): Promise<void> {
  surviveClosedOutput(process.stdout, process.stderr)
  await post().catch((error: unknown) => {
    setFailed(
      `steadystate post step: internal error, please report it: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    )
  })
}
