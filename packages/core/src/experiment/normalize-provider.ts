import {
  isJsonObject,
  malformed,
  type HttpProvider,
  type JsonObject,
  type JsonValue,
  type Malformed,
  type ProcessProvider,
  type Provider,
  type PythonProvider,
} from '@steadystate/model'

/**
 * A provider, typed by its `type`. Lenient: a field of the wrong shape becomes `Malformed` (see the
 * model), so validation can name it and a run without validation can still decide what to do.
 * Called on the provider as written (validation, logs) and on its substituted form (a run).
 */
export function normalizeProvider(source: JsonObject): Provider {
  const type = source.type
  if (type === 'python') return pythonProvider(source)
  if (type === 'process') return processProvider(source)
  if (type === 'http') return httpProvider(source)
  return { kind: 'other', type: typeof type === 'string' ? type : malformed(type), source }
}

/** A provider field that is a mapping, or Malformed when it is anything else. */
export function providerOf(value: JsonValue | undefined): Provider | Malformed {
  return isJsonObject(value) ? normalizeProvider(value) : malformed(value)
}

function pythonProvider(source: JsonObject): PythonProvider {
  const args = source.arguments
  const secrets = source.secrets
  return {
    kind: 'python',
    type: 'python',
    source,
    module: stringOr(source.module),
    func: stringOr(source.func),
    arguments: args === undefined ? undefined : isJsonObject(args) ? args : malformed(args),
    secrets:
      secrets === undefined
        ? undefined
        : Array.isArray(secrets) && secrets.every((scope) => typeof scope === 'string')
          ? secrets
          : malformed(secrets),
  }
}

function processProvider(source: JsonObject): ProcessProvider {
  const args = source.arguments
  const timeout = source.timeout
  return {
    kind: 'process',
    type: 'process',
    source,
    path: stringOr(source.path),
    arguments:
      args === undefined || args === null
        ? undefined
        : typeof args === 'string' || Array.isArray(args) || isJsonObject(args)
          ? args
          : malformed(args),
    timeout:
      timeout === undefined || timeout === null
        ? undefined
        : isTimeoutSeconds(timeout)
          ? timeout
          : malformed(timeout),
  }
}

function httpProvider(source: JsonObject): HttpProvider {
  const headers = source.headers
  const timeout = source.timeout
  const retries = source.max_retries
  return {
    kind: 'http',
    type: 'http',
    source,
    url: stringOr(source.url),
    method: typeof source.method === 'string' ? source.method : undefined,
    headers: headers === undefined ? undefined : isJsonObject(headers) ? headers : malformed(headers),
    arguments: source.arguments,
    timeout: timeout === undefined ? undefined : httpTimeout(timeout),
    verifyTls: source.verify_tls !== false,
    maxRetries: typeof retries === 'number' ? Math.max(0, Math.floor(retries)) : 0,
  }
}

function httpTimeout(timeout: JsonValue): number | [number, number] | Malformed {
  if (isTimeoutSeconds(timeout)) return timeout
  if (Array.isArray(timeout) && timeout.length === 2) {
    const [connect, read] = timeout
    if (isTimeoutSeconds(connect) && isTimeoutSeconds(read)) return [connect, read]
  }
  return malformed(timeout)
}

/** A timeout the providers can wait for: a positive, finite number of seconds. */
export function isTimeoutSeconds(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0
}

function stringOr(value: JsonValue | undefined): string | Malformed {
  return typeof value === 'string' ? value : malformed(value)
}
