import { readFile } from 'node:fs/promises'
import { ExperimentUnreadableError } from '../errors.ts'
import { detectFormat, parseText } from './parse-text.ts'

export interface LoadedExperiment {
  /** The path or URL it came from, as the user wrote it. */
  source: string
  /** The parsed document: an object, though not yet validated. */
  experiment: Record<string, unknown>
  /** The document's size in bytes (a journal names an invalid document by source and size only). */
  bytes: number
}

export interface LoadOptions {
  /** Used for `http(s)://` sources: `CHAOSTOOLKIT_LOADER_AUTH_BEARER_TOKEN` as the reference reads it. */
  bearerToken?: string
  verifyTls?: boolean
  fetchTimeoutMs?: number
}

/** Reads an experiment from a JSON/YAML file or an http(s) URL. Errors name the source. */
export async function loadExperiment(source: string, options: LoadOptions = {}): Promise<LoadedExperiment> {
  const text = /^https?:\/\//i.test(source) ? await fetchText(source, options) : await readLocal(source)
  const bytes = Buffer.byteLength(text)
  const parsed = await parseText(text, detectFormat(source, text))
  // The parse error and the size, never the content: the document may be a credential file.
  if (!parsed.ok)
    throw new ExperimentUnreadableError(source, `${parsed.error} (a document of ${bytes} bytes)`)
  const value = parsed.value
  if (
    value === null ||
    value === undefined ||
    (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0)
  ) {
    throw new ExperimentUnreadableError(source, 'an empty experiment is not an experiment')
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ExperimentUnreadableError(
      source,
      `an experiment must be a mapping (found ${Array.isArray(value) ? 'a list' : typeof value})`,
    )
  }
  return { source, experiment: value as Record<string, unknown>, bytes }
}

async function readLocal(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'is a directory, not an experiment file'
            : (error as Error).message
    throw new ExperimentUnreadableError(path, `cannot read the experiment: ${reason}`, { cause: error })
  }
}

async function fetchText(url: string, options: LoadOptions): Promise<string> {
  const headers: Record<string, string> = { accept: 'application/json, application/yaml, text/yaml, */*' }
  if (options.bearerToken !== undefined) headers.authorization = `Bearer ${options.bearerToken}`
  try {
    const response = await fetch(url, {
      headers,
      signal: AbortSignal.timeout(options.fetchTimeoutMs ?? 30_000),
    })
    if (!response.ok)
      throw new ExperimentUnreadableError(
        url,
        `the server answered ${response.status} ${response.statusText}`,
      )
    return await response.text()
  } catch (error) {
    if (error instanceof ExperimentUnreadableError) throw error
    throw new ExperimentUnreadableError(url, `cannot download the experiment: ${(error as Error).message}`, {
      cause: error,
    })
  }
}
