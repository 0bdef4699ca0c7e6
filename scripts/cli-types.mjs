// The type declarations of the CLI's library entry (packages/cli/src/lib.ts) for the npm package:
// one self-contained dist/index.d.ts. The package bundles every workspace package into its
// JavaScript, so its types cannot name @steadystate/core or @steadystate/model either: the types
// they export are inlined. Slow (a declaration build of the whole engine), so the release script
// makes it, not every `pnpm build`.
import dtsBundleGenerator from 'dts-bundle-generator'
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from './cli-files.mjs'

/**
 * `paths` from every workspace package's exports to its TypeScript sources: resolved so, they are
 * the program's own files (not libraries behind node_modules), which the generator inlines.
 */
function workspacePaths() {
  const paths = {}
  for (const pkg of readdirSync(join(ROOT, 'packages'))) {
    let manifest
    try {
      manifest = JSON.parse(readFileSync(join(ROOT, 'packages', pkg, 'package.json'), 'utf8'))
    } catch {
      continue
    }
    for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
      const source = typeof target === 'object' ? target['steadystate-source'] : undefined
      if (source !== undefined) paths[join(manifest.name, subpath)] = [join(ROOT, 'packages', pkg, source)]
    }
  }
  return paths
}

/** Writes the declarations of `@steadystate/cli` to `outFile`. */
export function writeCliTypes(outFile) {
  // Inside the repository, so that `types: ["node"]` finds @types/node.
  const work = join(ROOT, '.tmp/cli-types')
  mkdirSync(work, { recursive: true })
  const tsconfig = join(work, 'tsconfig.json')
  writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: join(ROOT, 'tsconfig.base.json'),
      compilerOptions: {
        noEmit: false,
        // Declarations then import './x.js', which resolves to the emitted x.d.ts.
        rewriteRelativeImportExtensions: true,
        paths: workspacePaths(),
        // The generator compiles from the entry alone (no `files`): core imports the Python worker
        // as text (esbuild's text loader), and this declares such modules.
        types: ['node', join(ROOT, 'packages/core/src/python-source.d.ts')],
      },
      files: [join(ROOT, 'packages/cli/src/lib.ts')],
    }),
  )
  try {
    const [declarations] = dtsBundleGenerator.generateDtsBundle(
      [{ filePath: join(ROOT, 'packages/cli/src/lib.ts'), output: { noBanner: true } }],
      { preferredConfigPath: tsconfig },
    )
    // Some signatures take Node's streams: a TypeScript consumer needs @types/node, as for any
    // library of Node.js.
    writeFileSync(outFile, `/// <reference types="node" />\n${declarations}`)
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}
