import { setFailed } from '@actions/core'
import { surviveClosedOutput } from '@steadystate/cli/job'
import { post } from './post.ts'

// Bundled into dist/post.js, action.yml's `post:` step; the one error boundary, as in index.ts.
surviveClosedOutput(process.stdout, process.stderr)
await post().catch((error: unknown) => {
  setFailed(
    `steadystate post step: internal error, please report it: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  )
})
