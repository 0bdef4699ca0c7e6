import { createReadStream } from 'node:fs'
import type { Environment } from '../config/configuration.ts'
import { withDeadline } from '../deadline.ts'
import { errorMessage, ExperimentUnreadableError, SteadystateError, systemErrorCode } from '../errors.ts'
import { detectFormat, parseText } from './parse-text.ts'
import { experimentSizeLimit, readCapped, tooLarge, TooLargeError, type SizeLimit } from './size-limit.ts'

export interface LoadedExperiment {
  /** The path or URL it came from, as the user wrote it. */
  source: string
  /**
   * The parsed document: a non-empty mapping, as written (not yet normalised: `normalizeExperiment`
   * gives the engine's `Experiment`; the engine's entry points also take the document itself).
   */
  experiment: Record<string, unknown>
  /** The document's size in bytes (a journal names an invalid document by source and size only). */
  bytes: number
}

export interface LoadOptions {
  /** Used for `http(s)://` sources: `CHAOSTOOLKIT_LOADER_AUTH_BEARER_TOKEN` as the reference reads it. */
  bearerToken?: string
  verifyTls?: boolean
  /** The whole download's deadline. @default 30000 */
  fetchTimeoutMs?: number
  /** Stops a download (or a read that blocks, e.g. a FIFO) when the user interrupts. */
  signal?: AbortSignal
  /** Where `STEADYSTATE_MAX_EXPERIMENT_BYTES` is read from. */
  env?: Environment
}

/** Reads an experiment from a JSON/YAML file or an http(s) URL. Errors name the source. */
export async function loadExperiment(source: string, options: LoadOptions = {}): Promise<LoadedExperiment> {
  const limit = experimentSizeLimit(options.env ?? {})
  const signal = options.signal ?? new AbortController().signal
  const text = /^https?:\/\//i.test(source)
    ? await fetchText(source, options, limit, signal)
    : await readLocal(source, limit, signal)
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

async function readLocal(path: string, limit: SizeLimit, signal: AbortSignal): Promise<string> {
  try {
    return await readCapped(createReadStream(path, { signal }), limit)
  } catch (error) {
    if (error instanceof TooLargeError) throw tooLarge(path, limit)
    if (signal.aborted) throw interrupted(path, 'reading', signal)
    const code = systemErrorCode(error)
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'is a directory, not an experiment file'
            : errorMessage(error)
    throw new ExperimentUnreadableError(path, `cannot read the experiment: ${reason}`, { cause: error })
  }
}

async function fetchText(
  url: string,
  options: LoadOptions,
  limit: SizeLimit,
  signal: AbortSignal,
): Promise<string> {
  const headers: Record<string, string> = { accept: 'application/json, application/yaml, text/yaml, */*' }
  if (options.bearerToken !== undefined) headers.authorization = `Bearer ${options.bearerToken}`
  const timeoutMs = options.fetchTimeoutMs ?? 30_000
  const deadline = withDeadline(signal, timeoutMs)
  try {
    const response = await fetch(url, { headers, signal: deadline.signal })
    if (!response.ok)
      throw new ExperimentUnreadableError(
        url,
        `the server answered ${response.status} ${response.statusText}`,
      )
    const announced = Number(response.headers.get('content-length') ?? Number.NaN)
    if (announced > limit.bytes || response.body === null) {
      await response.body?.cancel()
      if (announced > limit.bytes) throw new TooLargeError()
      return ''
    }
    return await readCapped(response.body, limit)
  } catch (error) {
    // TooLargeError is a SteadystateError too: turn it into the sized message before rethrowing the rest.
    if (error instanceof TooLargeError) throw tooLarge(url, limit)
    if (error instanceof SteadystateError) throw error
    if (signal.aborted) throw interrupted(url, 'downloading', signal)
    if (deadline.signal.aborted)
      throw new ExperimentUnreadableError(
        url,
        `cannot download the experiment: no complete answer within ${timeoutMs / 1000} s`,
      )
    throw new ExperimentUnreadableError(url, `cannot download the experiment: ${errorMessage(error)}`, {
      cause: error,
    })
  } finally {
    deadline.clear()
  }
}

function interrupted(source: string, doing: string, signal: AbortSignal): SteadystateError {
  const reason: unknown = signal.reason
  const why =
    typeof reason === 'string' ? reason : reason instanceof Error ? reason.message : 'an interruption'
  return new SteadystateError(
    'INTERRUPTED',
    `${source}: stopped ${doing} the experiment (${why}); nothing was run`,
  )
}
