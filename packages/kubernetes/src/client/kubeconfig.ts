import { KubeConfig } from '@kubernetes/client-node'
import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { delimiter, join } from 'node:path'
import { errorMessage } from '@steadystate/core'
import { KubernetesConfigError } from './errors.ts'

type Lookup = (key: string) => string | undefined

const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token'

/** Where the configuration came from, for messages ("context kind-dev from /home/me/.kube/config"). */
export interface LoadedKubeConfig {
  config: KubeConfig
  source: string
}

/**
 * Builds the client configuration the way users of the reference driver expect (secrets win over
 * the environment): KUBECONFIG (several files allowed) or ~/.kube/config with KUBERNETES_CONTEXT;
 * in-cluster service account; or KUBERNETES_HOST with a token, client certificate or basic auth.
 * Every failure names what to fix.
 */
export function loadKubeConfig(
  env: Readonly<Record<string, string | undefined>>,
  secrets: Record<string, unknown> = {},
): LoadedKubeConfig {
  const lookup: Lookup = (key) => {
    const value = secrets[key]
    if (typeof value === 'string' && value !== '') return value
    if (typeof value === 'number' || typeof value === 'boolean') return String(value)
    const fromEnv = env[key]
    return fromEnv === '' ? undefined : fromEnv
  }
  const files = kubeconfigFiles(env)
  if (files.length > 0 && lookup('KUBERNETES_HOST') === undefined) return fromFiles(files, lookup)
  if (
    env.CHAOSTOOLKIT_IN_POD === 'true' ||
    (env.KUBERNETES_SERVICE_HOST !== undefined && existsSync(SERVICE_ACCOUNT_TOKEN))
  ) {
    const config = new KubeConfig()
    try {
      config.loadFromCluster()
    } catch (error) {
      throw new KubernetesConfigError(`cannot use the pod's service account: ${errorMessage(error)}`, {
        cause: error,
      })
    }
    return { config, source: 'the in-cluster service account' }
  }
  if (lookup('KUBERNETES_HOST') !== undefined) return fromSettings(lookup)
  throw new KubernetesConfigError(
    'no Kubernetes configuration found: set KUBECONFIG (or create ~/.kube/config), run inside a pod ' +
      '(CHAOSTOOLKIT_IN_POD=true), or set KUBERNETES_HOST with KUBERNETES_API_KEY or a client certificate',
  )
}

function kubeconfigFiles(env: Readonly<Record<string, string | undefined>>): string[] {
  const listed = env.KUBECONFIG
  if (listed !== undefined && listed !== '') {
    const files = listed.split(delimiter).filter((file) => file !== '')
    const missing = files.filter((file) => !existsSync(file))
    if (missing.length === files.length) {
      throw new KubernetesConfigError(`KUBECONFIG names ${missing.join(', ')}, which does not exist`)
    }
    return files.filter((file) => existsSync(file))
  }
  const home = env.HOME ?? homedir()
  const fallback = join(home, '.kube', 'config')
  return existsSync(fallback) ? [fallback] : []
}

function fromFiles(files: string[], lookup: Lookup): LoadedKubeConfig {
  const config = new KubeConfig()
  for (const [index, file] of files.entries()) {
    const next = new KubeConfig()
    try {
      next.loadFromFile(file)
    } catch (error) {
      throw new KubernetesConfigError(`the kubeconfig ${file} cannot be read: ${errorMessage(error)}`, {
        cause: error,
      })
    }
    if (index === 0)
      Object.assign(config, { clusters: [], users: [], contexts: [], currentContext: next.currentContext })
    mergeInto(config, next)
  }
  const wanted = lookup('KUBERNETES_CONTEXT')
  if (wanted !== undefined) {
    if (config.getContextObject(wanted) === null) {
      const known = config.getContexts().map((context) => context.name)
      throw new KubernetesConfigError(
        `KUBERNETES_CONTEXT is '${wanted}', but ${files.join(', ')} has no such context (it has: ${known.join(', ') || 'none'})`,
      )
    }
    config.setCurrentContext(wanted)
  }
  const context = config.getCurrentContext()
  if (context === '' || config.getContextObject(context) === null) {
    throw new KubernetesConfigError(
      `${files.join(', ')} has no current context: set current-context or KUBERNETES_CONTEXT`,
    )
  }
  const cluster = config.getCurrentCluster()
  if (cluster === null || cluster.server === '') {
    throw new KubernetesConfigError(
      `context '${context}' in ${files.join(', ')} names no cluster with a server address`,
    )
  }
  return { config, source: `context '${context}' from ${files.join(', ')}` }
}

/** Merges like kubectl: the first file to define a name wins. */
function mergeInto(target: KubeConfig, source: KubeConfig): void {
  const add = <T extends { name: string }>(into: T[], from: T[]): T[] => [
    ...into,
    ...from.filter((item) => !into.some((existing) => existing.name === item.name)),
  ]
  target.clusters = add(target.clusters, source.clusters)
  target.users = add(target.users, source.users)
  target.contexts = add(target.contexts, source.contexts)
  if (target.currentContext === '' || target.currentContext === undefined)
    target.currentContext = source.currentContext
}

/** KUBERNETES_HOST and friends, as the reference's manual configuration reads them. */
function fromSettings(lookup: Lookup): LoadedKubeConfig {
  const server = lookup('KUBERNETES_HOST') ?? 'http://localhost'
  const verify = parseBoolean(lookup('KUBERNETES_VERIFY_SSL'), true)
  const token = lookup('KUBERNETES_API_KEY')
  const prefix = lookup('KUBERNETES_API_KEY_PREFIX') ?? 'Bearer'
  const user: Record<string, unknown> = { name: 'steadystate' }
  if (token !== undefined) {
    if (prefix === 'Bearer') user.token = token
    else
      throw new KubernetesConfigError(
        `KUBERNETES_API_KEY_PREFIX '${prefix}' is not supported: only Bearer tokens are`,
      )
  } else if (lookup('KUBERNETES_CERT_FILE') !== undefined) {
    user.certFile = lookup('KUBERNETES_CERT_FILE')
    user.keyFile = lookup('KUBERNETES_KEY_FILE')
  } else if (lookup('KUBERNETES_USERNAME') !== undefined) {
    user.username = lookup('KUBERNETES_USERNAME')
    user.password = lookup('KUBERNETES_PASSWORD')
  }
  for (const key of ['KUBERNETES_CA_CERT_FILE', 'KUBERNETES_CERT_FILE', 'KUBERNETES_KEY_FILE']) {
    const file = lookup(key)
    if (file !== undefined && !existsSync(file))
      throw new KubernetesConfigError(`${key} names ${file}, which does not exist`)
  }
  const config = new KubeConfig()
  config.loadFromOptions({
    clusters: [
      { name: 'steadystate', server, caFile: lookup('KUBERNETES_CA_CERT_FILE'), skipTLSVerify: !verify },
    ],
    users: [user],
    contexts: [{ name: 'steadystate', cluster: 'steadystate', user: 'steadystate' }],
    currentContext: 'steadystate',
  })
  return { config, source: `KUBERNETES_HOST ${server}` }
}

/** Real boolean parsing (the reference treats any value, even "false", as true). */
export function parseBoolean(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined) return fallback
  return !['false', '0', 'no', 'off'].includes(value.trim().toLowerCase())
}
