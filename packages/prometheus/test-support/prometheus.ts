import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { ModuleRegistry, normalizeProvider, ProviderRegistry, type ProviderContext } from '@steadystate/core'
import type { JsonObject, JsonValue } from '@steadystate/model'
import { prometheusModules } from '../src/index.ts'

/**
 * Runs a `chaosprometheus.probes` (or tolerance) function as an experiment's python provider would:
 * through the engine's python provider, so argument defaults and error texts are the real ones.
 */
export function callProbe(
  func: string,
  args: Record<string, unknown>,
  options: {
    configuration?: Record<string, unknown>
    secrets?: Record<string, Record<string, unknown>>
    scopes?: string[]
    module?: string
    /** Receives what the function attaches with `measure`. */
    measure?: (kind: string, data: JsonValue) => void
    /** Receives what the function logs. */
    log?: (level: 'info' | 'warn', message: string) => void
  } = {},
): Promise<JsonValue> {
  const modules = new ModuleRegistry()
  for (const definition of prometheusModules()) modules.register(definition)
  const registry = new ProviderRegistry(modules)
  const python = registry.bind(
    normalizeProvider({
      type: 'python',
      module: options.module ?? 'chaosprometheus.probes',
      func,
      arguments: json(args),
      ...(options.scopes === undefined ? {} : { secrets: options.scopes }),
    }),
  )
  if (python === undefined) throw new Error('the engine has no python provider')
  const context: ProviderContext = {
    activityName: 'prometheus-probe',
    activityType: 'probe',
    configuration: json(options.configuration ?? {}),
    secrets: (options.secrets ?? {}) as Record<string, JsonObject>,
    env: process.env,
    cwd: process.cwd(),
    signal: new AbortController().signal,
    log: {
      info: (message) => options.log?.('info', message),
      warn: (message) => options.log?.('warn', message),
    },
    measure: (kind, data) => options.measure?.(kind, data),
    defer: () => undefined,
    resources: registry.resources,
  }
  return python.run(context)
}

/** Test literals are JSON. */
function json(value: Record<string, unknown>): JsonObject {
  return value as JsonObject
}

/** What a test HTTP server saw of one request. */
export interface SeenRequest {
  path: string
  query: URLSearchParams
  authorization: string | undefined
}

/** A local HTTP server answering like parts of Prometheus's API, recording what it was asked. */
export async function startApiDouble(
  answer: (request: SeenRequest, response: ServerResponse) => void,
): Promise<{ url: string; seen: SeenRequest[]; server: Server; close: () => Promise<void> }> {
  const seen: SeenRequest[] = []
  const server = createServer((request: IncomingMessage, response) => {
    // Split by hand: URL would read a path starting with // as a host.
    const [path = '/', search = ''] = (request.url ?? '/').split('?', 2)
    const entry = { path, query: new URLSearchParams(search), authorization: request.headers.authorization }
    seen.push(entry)
    answer(entry, response)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    server,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json' })
  response.end(JSON.stringify(body))
}
