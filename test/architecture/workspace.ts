import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import ts from 'typescript'
import { REPO_ROOT } from '../support/paths.ts'

/** One workspace package, as its package.json declares it. */
export interface WorkspacePackage {
  /** Its folder under packages/: `core`, `github-action`, … */
  folder: string
  name: string
  /** Every name in dependencies and devDependencies. */
  dependencies: string[]
  /** The subpaths its exports map declares (`.`, `./client`, …). */
  exportPaths: string[]
}

/** One import statement (static, dynamic or re-export) of a TypeScript file in a package. */
export interface Import {
  /** Repository-relative path of the importing file. */
  file: string
  line: number
  specifier: string
}

export interface Workspace {
  packages: WorkspacePackage[]
  /** Imports by package folder. */
  imports: Map<string, Import[]>
  /** The root package.json's devDependencies: what the tests and scripts may import too. */
  rootDevDependencies: string[]
}

/** The fields of a package.json read here. */
interface Manifest {
  name?: string
  dependencies?: Record<string, string>
  devDependencies?: Record<string, string>
  exports?: Record<string, unknown>
}

const readManifest = (path: string): Manifest => JSON.parse(readFileSync(path, 'utf8')) as Manifest

const dependencyNames = (manifest: Manifest): string[] => [
  ...Object.keys(manifest.dependencies ?? {}),
  ...Object.keys(manifest.devDependencies ?? {}),
]

/** The TypeScript files of a package folder (sources, tests, test support; no dist, no node_modules). */
function typeScriptFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((entry) => {
    if (entry === 'node_modules' || entry === 'dist') return []
    const path = join(directory, entry)
    if (statSync(path).isDirectory()) return typeScriptFiles(path)
    return /\.(m|c)?ts$/.test(entry) && !entry.endsWith('.d.ts') ? [path] : []
  })
}

/** Every import of a file, with its line, as TypeScript's pre-processor reads them. */
export function importsOf(file: string, text: string): Import[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest)
  return ts.preProcessFile(text, true, true).importedFiles.map((imported) => ({
    file,
    line: source.getLineAndCharacterOfPosition(imported.pos).line + 1,
    specifier: imported.fileName,
  }))
}

/** Reads every packages/<folder>/package.json and the imports of every TypeScript file beside it. */
export function readWorkspace(root = REPO_ROOT): Workspace {
  const packages: WorkspacePackage[] = []
  const imports = new Map<string, Import[]>()
  for (const folder of readdirSync(join(root, 'packages')).sort()) {
    const directory = join(root, 'packages', folder)
    let manifest: Manifest
    try {
      manifest = readManifest(join(directory, 'package.json'))
    } catch {
      continue // packages/gitlab: shell scripts, no package.json
    }
    packages.push({
      folder,
      name: manifest.name ?? folder,
      dependencies: dependencyNames(manifest),
      exportPaths: Object.keys(manifest.exports ?? {}),
    })
    imports.set(
      folder,
      typeScriptFiles(directory).flatMap((path) =>
        importsOf(relative(root, path), readFileSync(path, 'utf8')),
      ),
    )
  }
  const rootDevDependencies = Object.keys(readManifest(join(root, 'package.json')).devDependencies ?? {})
  return { packages, imports, rootDevDependencies }
}
