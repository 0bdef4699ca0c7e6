#!/usr/bin/env node
// Regenerates step-templates/steadystate-run-experiment.json (`--check`: only compares). The
// generator is TypeScript; Node 20 cannot run that directly, so esbuild bundles it in memory first.
import { build } from 'esbuild'
import { Buffer } from 'node:buffer'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const bundle = await build({
  entryPoints: [fileURLToPath(new URL('../packages/octopus/src/generate.ts', import.meta.url))],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  conditions: ['steadystate-source'],
  write: false,
  logLevel: 'warning',
})
const code = bundle.outputFiles[0].text
const { generate } = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)
process.exitCode = generate(root, process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
})
