import { isRecord } from '@steadystate/model'
import { checkNamespace, type Guardrails } from '../select/guardrails.ts'

/**
 * The namespaces a Chaos Mesh object's pod selectors name: `selector.namespaces` and the namespaces
 * of `selector.pods`, at any depth, so a `target`, or the chaos a Schedule or a Workflow embeds, is
 * covered too. A selector without namespaces means the object's own namespace (Chaos Mesh's
 * default), which callers check anyway.
 */
export function selectedNamespaces(value: unknown): string[] {
  const found = new Set<string>()
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit)
      return
    }
    if (!isRecord(node)) return
    const selector = node.selector
    if (isRecord(selector)) {
      if (Array.isArray(selector.namespaces))
        for (const ns of selector.namespaces) if (typeof ns === 'string') found.add(ns)
      if (isRecord(selector.pods)) for (const ns of Object.keys(selector.pods)) found.add(ns)
    }
    Object.values(node).forEach(visit)
  }
  visit(value)
  return [...found]
}

function isChaosMesh(object: unknown): boolean {
  return (
    isRecord(object) &&
    typeof object.apiVersion === 'string' &&
    object.apiVersion.startsWith('chaos-mesh.org/')
  )
}

/**
 * Refuses to write a custom object in a protected namespace, or a Chaos Mesh object whose selectors
 * reach into one (its faults land where its selectors point, not where the object lives).
 */
export function guardCustomObject(ns: string | undefined, object: unknown, guardrails: Guardrails): void {
  if (ns !== undefined) checkNamespace(ns, guardrails)
  if (isChaosMesh(object))
    for (const selected of selectedNamespaces(object)) checkNamespace(selected, guardrails)
}
