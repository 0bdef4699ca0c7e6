import { SteadystateError } from '@steadystate/core'

/** A failed Kubernetes API call, with what a person needs to act on it. */
export class KubernetesApiError extends SteadystateError {
  readonly status: number
  readonly reason: string
  readonly method: string
  readonly path: string
  /** The response body as the server sent it (usually a Status object), for callers that return it. */
  readonly body: string

  constructor(options: {
    status: number
    reason: string
    message: string
    method: string
    path: string
    body?: string
  }) {
    super('KUBERNETES_API', describe(options))
    this.name = 'KubernetesApiError'
    this.status = options.status
    this.reason = options.reason
    this.method = options.method
    this.path = options.path
    this.body = options.body ?? ''
  }

  get isNotFound(): boolean {
    return this.status === 404
  }
}

function describe(options: {
  status: number
  reason: string
  message: string
  method: string
  path: string
}): string {
  const hint =
    options.status === 403
      ? ' (the credentials in use lack this permission: see deploy/rbac for the verbs steadystate needs)'
      : options.status === 401
        ? ' (the API server rejected the credentials: check the kubeconfig, context or token)'
        : ''
  return `Kubernetes API ${options.method} ${options.path} failed: ${options.status} ${options.reason}: ${options.message}${hint}`
}

/** The cluster could not be reached at all (refused, reset, DNS, TLS), after retries. */
export class KubernetesUnreachableError extends SteadystateError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('KUBERNETES_UNREACHABLE', message, options)
    this.name = 'KubernetesUnreachableError'
  }
}

/** The kubeconfig or credentials are missing or broken: a set-up problem, reported before the run. */
export class KubernetesConfigError extends SteadystateError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('KUBERNETES_CONFIG', message, options)
    this.name = 'KubernetesConfigError'
  }
}
