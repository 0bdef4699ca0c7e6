import { builtinModules } from 'node:module'
import { dirname, join, normalize } from 'node:path'
import type { Import, Workspace, WorkspacePackage } from './workspace.ts'

/**
 * The package graph (ARCHITECTURE.md): which workspace packages each package may import. Every
 * arrow points toward core and model; adapters reach the engine through the CLI's library entry and
 * core's public API, never through a driver or another package's files. A new package is added here
 * on purpose, with the arrows it needs.
 */
export const ALLOWED_WORKSPACE_IMPORTS: Readonly<Record<string, readonly string[]>> = {
  model: [],
  core: ['model'],
  kubernetes: ['core', 'model'],
  prometheus: ['core', 'model'],
  safeguards: ['core', 'model'],
  // The report charts Prometheus probes' results: it reads their shapes (@steadystate/prometheus/result).
  report: ['core', 'model', 'prometheus'],
  cli: ['core', 'model', 'kubernetes', 'prometheus', 'safeguards', 'report'],
  'github-action': ['cli', 'core', 'model', 'report'],
  octopus: ['model'],
}

/** What the engine (model and core) never imports: a CI system's library or a Kubernetes client. */
const NEVER_IN_ENGINE = [/^@actions\//, /^@octokit\//, /^@gitbeaker\//, /^@kubernetes\//]
const ENGINE = new Set(['model', 'core'])

const isBuiltin = (specifier: string): boolean =>
  specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0] ?? '')

/** `@scope/name/sub/path` → `{ name: '@scope/name', subpath: './sub/path' }`. */
function splitBare(specifier: string): { name: string; subpath: string } {
  const parts = specifier.split('/')
  const nameLength = specifier.startsWith('@') ? 2 : 1
  const rest = parts.slice(nameLength).join('/')
  return { name: parts.slice(0, nameLength).join('/'), subpath: rest === '' ? '.' : `./${rest}` }
}

const byFolderName = (workspace: Workspace, folder: string): string =>
  workspace.packages.find((pkg) => pkg.folder === folder)?.name ?? `packages/${folder}`

/**
 * Test files and test support may also import the root's dev dependencies (vitest, …) and the
 * repository's shared test helpers (test/support/: the loopback cluster's kubectl, the built CLI).
 */
const isTestFile = (file: string): boolean => /(\.test\.ts$|\/test\/|\/test-support\/)/.test(file)

/** Why one import breaks the rules, or undefined when it keeps them. */
function importProblem(
  pkg: WorkspacePackage,
  imported: Import,
  workspace: Workspace,
  byName: ReadonlyMap<string, WorkspacePackage>,
): string | undefined {
  const { specifier, file } = imported
  if (specifier.startsWith('.')) {
    const target = normalize(join(dirname(file), specifier))
    const home = `packages/${pkg.folder}/`
    if (target.startsWith(home)) return undefined
    if (isTestFile(file) && target.startsWith('test/support/')) return undefined
    const other = /^packages\/([^/]+)\//.exec(target)?.[1]
    return other === undefined
      ? `reaches outside packages/${pkg.folder} by relative path: a package's code stands on its own (only its tests may use test/support/)`
      : `reaches into packages/${other}'s files by relative path: import ${byFolderName(workspace, other)} (its public entry) instead`
  }
  if (isBuiltin(specifier)) return undefined
  if (ENGINE.has(pkg.folder) && NEVER_IN_ENGINE.some((pattern) => pattern.test(specifier)))
    return `${pkg.folder} is the engine: it never imports a CI library or a Kubernetes client (those belong in an adapter or a driver package)`
  const { name, subpath } = splitBare(specifier)
  const target = byName.get(name)
  if (target !== undefined) {
    const allowed = ALLOWED_WORKSPACE_IMPORTS[pkg.folder] ?? []
    if (!allowed.includes(target.folder))
      return `${pkg.folder} may import only ${allowed.length === 0 ? 'no workspace package' : allowed.map((folder) => byFolderName(workspace, folder)).join(', ')}`
    if (!target.exportPaths.includes(subpath))
      return `${name} exports no '${subpath}' (its public entries: ${target.exportPaths.join(', ')})`
  }
  if (pkg.dependencies.includes(name)) return undefined
  if (isTestFile(file) && workspace.rootDevDependencies.includes(name)) return undefined
  return `${name} is not a dependency of packages/${pkg.folder}/package.json`
}

/** The workspace packages each package depends on: declared in package.json, or imported. */
function packageGraph(workspace: Workspace): Map<string, Set<string>> {
  const byName = new Map(workspace.packages.map((pkg) => [pkg.name, pkg.folder]))
  const graph = new Map<string, Set<string>>()
  for (const pkg of workspace.packages) {
    const edges = new Set<string>()
    const names = [
      ...pkg.dependencies,
      ...(workspace.imports.get(pkg.folder) ?? []).map((imported) => splitBare(imported.specifier).name),
    ]
    for (const name of names) {
      const folder = byName.get(name)
      if (folder !== undefined && folder !== pkg.folder) edges.add(folder)
    }
    graph.set(pkg.folder, edges)
  }
  return graph
}

/** Every cycle in the package graph, each once, as `a → b → a`. */
export function cycles(graph: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const found = new Set<string>()
  const visit = (folder: string, path: string[]): void => {
    const at = path.indexOf(folder)
    if (at !== -1) {
      const cycle = path.slice(at)
      // The same cycle entered at another package: named from its smallest member.
      const start = cycle.indexOf([...cycle].sort()[0] ?? folder)
      const rotated = [...cycle.slice(start), ...cycle.slice(0, start)]
      found.add([...rotated, rotated[0]].join(' → '))
      return
    }
    for (const next of graph.get(folder) ?? []) visit(next, [...path, folder])
  }
  for (const folder of graph.keys()) visit(folder, [])
  return [...found].sort()
}

/** Every broken rule in the workspace, each naming the file, line and import (or the package). */
export function dependencyProblems(workspace: Workspace): string[] {
  const byName = new Map(workspace.packages.map((pkg) => [pkg.name, pkg]))
  const problems: string[] = []
  for (const pkg of workspace.packages) {
    if (ALLOWED_WORKSPACE_IMPORTS[pkg.folder] === undefined)
      problems.push(
        `packages/${pkg.folder} is not in ALLOWED_WORKSPACE_IMPORTS (test/architecture/dependency-rules.ts): add it with the packages it may import`,
      )
    for (const name of pkg.dependencies) {
      const target = byName.get(name)
      const allowed = ALLOWED_WORKSPACE_IMPORTS[pkg.folder] ?? []
      if (target !== undefined && !allowed.includes(target.folder))
        problems.push(
          `packages/${pkg.folder}/package.json depends on ${name}, which ${pkg.folder} may not import`,
        )
      if (ENGINE.has(pkg.folder) && NEVER_IN_ENGINE.some((pattern) => pattern.test(name)))
        problems.push(`packages/${pkg.folder}/package.json depends on ${name}: the engine never does`)
    }
    for (const imported of workspace.imports.get(pkg.folder) ?? []) {
      const problem = importProblem(pkg, imported, workspace, byName)
      if (problem !== undefined)
        problems.push(`${imported.file}:${imported.line} imports '${imported.specifier}': ${problem}`)
    }
  }
  for (const cycle of cycles(packageGraph(workspace)))
    problems.push(`packages depend on each other: ${cycle}`)
  return problems
}
