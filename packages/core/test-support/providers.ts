import type { HttpProvider, JsonObject, ProcessProvider, PythonProvider } from '@steadystate/model'
import { normalizeProvider } from '../src/experiment/normalize-provider.ts'

/**
 * Providers as an experiment declares them, typed as the engine reads them (what a provider type's
 * `validate` and `run` take). Tests write the provider as JSON and get the typed one.
 */
export const declared = {
  python(source: Record<string, unknown>): PythonProvider {
    const provider = normalizeProvider({ ...json(source), type: 'python' })
    if (provider.kind !== 'python') throw new Error('not a python provider')
    return provider
  },
  process(source: Record<string, unknown>): ProcessProvider {
    const provider = normalizeProvider({ ...json(source), type: 'process' })
    if (provider.kind !== 'process') throw new Error('not a process provider')
    return provider
  },
  http(source: Record<string, unknown>): HttpProvider {
    const provider = normalizeProvider({ ...json(source), type: 'http' })
    if (provider.kind !== 'http') throw new Error('not an http provider')
    return provider
  },
}

/** Test literals are JSON (YAML's `.inf` included: numbers that JSON cannot write). */
function json(source: Record<string, unknown>): JsonObject {
  return source as JsonObject
}
