#!/usr/bin/env node
// The bundled CLI lives in dist/ (built by `pnpm build`); this file only loads it.
import module from 'node:module'

// Node 22+ keeps compiled bytecode between runs: most of a short run's start-up time.
module.enableCompileCache?.()

import('../dist/cli.js').catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli.js')) {
    console.error('steadystate: the CLI is not built yet. Run `pnpm build` (or scripts/bootstrap) first.')
    process.exit(2)
  }
  throw error
})
