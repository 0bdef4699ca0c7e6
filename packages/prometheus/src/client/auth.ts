import { ActivityFailedError } from '@steadystate/core'

/** How steadystate authenticates to Prometheus (the reference cannot: it ignores `secrets`). */
export type PrometheusAuth =
  { kind: 'bearer'; token: string } | { kind: 'basic'; username: string; password: string }

/** The secret keys read from the scopes a provider lists in `"secrets": [...]`. */
export interface AuthSecretKeys {
  /** Who the credentials are for, in messages. */
  service: string
  token: string
  username: string
  password: string
}

export const AUTH_SECRET_KEYS: AuthSecretKeys = {
  service: 'Prometheus',
  token: 'prometheus_token',
  username: 'prometheus_username',
  password: 'prometheus_password',
}

/** The same for Alertmanager, which is often behind other credentials than Prometheus. */
export const ALERTMANAGER_AUTH_SECRET_KEYS: AuthSecretKeys = {
  service: 'Alertmanager',
  token: 'alertmanager_token',
  username: 'alertmanager_username',
  password: 'alertmanager_password',
}

/**
 * Reads Prometheus credentials from the provider's secrets (its listed scopes, merged): a bearer
 * token (`prometheus_token`), or basic auth (`prometheus_username` + `prometheus_password`). No key
 * means no authentication. Half a pair, or both kinds at once, is an error naming the keys: a probe
 * must not quietly query without the credentials its author meant it to use.
 */
export function authFromSecrets(
  secrets: Record<string, unknown> | undefined,
  keys: AuthSecretKeys = AUTH_SECRET_KEYS,
): PrometheusAuth | undefined {
  const token = secretText(secrets, keys.token, keys.service)
  const username = secretText(secrets, keys.username, keys.service)
  const password = secretText(secrets, keys.password, keys.service)
  const basic = username !== undefined || password !== undefined
  if (token !== undefined && basic) {
    throw new ActivityFailedError(
      `the secrets set both ${keys.token} (bearer token) and ${keys.username}/` +
        `${keys.password} (basic auth) for ${keys.service}: keep one`,
    )
  }
  if (token !== undefined) return { kind: 'bearer', token }
  if (!basic) return undefined
  if (username === undefined || password === undefined) {
    const missing = username === undefined ? keys.username : keys.password
    throw new ActivityFailedError(`${keys.service} basic auth needs ${missing} in the secrets as well`)
  }
  return { kind: 'basic', username, password }
}

function secretText(
  secrets: Record<string, unknown> | undefined,
  key: string,
  service: string,
): string | undefined {
  const value = secrets?.[key]
  if (value === undefined || value === null || value === '') return undefined
  if (typeof value !== 'string')
    throw new ActivityFailedError(`the secret ${key} for ${service} must be a string, got ${typeof value}`)
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
