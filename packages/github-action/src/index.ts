import { enableCompileCache } from './compile-cache.ts'

// First, so that the compile cache covers every module the action loads.
enableCompileCache()
// This file is always bundled on its own into dist/index.js, so its URL locates the bundle's fonts.
const { runMain } = await import('./main-entry.ts')
await runMain(new URL('.', import.meta.url))
