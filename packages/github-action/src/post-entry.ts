import { setFailed } from '@actions/core'
import { post } from './post.ts'

// Bundled into dist/post.js, action.yml's `post:` step; the one error boundary, as in index.ts.
await post(new URL('.', import.meta.url)).catch((error: unknown) => {
  setFailed(
    `steadystate post step: internal error, please report it: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  )
})
