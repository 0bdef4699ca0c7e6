/**
 * The namespaces an experiment targets, for the kill switch check before a run: the `ns` of every
 * Kubernetes activity (hypothesis, method, rollbacks, and the probes of a safeguards control),
 * `default` where a namespaced chaosk8s function leaves it out, as the reference does. Node and
 * namespace functions are cluster-wide and add none (only the global switch covers them).
 * `${name}` placeholders are filled from the configuration; those that cannot be are listed in
 * `unresolved`, for the caller to refuse rather than check the wrong namespace.
 */
export function killSwitchNamespaces(
  experiment: unknown,
  configuration: Record<string, unknown>,
): { namespaces: string[]; unresolved: string[] } {
  const namespaces = new Set<string>()
  const unresolved = new Set<string>()
  for (const provider of kubernetesProviders(experiment)) {
    const declared = record(provider.arguments).ns
    const ns = typeof declared === 'string' ? declared : namespacedByDefault(String(provider.module))
    if (ns === undefined) continue
    const resolved = fill(ns, configuration)
    if (resolved === undefined) unresolved.add(ns)
    else namespaces.add(resolved)
  }
  return { namespaces: [...namespaces], unresolved: [...unresolved] }
}

const KUBERNETES_MODULES = /^(chaosk8s|steadystate\.kubernetes|steadystate\.safeguards\.kubernetes)(\.|$)/

function namespacedByDefault(module: string): string | undefined {
  return /^chaosk8s\.(node|namespace)\./.test(module) ? undefined : 'default'
}

function* kubernetesProviders(experiment: unknown): Generator<Record<string, unknown>> {
  const root = record(experiment)
  const activities = [
    ...list(record(root['steady-state-hypothesis']).probes),
    ...list(root.method),
    ...list(root.rollbacks),
    ...list(root.controls).flatMap((control) =>
      list(record(record(record(control).provider).arguments).probes),
    ),
  ]
  for (const activity of activities) {
    const provider = record(record(activity).provider)
    if (
      provider.type === 'python' &&
      typeof provider.module === 'string' &&
      KUBERNETES_MODULES.test(provider.module)
    )
      yield provider
  }
}

/** `${key}` from the configuration, as the engine substitutes it; undefined if a key is missing. */
function fill(text: string, configuration: Record<string, unknown>): string | undefined {
  let missing = false
  const filled = text.replace(/\$\{([_A-Za-z][_A-Za-z0-9]*)\}/g, (_, key: string) => {
    const value = configuration[key]
    if (typeof value === 'string' || typeof value === 'number') return String(value)
    missing = true
    return ''
  })
  return missing || filled === '' ? undefined : filled
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {}
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : []
}
