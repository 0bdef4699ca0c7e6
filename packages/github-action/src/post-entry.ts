import { enableCompileCache } from './compile-cache.ts'

// As in index.ts: first, then the post step itself, bundled into dist/post.js (action.yml's `post:`).
enableCompileCache()
const { runPost } = await import('./post-run.ts')
await runPost()
