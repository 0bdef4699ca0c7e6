/**
 * Python `re.compile` + `re.search` for tolerance patterns. Experiments were written for Python's
 * engine, so a pattern is parsed with Python's rules (and rejected with Python's messages), then run
 * as an equivalent JavaScript regex.
 */
import { errorMessage } from '../errors.ts'
import { emitJavaScript } from './pyregex-emit.ts'
import { PyRegexError } from './pyregex-escape.ts'
import { parsePythonPattern } from './pyregex-parse.ts'

export type PythonRegex =
  | { ok: true; regex: RegExp }
  /** `unsupported`: Python accepts the pattern but steadystate cannot run it (e.g. `(?(1)a|b)`). */
  | { ok: false; message: string; unsupported: boolean }

const cache = new Map<string, PythonRegex>()
const CACHE_SIZE = 256

export function compilePythonRegex(pattern: string): PythonRegex {
  const cached = cache.get(pattern)
  if (cached !== undefined) return cached
  const compiled = compile(pattern)
  if (cache.size >= CACHE_SIZE) cache.clear()
  cache.set(pattern, compiled)
  return compiled
}

function compile(pattern: string): PythonRegex {
  let emitted
  try {
    emitted = emitJavaScript(parsePythonPattern(pattern))
  } catch (error) {
    if (error instanceof PyRegexError) {
      return { ok: false, message: error.message, unsupported: error.unsupported }
    }
    // Not a Python error (e.g. nesting deep enough to exhaust the stack): refuse rather than throw.
    return { ok: false, message: `cannot be read (${errorMessage(error)})`, unsupported: true }
  }
  try {
    return { ok: true, regex: new RegExp(emitted.source, emitted.flags) }
  } catch (error) {
    // The translation is meant to always compile; if it does not, say so rather than misjudge.
    return {
      ok: false,
      message: `cannot be run by the JavaScript engine (${errorMessage(error)})`,
      unsupported: true,
    }
  }
}

/** Python's `re.search(pattern, text) is not None`. */
export function pythonSearch(regex: RegExp, text: string): boolean {
  regex.lastIndex = 0
  return regex.test(text)
}
