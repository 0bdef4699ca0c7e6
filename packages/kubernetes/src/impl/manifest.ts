import { isRecord } from '@steadystate/model'
import { readFile } from 'node:fs/promises'
import { extname, resolve } from 'node:path'
import { ActivityFailedError, parseText, systemErrorCode } from '@steadystate/core'

export type Manifest = Record<string, unknown>

/**
 * The format a `spec_path` is read as, from its extension only (as the reference does): `.json`,
 * `.yaml` or `.yml`; anything else is refused before the file is opened.
 */
export function manifestFormat(specPath: string): 'json' | 'yaml' | undefined {
  const extension = extname(specPath).toLowerCase()
  if (extension === '.json') return 'json'
  if (extension === '.yaml' || extension === '.yml') return 'yaml'
  return undefined
}

/**
 * Reads one Kubernetes object from a JSON or YAML file, relative to the run's working directory.
 * YAML is parsed like PyYAML's `safe_load` (the parser the experiment loader uses): YAML 1.1
 * booleans, no custom tags, one document. When `kind` is given, a manifest of another kind is
 * refused here with a message naming both, rather than by the API server's terser 400.
 */
export async function loadManifest(specPath: string, cwd: string, kind?: string): Promise<Manifest> {
  const format = manifestFormat(specPath)
  if (format === undefined) {
    throw new ActivityFailedError(`cannot process ${specPath}: spec_path must end in .json, .yaml or .yml`)
  }
  const path = resolve(cwd, specPath)
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    const code = systemErrorCode(error) ?? String(error)
    throw new ActivityFailedError(`cannot read spec_path '${specPath}' (${path}): ${code}`, { cause: error })
  }
  const parsed = await parseText(text, format)
  if (!parsed.ok) throw new ActivityFailedError(`${specPath}: ${parsed.error}`)
  if (!isRecord(parsed.value)) {
    throw new ActivityFailedError(
      `${specPath} must hold one Kubernetes object (a mapping with apiVersion, kind and metadata)`,
    )
  }
  const found = parsed.value.kind
  if (kind !== undefined && found !== undefined && found !== kind) {
    throw new ActivityFailedError(
      `${specPath} describes a ${JSON.stringify(found)}, but this action creates a ${kind}`,
    )
  }
  return parsed.value
}

/** An object argument (`spec`, `meta`), failing clearly when it is not a mapping. */
export function objectArg(args: Record<string, unknown>, name: string): Manifest | undefined {
  const value = args[name]
  if (value === undefined || value === null) return undefined
  if (!isRecord(value))
    throw new ActivityFailedError(`argument '${name}' must be a mapping, got ${JSON.stringify(value)}`)
  return value
}
