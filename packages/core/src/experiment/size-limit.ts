import type { Environment } from '../config/configuration.ts'
import { ExperimentUnreadableError, SteadystateError } from '../errors.ts'

/** The variable that raises (or lowers) the size limit of an experiment, in bytes. */
export const MAX_EXPERIMENT_BYTES_VARIABLE = 'STEADYSTATE_MAX_EXPERIMENT_BYTES'

/**
 * Real experiments weigh kilobytes; without a bound, a URL that never stops answering fills memory
 * (4 GB in 30 s was seen) and a path like /dev/zero never ends.
 */
export const DEFAULT_MAX_EXPERIMENT_BYTES = 10 * 1024 * 1024

export interface SizeLimit {
  bytes: number
  /** Set by MAX_EXPERIMENT_BYTES_VARIABLE rather than the default. */
  configured: boolean
}

/** The limit from the environment, or the default; a value that is not a byte count is a usage error. */
export function experimentSizeLimit(env: Environment): SizeLimit {
  const raw = env[MAX_EXPERIMENT_BYTES_VARIABLE]
  if (raw === undefined || raw.trim() === '')
    return { bytes: DEFAULT_MAX_EXPERIMENT_BYTES, configured: false }
  const bytes = Number(raw.trim())
  if (!Number.isSafeInteger(bytes) || bytes <= 0) {
    throw new SteadystateError(
      'USAGE',
      `${MAX_EXPERIMENT_BYTES_VARIABLE}=${JSON.stringify(raw)} must be a whole number of bytes, more than 0`,
      { hint: `e.g. ${MAX_EXPERIMENT_BYTES_VARIABLE}=${2 * DEFAULT_MAX_EXPERIMENT_BYTES}` },
    )
  }
  return { bytes, configured: true }
}

/** Thrown by readCapped when the limit is passed; callers turn it into tooLarge(source). */
export class TooLargeError extends SteadystateError {
  constructor() {
    super('USAGE', 'the document is larger than the experiment size limit')
    this.name = 'TooLargeError'
  }
}

/** Reads a stream as UTF-8 text, stopping (and releasing the stream) as soon as it passes the limit. */
export async function readCapped(chunks: AsyncIterable<Uint8Array>, limit: SizeLimit): Promise<string> {
  const parts: Uint8Array[] = []
  let size = 0
  for await (const chunk of chunks) {
    size += chunk.byteLength
    if (size > limit.bytes) throw new TooLargeError()
    parts.push(chunk)
  }
  return Buffer.concat(parts).toString('utf8')
}

export function tooLarge(source: string, limit: SizeLimit): ExperimentUnreadableError {
  const size = `${formatBytes(limit.bytes)} (${limit.bytes.toLocaleString('en-US')} bytes)`
  const raise = `set ${MAX_EXPERIMENT_BYTES_VARIABLE} to a larger number of bytes to read it`
  return new ExperimentUnreadableError(
    source,
    limit.configured
      ? `the experiment is larger than ${size}, the limit ${MAX_EXPERIMENT_BYTES_VARIABLE} sets (${raise}); nothing was run`
      : `the experiment is larger than ${size}, steadystate's limit for an experiment (${raise}); nothing was run`,
  )
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / 1024 / 1024).toFixed(1))} MiB`
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KiB`
  return `${bytes} bytes`
}
