import { ActivityFailedError } from '@steadystate/core'

/** How steadystate authenticates to Prometheus (the reference cannot: it ignores `secrets`). */
export type PrometheusAuth =
  { kind: 'bearer'; token: string } | { kind: 'basic'; username: string; password: string }

/** The secret keys read from the scopes a provider lists in `"secrets": [...]`. */
export const AUTH_SECRET_KEYS = {
  token: 'prometheus_token',
  username: 'prometheus_username',
  password: 'prometheus_password',
} as const

/**
 * Reads Prometheus credentials from the provider's secrets (its listed scopes, merged): a bearer
 * token (`prometheus_token`), or basic auth (`prometheus_username` + `prometheus_password`). No key
 * means no authentication. Half a pair, or both kinds at once, is an error naming the keys: a probe
 * must not quietly query without the credentials its author meant it to use.
 */
export function authFromSecrets(secrets: Record<string, unknown> | undefined): PrometheusAuth | undefined {
  const token = secretText(secrets, AUTH_SECRET_KEYS.token)
  const username = secretText(secrets, AUTH_SECRET_KEYS.username)
  const password = secretText(secrets, AUTH_SECRET_KEYS.password)
  const basic = username !== undefined || password !== undefined
  if (token !== undefined && basic) {
    throw new ActivityFailedError(
      `the secrets set both ${AUTH_SECRET_KEYS.token} (bearer token) and ${AUTH_SECRET_KEYS.username}/` +
        `${AUTH_SECRET_KEYS.password} (basic auth) for Prometheus: keep one`,
    )
  }
  if (token !== undefined) return { kind: 'bearer', token }
  if (!basic) return undefined
  if (username === undefined || password === undefined) {
    const missing = username === undefined ? AUTH_SECRET_KEYS.username : AUTH_SECRET_KEYS.password
    throw new ActivityFailedError(`Prometheus basic auth needs ${missing} in the secrets as well`)
  }
  return { kind: 'basic', username, password }
}

function secretText(secrets: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = secrets?.[key]
  if (value === undefined || value === null || value === '') return undefined
  if (typeof value !== 'string')
    throw new ActivityFailedError(`the secret ${key} for Prometheus must be a string, got ${typeof value}`)
  return value
}

export function authorizationHeader(auth: PrometheusAuth): string {
  switch (auth.kind) {
    case 'bearer':
      return `Bearer ${auth.token}`
    case 'basic':
      return `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`
  }
}
