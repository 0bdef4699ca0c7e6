import { describe, expect, it } from 'vitest'
import { cycles, dependencyProblems } from './dependency-rules.ts'
import { importsOf, readWorkspace, type Workspace, type WorkspacePackage } from './workspace.ts'

/**
 * The package graph ARCHITECTURE.md draws, checked on every package.json and every import of every
 * TypeScript file under packages/: model imports nothing of ours, core only model (never a CI
 * library or a Kubernetes client), adapters reach the engine through public entries, no package
 * reaches into another's files, no cycles.
 */

describe('the dependency graph of the workspace', () => {
  it('keeps every rule (each problem names the file, line and import)', () => {
    const workspace = readWorkspace()
    expect(workspace.packages.map((pkg) => pkg.folder)).toEqual(
      expect.arrayContaining(['model', 'core', 'kubernetes', 'report', 'cli', 'github-action', 'octopus']),
    )
    expect(workspace.imports.get('core')?.length).toBeGreaterThan(50)
    expect(dependencyProblems(workspace)).toEqual([])
  })
})

const pkg = (folder: string, dependencies: string[] = [], exportPaths = ['.']): WorkspacePackage => ({
  folder,
  name: `@steadystate/${folder}`,
  dependencies,
  exportPaths,
})

/** A workspace of model, core and the GitHub Action whose files hold `source`s. */
function workspaceWith(sources: Partial<Record<'model' | 'core' | 'github-action', string>>): Workspace {
  const packages = [
    pkg('model'),
    pkg('core', ['@steadystate/model', 'yaml']),
    pkg('github-action', ['@actions/core', '@steadystate/core'], []),
  ]
  const imports = new Map(
    packages.map((p) => {
      const file = `packages/${p.folder}/src/sub/file.ts`
      return [p.folder, importsOf(file, sources[p.folder as keyof typeof sources] ?? '')]
    }),
  )
  return { packages, imports, rootDevDependencies: ['vitest'] }
}

describe('the dependency rules find', () => {
  it('an import of a workspace package the importer may not use, with file and line', () => {
    const problems = dependencyProblems(
      workspaceWith({ model: "import type { X } from './x.ts'\nimport { y } from '@steadystate/core'\n" }),
    )
    expect(problems).toEqual([
      "packages/model/src/sub/file.ts:2 imports '@steadystate/core': model may import only no workspace package",
      'packages depend on each other: core → model → core',
    ])
  })

  it('a CI library or Kubernetes client in the engine, even when declared', () => {
    const workspace = workspaceWith({
      core: "import * as k8s from '@kubernetes/client-node'\nconst c = await import('@actions/core')\n",
    })
    workspace.packages[1]!.dependencies.push('@kubernetes/client-node')
    expect(dependencyProblems(workspace)).toEqual([
      'packages/core/package.json depends on @kubernetes/client-node: the engine never does',
      "packages/core/src/sub/file.ts:1 imports '@kubernetes/client-node': core is the engine: it never imports a CI library or a Kubernetes client (those belong in an adapter or a driver package)",
      "packages/core/src/sub/file.ts:2 imports '@actions/core': core is the engine: it never imports a CI library or a Kubernetes client (those belong in an adapter or a driver package)",
    ])
  })

  it("a reach into another package's files, a subpath it does not export, an undeclared dependency", () => {
    const problems = dependencyProblems(
      workspaceWith({
        'github-action': [
          "import { runExperiment } from '../../../core/src/run/run-experiment.ts'",
          "import { x } from '@steadystate/core/src/errors.ts'",
          "import { y } from '@steadystate/model'",
          "import { parse } from 'yaml'",
          "import { it } from 'vitest'",
          "import { z } from '../../../../test/support/cli.ts'",
          "import { readFile } from 'node:fs/promises'",
          "import { join } from 'path'",
        ].join('\n'),
      }),
    )
    expect(problems).toEqual([
      "packages/github-action/src/sub/file.ts:1 imports '../../../core/src/run/run-experiment.ts': reaches into packages/core's files by relative path: import @steadystate/core (its public entry) instead",
      "packages/github-action/src/sub/file.ts:2 imports '@steadystate/core/src/errors.ts': @steadystate/core exports no './src/errors.ts' (its public entries: .)",
      "packages/github-action/src/sub/file.ts:3 imports '@steadystate/model': @steadystate/model is not a dependency of packages/github-action/package.json",
      "packages/github-action/src/sub/file.ts:4 imports 'yaml': yaml is not a dependency of packages/github-action/package.json",
      "packages/github-action/src/sub/file.ts:5 imports 'vitest': vitest is not a dependency of packages/github-action/package.json",
      "packages/github-action/src/sub/file.ts:6 imports '../../../../test/support/cli.ts': reaches outside packages/github-action by relative path: a package's code stands on its own (only its tests may use test/support/)",
    ])
  })

  it("lets test files use the root's dev dependencies and shared test helpers", () => {
    const workspace = workspaceWith({})
    const test = "import { it } from 'vitest'\nimport { kubectl } from '../../../test/support/kubectl.ts'"
    workspace.imports.set('core', importsOf('packages/core/test/a.test.ts', test))
    expect(dependencyProblems(workspace)).toEqual([])
  })

  it('a package the rules do not know yet', () => {
    const workspace = workspaceWith({})
    workspace.packages.push(pkg('newcomer'))
    expect(dependencyProblems(workspace)).toEqual([
      'packages/newcomer is not in ALLOWED_WORKSPACE_IMPORTS (test/architecture/dependency-rules.ts): add it with the packages it may import',
    ])
  })

  it('each cycle once, from its smallest member', () => {
    const graph = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a', 'd'])],
      ['d', new Set<string>()],
    ])
    expect(cycles(graph)).toEqual(['a → b → c → a'])
  })
})
